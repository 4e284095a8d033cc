"""Benchmark: the deliveries report exported as CSV and XLSX, 280,000 rows.

Builds a throwaway database (SQLite by default; PostgreSQL with
``--database-url`` or ``DATABASE_URL``) with 28,000 learners in twelve cohorts
and ten sent deliveries each (bulk inserts, ``bench/_setup.py``), a third of
them answered. Then it downloads the deliveries report's CSV and XLSX through
the real admin view (Django's test ``Client``, as a superuser, consuming the
streamed response) and reports seconds and peak memory for each, beside a
baseline: iterating the same rows and columns with ``values_list``, which is
what any export must at least do. Peak memory is the growth of the process's
resident set (Linux's VmHWM, reset before each step), so it counts the
database driver and openpyxl too, not only Python objects.

Run it with ``make bench-exports`` (or ``.venv/bin/python bench/exports.py
[--deliveries N] [--formats csv,xlsx] [--database-url URL]``). Target: each
export well inside a 30 s worker timeout, in bounded memory. The last line is
each export's time as a ratio of the baseline's.
"""

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import (  # noqa: E402
    database_analyze,
    database_url_argument,
    drip_world_build,
    throwaway_database,
)

START = datetime(2026, 1, 5, 14, tzinfo=UTC)
PER_LEARNER = 10
# The deliveries report's export columns as lookups (DeliveriesReportView).
BASELINE_COLUMNS = (
    "enrollment__learner__email",
    "enrollment__cohort__name",
    "enrollment__learner__office",
    "page__title",
    "showing",
    "revision_id",
    "status",
    "status_reason",
    "due_at",
    "sent_at",
)


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class PeakMemory:
    """How far the resident set grew above its level at the start, in MB.

    Resets the kernel's high-water mark (``/proc/self/clear_refs``), so one
    process can measure steps one after another; where that is not possible
    the figure is the whole process's peak so far (marked with ``>=``).
    """

    def __enter__(self):
        try:
            with open("/proc/self/clear_refs", "w") as refs:
                refs.write("5")
            self.reset = True
        except OSError:
            self.reset = False
        self.start = _status_kib("VmRSS")
        return self

    def __exit__(self, *exc):
        self.peak_mb = max(0, _status_kib("VmHWM") - self.start) / 1024

    def label(self) -> str:
        return f"{'' if self.reset else '>='}{self.peak_mb:,.0f} MB"


def build(*, deliveries: int) -> int:
    """Sent deliveries (``PER_LEARNER`` per learner), a third answered."""
    from django.db import connection, transaction
    from django.db.models import F

    from boosters.models import Answer, Delivery, DeliveryStatus

    learners = max(1, deliveries // PER_LEARNER)
    world = drip_world_build(
        learners=learners,
        deliveries_per_enrollment=PER_LEARNER,
        due_at=lambda n, cohort: START + timedelta(days=3 * n),
    )
    started = time.perf_counter()
    Delivery.objects.update(status=DeliveryStatus.SENT, sent_at=F("due_at"))
    choice = world.page.choices.order_by("sort_order").first()
    delivery, enrollment = Delivery._meta.db_table, "boosters_enrollment"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Answer._meta.db_table} (delivery_id, learner_id, "
            "page_id, choice_id, choice_text, is_correct, showing, channel, "
            "answered_at, seconds_to_answer, counted_for_spacing, language) "
            f"SELECT d.id, e.learner_id, d.page_id, %s, %s, %s, d.showing, "
            f"'email', d.due_at, 600, %s, 'en' FROM {delivery} d "
            f"JOIN {enrollment} e ON e.id = d.enrollment_id WHERE d.id %% 3 = 0",
            [choice.pk, choice.text, True, True],
        )
    database_analyze()
    print(
        f"  sent, a third answered: {time.perf_counter() - started:.1f} s "
        f"({Answer.objects.count():,} answers)"
    )
    return Delivery.objects.count()


def timed(fn) -> tuple[float, PeakMemory, object]:
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - started
    return seconds, memory, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=280_000)
    parser.add_argument("--formats", default="csv,xlsx")
    database_url_argument(parser)
    args = parser.parse_args()
    formats = [name for name in args.formats.split(",") if name]

    with throwaway_database(args.database_url) as vendor:
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from boosters.models import Delivery

        print(f"Database: {vendor}")
        print(f"Building {args.deliveries:,} deliveries:")
        total = build(deliveries=args.deliveries)

        def baseline():
            rows = Delivery.objects.values_list(*BASELINE_COLUMNS).order_by(
                "-sent_at", "pk"
            )
            return sum(1 for _ in rows.iterator(chunk_size=2000))

        user = get_user_model().objects.create_superuser("bench", "b@x.org", "x")
        client = Client()
        client.force_login(user)
        url = reverse("boosters_report_deliveries")

        def export(kind: str):
            def download() -> tuple[int, bytes]:
                response = client.get(url, {"export": kind})
                assert response.status_code == 200, response.status_code
                size, head = 0, b""
                for chunk in response.streaming_content:
                    size += len(chunk)
                    head = head or chunk[:4]
                response.close()
                return size, head

            return download

        base_s, base_mem, rows = timed(baseline)
        print(f"Rows: {rows:,} deliveries ({total:,} in the table)")
        print(
            f"Baseline (values_list over the same rows and columns): "
            f"{base_s:.2f} s, peak +{base_mem.label()}"
        )
        ratios = []
        for kind in formats:
            seconds, memory, (size, head) = timed(export(kind))
            ok = head.startswith(b"\xef\xbb\xbf" if kind == "csv" else b"PK")
            ratios.append(f"{kind} {seconds / base_s:.1f}x")
            print(
                f"{kind.upper()} export through the view: {seconds:.2f} s, "
                f"peak +{memory.label()}, {size / 1e6:.1f} MB "
                f"({seconds / base_s:.1f}x baseline; "
                f"{'well inside' if seconds < 15 else 'NOT well inside'} a 30 s "
                f"worker timeout{'' if ok else '; UNEXPECTED FILE START'})"
            )
        print(f"ratio export/baseline: {', '.join(ratios)}")


if __name__ == "__main__":
    main()
