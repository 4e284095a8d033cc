"""Shared setup for the drip benchmarks: a throwaway database and bulk data.

``throwaway_database`` gives a fresh, migrated database: a temporary SQLite
file (the embedded default, as ``bench/dashboard.py`` does), or, given a
``postgres://`` URL, a new database on that server that is dropped afterwards.
``drip_world_build`` fills it with cohorts in twelve time zones, learners,
enrolments and deliveries using ``bulk_create`` only: one booster question page
with three choices is the only thing made through the page tree.
"""

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Twelve cohorts, twelve offices: the drip sends at each cohort's local time.
TIME_ZONES = (
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Australia/Sydney",
)


def database_url_argument(parser) -> None:
    """Add ``--database-url`` to a benchmark's command line."""
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="postgres://... to run on PostgreSQL (default: DATABASE_URL, "
        "else a temporary SQLite file)",
    )


def _django_setup(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _postgres_admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


@contextlib.contextmanager
def throwaway_database(database_url: str | None) -> Iterator[str]:
    """Set Django up on a fresh, migrated database; yield its engine's name.

    Without a URL (or with a SQLite one) it is a temporary SQLite file. With a
    PostgreSQL URL a database named ``hub_bench_<pid>`` is created on that
    server and dropped on the way out; the URL's own database is not touched.
    """
    if database_url and database_url.startswith(("postgres://", "postgresql://")):
        name = f"hub_bench_{os.getpid()}"
        _postgres_admin(database_url, f'CREATE DATABASE "{name}"')
        try:
            _django_setup(urlunsplit(urlsplit(database_url)._replace(path=f"/{name}")))
            yield "postgresql"
        finally:
            from django.db import connections

            connections.close_all()
            _postgres_admin(database_url, f'DROP DATABASE IF EXISTS "{name}"')
        return
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as folder:
        _django_setup(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        yield "sqlite"


def database_analyze() -> None:
    """Refresh the planner's statistics after a bulk load.

    PostgreSQL's autovacuum would do this on its own shortly after a load this
    size; running it here measures the steady state, not the first minute.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@dataclass
class DripWorld:
    """What ``drip_world_build`` made, for the benchmarks to use."""

    page: object  # the BoosterQuestionPage every delivery sends
    cohorts: list
    enrollment_ids: list[int]


def drip_world_build(
    *,
    learners: int,
    deliveries_per_enrollment: int,
    due_at: Callable[[int, object], datetime],
    chunk: int = 20_000,
    progress: Callable[[str], None] = print,
) -> DripWorld:
    """Learners spread over twelve cohorts, one enrolment each, and deliveries.

    ``due_at(n, cohort)`` is the due time of an enrolment's ``n``-th delivery
    (``n`` from 0). Deliveries are inserted in chunks of ``chunk`` rows so
    memory stays flat at a million of them.
    """
    from wagtail.models import Page

    from boosters.models import (
        BoosterChoice,
        BoosterQuestionPage,
        Cohort,
        Enrollment,
        Learner,
        Program,
    )
    from home.models import TopicPage

    started = time.perf_counter()
    root = Page.get_first_root_node()
    topic = root.add_child(
        instance=TopicPage(title="Giving feedback", slug="bench-topic")
    )
    page = topic.add_child(
        instance=BoosterQuestionPage(
            title="A colleague's slides are cluttered",
            slug="cluttered-slides",
            question=(
                "<p>A colleague asks what you think of a deck where every slide "
                "carries five bullet points and a chart. What do you say first?</p>"
            ),
            explanation="<p>Start from what works, then one concrete change.</p>",
            success_looks_like="<p>They leave with one change to try.</p>",
            expected_results="<p>A clearer next version.</p>",
        )
    )
    BoosterChoice.objects.bulk_create(
        [
            BoosterChoice(
                page=page,
                text=text,
                is_correct=n == 0,
                sort_order=n,
                feedback="<p>.</p>",
                # Choices are translatable with their page (P12); bulk_create
                # skips the save() that would give them the page's locale.
                locale_id=page.locale_id,
            )
            for n, text in enumerate(
                (
                    "Name what works, then suggest one slide to cut",
                    "List every problem you see",
                    "Say it looks fine",
                )
            )
        ]
    )
    page.save_revision().publish()
    program = Program.objects.create(name="Feedback boosters", slug="bench")
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(
                program=program,
                name=f"Cohort {n + 1} ({zone.rpartition('/')[2].replace('_', ' ')})",
                slug=f"bench-{n + 1}",
                region=zone.rpartition("/")[2].replace("_", " "),
                time_zone=zone,
                anchor_date=datetime(2026, 1, 2).date(),
            )
            for n, zone in enumerate(TIME_ZONES)
        ]
    )
    if not all(cohort.pk for cohort in cohorts):  # backends without RETURNING
        cohorts = list(Cohort.objects.filter(program=program).order_by("slug"))
    Learner.objects.bulk_create(
        (
            Learner(
                email=f"learner{n}@example.com",
                first_name="Learner",
                last_name=str(n),
                time_zone=TIME_ZONES[n % len(TIME_ZONES)],
            )
            for n in range(learners)
        ),
        batch_size=chunk,
    )
    learner_ids = list(Learner.objects.order_by("pk").values_list("pk", flat=True))
    Enrollment.objects.bulk_create(
        (
            Enrollment(learner_id=pk, cohort=cohorts[n % len(cohorts)])
            for n, pk in enumerate(learner_ids)
        ),
        batch_size=chunk,
    )
    enrollments = list(Enrollment.objects.order_by("pk").values_list("pk", "cohort_id"))
    progress(
        f"  {learners:,} learners and enrolments in {len(cohorts)} cohorts: "
        f"{time.perf_counter() - started:.1f} s"
    )
    by_id = {cohort.pk: cohort for cohort in cohorts}
    total = len(enrollments) * deliveries_per_enrollment
    inserted = 0
    for n in range(deliveries_per_enrollment):
        # Due times depend only on the cohort: adapt each once, not per row.
        due = {pk: due_at(n, cohort) for pk, cohort in by_id.items()}
        values = {pk: _delivery_values(when) for pk, when in due.items()}
        for start in range(0, len(enrollments), chunk):
            _deliveries_insert(
                [
                    (*values[cohort_id], enrollment_id, page.pk, n + 1)
                    for enrollment_id, cohort_id in enrollments[start : start + chunk]
                ]
            )
            inserted += len(enrollments[start : start + chunk])
            if inserted % 200_000 == 0:
                progress(
                    f"  {inserted:,}/{total:,} deliveries: "
                    f"{time.perf_counter() - started:.1f} s"
                )
    database_analyze()
    progress(f"  built in {time.perf_counter() - started:.1f} s")
    return DripWorld(
        page=page,
        cohorts=cohorts,
        enrollment_ids=[pk for pk, _ in enrollments],
    )


_DELIVERY_COLUMNS = (
    "due_at",
    "local_date",
    "status",
    "status_reason",
    "attempts",
    "claim_token",
    "message_id",
    "last_error",
    "created_at",
    "updated_at",
    "enrollment_id",
    "page_id",
    "showing",
)


def _delivery_values(due: datetime) -> tuple:
    """The columns of a pending delivery due at ``due``, before its foreign keys."""
    from django.db import connection
    from django.utils import timezone

    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    return (
        ops.adapt_datetimefield_value(due),
        ops.adapt_datefield_value(due.date()),
        "pending",
        "",
        0,
        "",
        "",
        "",
        now,
        now,
    )


def _deliveries_insert(rows: list[tuple]) -> None:
    """Insert pending deliveries with one ``executemany``.

    ``bulk_create`` spends most of its time preparing each field of each row;
    at a million rows that is minutes on SQLite, and the values here are the
    same for every row of a cohort, so they are adapted once.
    """
    from django.db import connection, transaction

    from boosters.models import Delivery

    columns = ", ".join(f'"{name}"' for name in _DELIVERY_COLUMNS)
    marks = ", ".join(["%s"] * len(_DELIVERY_COLUMNS))
    sql = f"INSERT INTO {Delivery._meta.db_table} ({columns}) VALUES ({marks})"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def local_send_time(cohort, day: datetime) -> datetime:
    """9:00 on ``day``'s date in the cohort's time zone, as an aware datetime."""
    from zoneinfo import ZoneInfo

    return datetime.combine(day.date(), cohort.send_time, ZoneInfo(cohort.time_zone))


@dataclass
class AnswerWorld:
    """What ``answer_world_build`` made: sent questions waiting for an answer."""

    page: object  # the BoosterQuestionPage every delivery sent
    choice_ids: list[int]  # its choices, in order; the first is correct
    delivery_ids: list[int]  # one sent delivery per learner, in learner order


def answer_world_build(
    *, learners: int, now: datetime, progress: Callable[[str], None] = print
) -> AnswerWorld:
    """N learners, each sent one booster question that waits for an answer.

    The world of ``drip_world_build`` with its question made a program step,
    so an answer is spaced and plan sync schedules its repeat as in
    production. The deliveries fall due an hour before ``now`` and are sent by
    the real ``drip_tick`` (to the in-memory outbox), which records what an
    answer needs: the revision sent, ``sent_at`` and the answer window.
    """
    from datetime import timedelta

    from django.core import mail

    from boosters.drip.dispatch import drip_tick
    from boosters.models import Delivery, DeliveryStatus, ProgramStep

    world = drip_world_build(
        learners=learners,
        deliveries_per_enrollment=1,
        due_at=lambda n, cohort: now - timedelta(hours=1),
        progress=progress,
    )
    step = ProgramStep.objects.create(
        program=world.cohorts[0].program, page=world.page, day_offset=0
    )
    Delivery.objects.update(step=step)
    started = time.perf_counter()
    sent = 0
    while True:
        result = drip_tick(now=now)
        mail.outbox = []
        sent += result.sent
        if not result.sent and not result.retried:
            break
    progress(
        f"  sent {sent:,} questions with drip_tick in "
        f"{time.perf_counter() - started:.1f} s"
    )
    database_analyze()
    deliveries = Delivery.objects.filter(status=DeliveryStatus.SENT).order_by(
        "enrollment__learner_id"
    )
    return AnswerWorld(
        page=world.page,
        choice_ids=list(
            world.page.choices.order_by("sort_order").values_list("pk", flat=True)
        ),
        delivery_ids=list(deliveries.values_list("pk", flat=True)),
    )
