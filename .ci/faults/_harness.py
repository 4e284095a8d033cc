"""Shared pieces of the fault-injection scripts.

- ``throwaway_database``: Django set up on a fresh, migrated database (SQLite
  under a temporary ``HUB_VAR_DIR``, or a new PostgreSQL database that is
  dropped afterwards).
- ``SmtpSink``: an aiosmtpd server on loopback, in this process, that records
  the recipient and Message-ID of every message it accepts and can be told to
  answer 4xx instead.
- ``due_deliveries_build``: one published booster question and one due delivery
  per learner, inserted with ``bulk_create``.
- ``delivery_audit``: what the sink saw against what the database says.
"""

import collections
import contextlib
import os
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email import message_from_bytes
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.startswith(("postgres://", "postgresql://"))


def _django_setup(*, database_url: str | None, var_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "fault_settings"
    os.environ["HUB_VAR_DIR"] = var_dir
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _postgres_admin(url: str, sql: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


@contextlib.contextmanager
def throwaway_database(database_url: str | None = None) -> Iterator[dict]:
    """Set Django up on a fresh, migrated database; yield the child environment.

    The yielded dict is ``os.environ`` plus what a child process (a tick, a
    cluster) needs to reach the same database with the same settings.
    """
    with tempfile.TemporaryDirectory(prefix="hub-faults-") as var_dir:
        if not is_postgres(database_url):
            _django_setup(database_url=None, var_dir=var_dir)
            yield dict(os.environ)
            return
        name = f"hub_faults_{os.getpid()}"
        url = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
        _postgres_admin(database_url, f'DROP DATABASE IF EXISTS "{name}"')
        _postgres_admin(database_url, f'CREATE DATABASE "{name}"')
        try:
            _django_setup(database_url=url, var_dir=var_dir)
            yield dict(os.environ)
        finally:
            from django.db import connections

            connections.close_all()
            _postgres_admin(database_url, f'DROP DATABASE IF EXISTS "{name}" (FORCE)')


class _RecordingHandler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802 — aiosmtpd's hook
        if self.sink.reply is not None:
            return self.sink.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook
        message_id = message_from_bytes(envelope.original_content)["Message-ID"]
        with self.sink.lock:
            for address in envelope.rcpt_tos:
                self.sink.received.append((address.lower(), message_id))
        return "250 OK"


class SmtpSink:
    """An SMTP server on loopback that records (recipient, Message-ID) pairs.

    Set ``reply`` to an SMTP reply such as ``"421 4.3.0 Try later"`` to refuse
    recipients with it; ``None`` accepts them.
    """

    def __init__(self, *, port: int | None = None):
        self.port = port or free_port()
        self.received: list[tuple[str, str]] = []
        self.reply: str | None = None
        self.lock = threading.Lock()
        self._controller = None

    def start(self) -> "SmtpSink":
        from aiosmtpd.controller import Controller

        self._controller = Controller(
            _RecordingHandler(self), hostname=HOST, port=self.port, data_size_limit=0
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def counts(self) -> collections.Counter:
        """How many messages each recipient got."""
        with self.lock:
            return collections.Counter(address for address, _ in self.received)

    def message_ids(self) -> set[str]:
        with self.lock:
            return {message_id for _, message_id in self.received}


def due_deliveries_build(*, learners: int, due_at: datetime) -> None:
    """One cohort of ``learners`` learners, each with one delivery due at ``due_at``.

    The page tree is touched once (a topic and a booster question with three
    choices); everything else goes in with ``bulk_create``.
    """
    from wagtail.models import Page

    from boosters.models import (
        BoosterChoice,
        BoosterQuestionPage,
        Cohort,
        Delivery,
        Enrollment,
        Learner,
        Program,
    )
    from home.models import TopicPage

    root = Page.get_first_root_node()
    topic = root.add_child(instance=TopicPage(title="Giving feedback", slug="faults"))
    page = topic.add_child(
        instance=BoosterQuestionPage(
            title="A colleague's slides are cluttered",
            slug="cluttered-slides",
            question="<p>What do you say first?</p>",
            explanation="<p>Start from what works, then one concrete change.</p>",
            success_looks_like="<p>They leave with one change to try.</p>",
            expected_results="<p>A clearer next version.</p>",
        )
    )
    BoosterChoice.objects.bulk_create(
        BoosterChoice(
            page=page,
            text=text,
            is_correct=n == 0,
            sort_order=n,
            feedback="<p>.</p>",
            # Choices are translatable with their page; bulk_create skips the
            # save() that would give them the page's locale.
            locale_id=page.locale_id,
        )
        for n, text in enumerate(("Name what works", "List every problem", "Say fine"))
    )
    page.save_revision().publish()
    program = Program.objects.create(name="Feedback boosters", slug="faults")
    cohort = Cohort.objects.create(
        program=program,
        name="Faults",
        slug="faults",
        region="UTC",
        time_zone="UTC",
        anchor_date=date(2026, 1, 2),
    )
    Learner.objects.bulk_create(
        Learner(email=f"learner{n}@example.com", first_name="Learner", last_name=str(n))
        for n in range(learners)
    )
    Enrollment.objects.bulk_create(
        Enrollment(learner_id=pk, cohort=cohort)
        for pk in Learner.objects.order_by("pk").values_list("pk", flat=True)
    )
    Delivery.objects.bulk_create(
        Delivery(
            enrollment_id=pk,
            page_id=page.pk,
            showing=1,
            local_date=due_at.date(),
            due_at=due_at,
        )
        for pk in Enrollment.objects.order_by("pk").values_list("pk", flat=True)
    )


def delivery_statuses() -> dict[str, int]:
    """How many deliveries are in each status."""
    from django.db.models import Count

    from boosters.models import Delivery

    return dict(
        Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )


@dataclass
class Audit:
    """The sink's view of a drain checked against the database's."""

    deliveries: int
    statuses: dict[str, int]
    messages: int
    duplicates: int  # messages beyond the first for each recipient
    missing: list[str]  # learners with a sent delivery the sink never saw
    unrecorded: list[str]  # sent deliveries whose Message-ID never arrived

    @property
    def unfinished(self) -> int:
        return sum(
            n for status, n in self.statuses.items() if status in {"pending", "sending"}
        )


def delivery_audit(sink: SmtpSink) -> Audit:
    """Compare every delivery's outcome with what reached the sink."""
    from boosters.models import Delivery, DeliveryStatus

    counts = sink.counts()
    arrived = sink.message_ids()
    sent = list(
        Delivery.objects.filter(status=DeliveryStatus.SENT).values_list(
            "enrollment__learner__email", "message_id"
        )
    )
    return Audit(
        deliveries=Delivery.objects.count(),
        statuses=delivery_statuses(),
        messages=sum(counts.values()),
        duplicates=sum(n - 1 for n in counts.values()),
        missing=sorted(email for email, _ in sent if not counts[email.lower()]),
        unrecorded=sorted(email for email, mid in sent if mid not in arrived),
    )
