"""Benchmark: one drip tick when nothing is due, on a big planned queue.

Builds a throwaway database (SQLite by default; PostgreSQL with
``--database-url`` or ``DATABASE_URL``) with 100,000 enrolments in twelve
cohorts across time zones and 1,000,000 pending deliveries, all due in the
coming days (bulk inserts in chunks). Then it times ``drip_tick(now=...)``
(median of ``--repeat`` ticks) and counts its queries, beside a baseline of the
one indexed question a tick must answer: is any pending delivery due?

Run it with ``make bench-idle-tick`` (or ``.venv/bin/python bench/idle_tick.py
[--enrollments N] [--deliveries N]``). Targets: at most 10 queries and under
50 ms. The last line is the tick's time as a ratio of the baseline's.
"""

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import (  # noqa: E402
    database_url_argument,
    drip_world_build,
    local_send_time,
    throwaway_database,
)

NOW = datetime(2026, 3, 2, 6, tzinfo=UTC)  # before any cohort's 9:00 that day


def _timed(fn, *, repeat: int) -> float:
    """Median seconds of ``repeat`` runs of ``fn``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrollments", type=int, default=100_000)
    parser.add_argument("--deliveries", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--queries", action="store_true", help="list the tick's queries"
    )
    database_url_argument(parser)
    args = parser.parse_args()
    per_enrollment = max(1, args.deliveries // args.enrollments)

    with throwaway_database(args.database_url) as vendor:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from boosters.drip.dispatch import drip_tick
        from boosters.models import Delivery, DeliveryStatus

        print(f"Database: {vendor}")
        print(
            f"Building {args.enrollments:,} enrolments with {per_enrollment} "
            "pending deliveries each, none due yet:"
        )
        drip_world_build(
            learners=args.enrollments,
            deliveries_per_enrollment=per_enrollment,
            due_at=lambda n, cohort: local_send_time(
                cohort, NOW + timedelta(days=n + 1)
            ),
        )
        pending = Delivery.objects.filter(status=DeliveryStatus.PENDING).count()

        def baseline():
            return Delivery.objects.filter(
                status=DeliveryStatus.PENDING, due_at__lte=NOW
            ).exists()

        assert not baseline(), "something is due: the idle tick would send it"
        drip_tick(now=NOW)  # warm up: connection, statement and template caches
        with CaptureQueriesContext(connection) as queries:
            result = drip_tick(now=NOW)
        assert not result.sent, result
        tick = _timed(lambda: drip_tick(now=NOW), repeat=args.repeat)
        base = _timed(baseline, repeat=args.repeat)

        # Django logs transaction control too (SQLite's BEGIN IMMEDIATE, COMMIT).
        control = sum(
            query["sql"].split()[0].upper() in {"BEGIN", "COMMIT", "ROLLBACK"}
            for query in queries.captured_queries
        )
        print(f"Pending deliveries: {pending:,} (none due)")
        print(f"Tick result: {result}")
        print(
            f"Baseline (is a pending delivery due? one indexed exists()): "
            f"{base * 1000:.2f} ms"
        )
        print(
            f"Idle drip_tick: {tick * 1000:.1f} ms (median of {args.repeat}), "
            f"{len(queries)} queries ({len(queries) - control} statements and "
            f"{control} BEGIN/COMMIT) - targets at most 10 queries: "
            f"{'met' if len(queries) <= 10 else 'NOT met'}, under 50 ms: "
            f"{'met' if tick < 0.05 else 'NOT met'}"
        )
        if len(queries) > 10 or args.queries:
            for n, query in enumerate(queries.captured_queries, 1):
                print(f"  {n}. ({float(query['time']) * 1000:.1f} ms) {query['sql']}")
        print(f"Idle tick / baseline: {tick / base:.1f}x")


if __name__ == "__main__":
    main()
