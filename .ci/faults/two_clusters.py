#!/usr/bin/env python
"""Fault injection: two qcluster processes drain one due batch on PostgreSQL.

Needs ``DATABASE_URL`` pointing at PostgreSQL (``DATABASE_URL=$(.ci/postgres)``);
without it the script says so and exits 0. It creates a throwaway database on
that server with ``--deliveries`` deliveries due an hour ago, runs the SMTP sink
in this process and starts two ``manage.py qcluster`` processes with one
worker each (the ORM broker on the same database, or Redis
when ``REDIS_URL`` is set). Once both log that they run, it writes the
schedules (``setup_schedules``) with the drip tick due now and the others pushed
a day out, and queues ``--ticks`` more drip ticks so that both clusters drain
the same batch at the same time (the schedule alone fires one tick a minute).
It waits until nothing is pending or sending, stops the
clusters and checks that every learner got exactly one message.

The last line is ``clusters=2 ticks=T racing=R duplicates=D``: ``racing`` is
how many ticks sent something; with one worker per cluster, two or more means
both clusters drained the batch at once. Exit 1 if any delivery is unsent or
any message went twice.
"""

import argparse
import io
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

from _harness import (
    HERE,
    ROOT,
    SmtpSink,
    delivery_audit,
    delivery_statuses,
    due_deliveries_build,
    is_postgres,
    throwaway_database,
)


class ClusterProcess:
    """A ``manage.py qcluster`` child whose log is read for its "running" line."""

    def __init__(self, *, env: dict):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.running = threading.Event()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.log.append(line)
            if "running." in line:
                self.running.set()


def clusters_start(*, env: dict, count: int) -> list[ClusterProcess]:
    # One worker each: two ticks that both send must be in different clusters.
    env = {
        **env,
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
        "Q_WORKERS": "1",
    }
    return [ClusterProcess(env=env) for _ in range(count)]


def clusters_stop(clusters: list[ClusterProcess]) -> None:
    for cluster in clusters:
        if cluster.process.poll() is None:
            cluster.process.send_signal(signal.SIGTERM)  # it stops its workers
    for cluster in clusters:
        try:
            cluster.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.process.pid, signal.SIGKILL)
            cluster.process.wait()


def schedules_due_now(*, ticks: int) -> None:
    """Make the drip tick due now, push the other jobs out, queue extra ticks."""
    from django.core.management import call_command
    from django.utils import timezone

    from django_q.models import Schedule
    from django_q.tasks import async_task

    logging.getLogger("django-q").setLevel(logging.WARNING)  # no "Enqueued" lines
    call_command("setup_schedules", stdout=io.StringIO())
    now = timezone.now()
    Schedule.objects.exclude(name="Drip tick").update(next_run=now + timedelta(days=1))
    Schedule.objects.filter(name="Drip tick").update(next_run=now)
    for _ in range(ticks):
        async_task("boosters.tasks.drip_tick_task")


def tick_results() -> list[str]:
    from django_q.models import Success

    return list(
        Success.objects.filter(func="boosters.tasks.drip_tick_task")
        .order_by("started")
        .values_list("result", flat=True)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--ticks", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=240)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    if not is_postgres(database_url):
        print("two_clusters: skipped, DATABASE_URL is not PostgreSQL.")
        return 0
    started = time.perf_counter()
    with SmtpSink() as sink:
        os.environ["FAULT_SMTP_PORT"] = str(sink.port)
        with throwaway_database(database_url) as env:
            from django.db import connections
            from django.utils import timezone

            due_deliveries_build(
                learners=args.deliveries, due_at=timezone.now() - timedelta(minutes=5)
            )
            broker = "Redis" if os.environ.get("REDIS_URL") else "the ORM broker"
            print(
                f"{args.deliveries} due deliveries on PostgreSQL, {broker}: "
                f"{time.perf_counter() - started:.1f} s"
            )
            clusters = clusters_start(env=env, count=2)
            try:
                for cluster in clusters:
                    if not cluster.running.wait(timeout=60):
                        raise SystemExit("A cluster did not start within 60 s.")
                schedules_due_now(ticks=args.ticks)
                print(f"  clusters running: {time.perf_counter() - started:.1f} s")
                deadline = time.monotonic() + args.timeout
                while time.monotonic() < deadline:
                    statuses = delivery_statuses()
                    if not statuses.get("pending") and not statuses.get("sending"):
                        break
                    if any(c.process.poll() is not None for c in clusters):
                        break
                    time.sleep(1)
                print(f"  drained: {delivery_statuses()}")
                time.sleep(2)  # let the last tasks save their results
            finally:
                clusters_stop(clusters)
            for n, cluster in enumerate(clusters, 1):
                if cluster.process.returncode not in (0, -signal.SIGTERM):
                    print(f"  cluster {n} exited {cluster.process.returncode}:")
                    print("".join(cluster.log[-20:]))
            results = tick_results()
            for result in results:
                print(f"  tick: {result}")
            audit = delivery_audit(sink)
            connections.close_all()

    racing = sum(1 for result in results if not result.startswith("sent 0,"))
    problems = []
    if audit.statuses.get("sent", 0) != audit.deliveries:
        problems.append(f"not every delivery was sent: {audit.statuses}")
    if audit.missing or audit.unrecorded:
        problems.append(
            f"{len(audit.missing)} sent deliveries never arrived, "
            f"{len(audit.unrecorded)} recorded Message-IDs never arrived"
        )
    if audit.duplicates:
        problems.append(f"{audit.duplicates} duplicate messages")
    print(
        f"{audit.deliveries} deliveries: {audit.statuses}; {audit.messages} messages "
        f"at the sink; {time.perf_counter() - started:.1f} s"
    )
    for problem in problems:
        print(f"FAIL: {problem}")
    print(
        f"clusters=2 ticks={len(results)} racing={racing} duplicates={audit.duplicates}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
