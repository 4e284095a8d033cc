"""A real SMTP outage: refused connections, then 4xx replies, then recovery.

The dispatcher talks SMTP over loopback to an aiosmtpd server the test controls.
Every delivery backs off through the outage and arrives exactly once after it.
"""

import collections
import datetime as dt
import socket
import threading
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from boosters.drip.dispatch import STALE_AFTER, drip_tick
from boosters.drip.notices import notice_queue
from boosters.drip.sending import BACKOFF_BASE
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import (
    Delivery,
    DeliveryStatus,
    Notice,
    NoticeKind,
    SubscriptionStatus,
)
from boosters.planning.sync import cohort_plan_sync
from community.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db

ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
DUE = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)
LEARNERS = 12
TRY_LATER = "421 4.3.0 Service not available, try again later"


class SmtpSink:
    """An SMTP server on loopback; ``reply`` set to a 4xx refuses recipients."""

    def __init__(self, port: int):
        self.port = port
        self.reply: str | None = None
        self.unknown: set[str] = set()  # addresses refused with a 550
        self.received: list[tuple[str, str]] = []  # (recipient, Message-ID)
        self.messages: list = []
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802 — aiosmtpd's hook
        if self.reply:
            return self.reply
        if address in self.unknown:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook
        message = message_from_bytes(envelope.original_content)
        with self.lock:
            self.messages.append(message)
            self.received += [
                (address, message["Message-ID"]) for address in envelope.rcpt_tos
            ]
        return "250 OK"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def sink(settings):
    """A sink that is not listening yet: connections to its port are refused."""
    sink = SmtpSink(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


@pytest.fixture
def enrollments(topic):
    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 2))
    enrollments = [
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED) for _ in range(LEARNERS)
    ]
    cohort_plan_sync(cohort=cohort)
    return enrollments


def pending_retries(attempts: int) -> bool:
    return all(
        d.status == DeliveryStatus.PENDING and d.attempts == attempts
        for d in Delivery.objects.all()
    )


def test_outage_then_recovery_sends_every_delivery_exactly_once(sink, enrollments):
    # The server is down: every connection is refused.
    result = drip_tick(now=DUE, batch_size=5)
    assert (result.sent, result.retried) == (0, LEARNERS)
    assert pending_retries(attempts=1)
    assert "Connection refused" in Delivery.objects.first().last_error

    # It is back but answers 421; the first backoff (2 minutes) has passed.
    sink.reply = TRY_LATER
    sink.start()
    assert drip_tick(now=DUE + BACKOFF_BASE / 2, batch_size=5).retried == 0
    retry_at = DUE + BACKOFF_BASE
    result = drip_tick(now=retry_at, batch_size=5)
    assert (result.sent, result.retried) == (0, LEARNERS)
    assert pending_retries(attempts=2)
    assert sink.received == []

    # It recovers; the second backoff (4 minutes) is still running, then ends.
    sink.reply = None
    assert drip_tick(now=retry_at + BACKOFF_BASE, batch_size=5).sent == 0
    result = drip_tick(now=retry_at + 2 * BACKOFF_BASE, batch_size=5)
    assert (result.sent, result.retried, result.failed) == (LEARNERS, 0, 0)

    sent = dict(
        Delivery.objects.values_list("enrollment__learner__email", "message_id")
    )
    assert set(Delivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.SENT
    }
    assert collections.Counter(address for address, _ in sink.received) == {
        enrollment.learner.email: 1 for enrollment in enrollments
    }
    assert dict(sink.received) == sent
    assert drip_tick(now=retry_at + 3 * BACKOFF_BASE, batch_size=5).sent == 0
    assert len(sink.received) == LEARNERS


def test_on_the_wire_each_email_has_its_text_and_html_parts(sink, enrollments):
    sink.start()
    assert drip_tick(now=DUE).sent == LEARNERS
    for message in sink.messages:
        assert message.get_content_type() == "multipart/alternative"
        text, html = message.get_payload()
        assert text.get_content_type() == "text/plain"
        assert html.get_content_type() == "text/html"
        assert "/email/answer/" in html.get_payload(decode=True).decode()
        assert message["From"] and message["List-Unsubscribe"]
    recipients = {message["To"] for message in sink.messages}
    assert recipients == {enrollment.learner.email for enrollment in enrollments}


# One bad message in a batch


def reply_notice(*, cohort, thread_author, replier_first_name: str, at):
    """A reply notice to ``thread_author``, from a member named ``replier_first_name``."""
    replier = EnrollmentFactory(
        cohort=cohort, learner__first_name=replier_first_name
    ).learner
    thread = ThreadFactory(cohort=cohort, author=thread_author, created_at=at)
    post = PostFactory(thread=thread, author=replier, created_at=at)
    return notice_queue(
        kind=NoticeKind.REPLY,
        dedupe_key=f"reply:{post.pk}",
        due_at=at,
        learner=thread_author,
        cohort=cohort,
        subject_id=post.pk,
    )


def test_a_header_with_a_line_break_fails_one_notice_and_the_batch_still_sends(sink):
    """A roster name with a line break would put a newline in a reply notice's
    subject (Django refuses it with BadHeaderError): that notice fails with the
    reason, the others in its batch go exactly once, and nothing stays in
    ``sending`` to be re-sent by a later tick."""
    sink.start()
    at = dt.datetime(2026, 3, 11, 15, 0, tzinfo=dt.UTC)
    cohort = CohortFactory()
    authors = [EnrollmentFactory(cohort=cohort).learner for _ in range(5)]
    notices = [
        reply_notice(
            cohort=cohort,
            thread_author=author,
            replier_first_name="Ana\nBcc: everyone@example.com" if n == 2 else "Ana",
            at=at,
        )
        for n, author in enumerate(authors)
    ]
    bad = notices[2]

    results = [
        drip_tick(now=at + STALE_AFTER * tick + dt.timedelta(minutes=tick))
        for tick in range(4)
    ]

    assert (results[0].sent, results[0].failed) == (4, 1)
    assert sum(result.sent for result in results) == 4
    assert collections.Counter(address for address, _ in sink.received) == {
        author.email: 1 for n, author in enumerate(authors) if n != 2
    }
    bad.refresh_from_db()
    assert bad.status == DeliveryStatus.FAILED
    assert "could not be built" in bad.status_reason
    assert "BadHeaderError" in bad.last_error
    assert "newlines" in bad.last_error
    assert not Notice.objects.filter(status=DeliveryStatus.SENDING).exists()
    assert set(Notice.objects.exclude(pk=bad.pk).values_list("status", flat=True)) == {
        DeliveryStatus.SENT
    }


def test_a_refused_recipient_fails_alone_and_the_connection_keeps_sending(
    sink, enrollments
):
    sink.start()
    refused = enrollments[3].learner
    sink.unknown = {refused.email}

    result = drip_tick(now=DUE, batch_size=LEARNERS)
    drip_tick(now=DUE + STALE_AFTER * 2)

    assert (result.sent, result.failed, result.retried) == (LEARNERS - 1, 1, 0)
    assert collections.Counter(address for address, _ in sink.received) == {
        e.learner.email: 1 for e in enrollments if e.learner != refused
    }
    refused.refresh_from_db()
    assert refused.subscription == SubscriptionStatus.SUPPRESSED
    assert not Delivery.objects.filter(status=DeliveryStatus.SENDING).exists()
