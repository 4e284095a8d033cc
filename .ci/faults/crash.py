#!/usr/bin/env python
"""Fault injection: kill -9 the dispatcher mid-drain, again and again.

Builds a throwaway SQLite database with ``--deliveries`` due deliveries (one
per learner), runs an SMTP sink in this process, then ``--kills`` times starts
a tick in a child process (forked) and kills it with SIGKILL at a random
moment of its drain. Each kill leaves at most the claimed batch in ``sending``;
ticks at the same instant leave those rows alone (they are not yet stale), so
after the kills a tick ``STALE_AFTER`` later re-queues and re-sends them.

Checks, exiting 1 on any violation:
- nothing is lost: every delivery ends sent, failed or skipped, and every
  learner's sent delivery reached the sink with the recorded Message-ID;
- duplicates are at most the messages in flight at the kills: the rows found in
  ``sending`` after each kill (each at most one batch, ``BATCH_SIZE``).

The last line is ``kills=K duplicates=D bound=B``.

Usage: ``.venv/bin/python .ci/faults/crash.py [--deliveries N] [--kills N]
[--seed N]``.
"""

import argparse
import os
import random
import signal
import sys
import time
import traceback
from datetime import UTC, datetime, timedelta

from _harness import (
    SmtpSink,
    delivery_audit,
    delivery_statuses,
    due_deliveries_build,
    throwaway_database,
)

DUE = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def tick_fork(*, now: datetime) -> int:
    """Run one drip tick in a forked child process; return its pid.

    Forking the set-up interpreter instead of starting a new one saves Django's
    two-second start per restart; the child is still a separate process that
    SIGKILL ends mid-write, with its own database and SMTP connections.
    """
    from django.db import connections

    from boosters.drip.dispatch import drip_tick

    connections.close_all()  # the child must open its own database connection
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        drip_tick(now=now)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


def tick_wait(pid: int, *, timeout: float) -> int | None:
    """The child's exit status, or None if it still runs after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            return None
        time.sleep(0.005)


def tick_kill_during_drain(*, now: datetime, delay: float) -> bool:
    """Start a tick and SIGKILL it after ``delay`` s; True if it was killed."""
    pid = tick_fork(now=now)
    code = tick_wait(pid, timeout=delay)
    if code is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return True
    if code:
        raise SystemExit(f"A tick failed (exit {code}).")
    return False  # it finished the drain before the kill


def tick_run(*, now: datetime) -> None:
    code = tick_wait(tick_fork(now=now), timeout=300)
    if code:
        raise SystemExit(f"A tick failed (exit {code}).")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--deliveries",
        type=int,
        default=None,
        help="due deliveries (default: enough pending rows for every kill, "
        "(3 x kills + 2) x BATCH_SIZE)",
    )
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--max-delay", type=float, default=1.0, help="longest wait before a kill (s)"
    )
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    started = time.perf_counter()

    with SmtpSink() as sink:
        os.environ["FAULT_SMTP_PORT"] = str(sink.port)
        with throwaway_database():
            from boosters.drip.dispatch import BATCH_SIZE, STALE_AFTER

            # Each kill strands one claimed batch in ``sending``, and a tick
            # may finish a batch or two before its kill (about 700 messages a
            # second reach this sink): with fewer rows the drain runs out of
            # pending deliveries before the last kill.
            deliveries = args.deliveries or (3 * args.kills + 2) * BATCH_SIZE
            due_deliveries_build(learners=deliveries, due_at=DUE)
            print(
                f"{deliveries} due deliveries, seed {seed}: "
                f"{time.perf_counter() - started:.1f} s"
            )
            kills = bound = 0
            statuses = delivery_statuses()
            while kills < args.kills and statuses.get("pending"):
                delay = rng.uniform(0.05, args.max_delay)
                if not tick_kill_during_drain(now=DUE, delay=delay):
                    break  # the drain finished before the kill
                kills += 1
                stuck_before = statuses.get("sending", 0)
                statuses = delivery_statuses()
                # The batch this tick had claimed and not yet recorded.
                in_flight = statuses.get("sending", 0) - stuck_before
                bound += in_flight
                print(
                    f"  kill {kills} after {delay:.2f} s: {len(sink.received)} "
                    f"messages at the sink, {in_flight} in flight; {statuses}"
                )
            # Finish the drain at the same instant, then recover the stale rows.
            tick_run(now=DUE)
            print(f"  after a clean tick: {delivery_statuses()}")
            tick_run(now=DUE + STALE_AFTER + timedelta(minutes=1))
            print(f"  after a tick STALE_AFTER later: {delivery_statuses()}")
            audit = delivery_audit(sink)

    problems = []
    if audit.unfinished:
        problems.append(f"{audit.unfinished} deliveries still pending or sending")
    if audit.missing:
        problems.append(f"{len(audit.missing)} sent deliveries never arrived")
    if audit.unrecorded:
        problems.append(f"{len(audit.unrecorded)} recorded Message-IDs never arrived")
    if audit.statuses.get("sent", 0) != audit.deliveries:
        problems.append(f"not every delivery was sent: {audit.statuses}")
    if kills < args.kills:
        problems.append(
            f"only {kills} of {args.kills} kills: the drain ran out of pending "
            "deliveries (pass more --deliveries)"
        )
    if audit.duplicates > bound:
        problems.append(f"{audit.duplicates} duplicates exceed the bound {bound}")
    if bound > kills * BATCH_SIZE:
        problems.append(f"more than one batch in flight at a kill: {bound}")
    print(
        f"{audit.deliveries} deliveries: {audit.statuses}; {audit.messages} "
        f"messages at the sink; {time.perf_counter() - started:.1f} s"
    )
    for problem in problems:
        print(f"FAIL: {problem}")
    print(f"kills={kills} duplicates={audit.duplicates} bound={bound}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
