"""Internationalised addresses (zoë.müller@example.org) over real SMTP.

The drip and the sign-in link go with SMTPUTF8 when the server offers it; a
server that does not refuses that one message, with a reason an editor can
read, and every other message still goes.
"""

import datetime as dt
import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller

from boosters.drip.dispatch import drip_tick
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.learners.sign_in import sign_in_link_send
from boosters.models import Delivery, DeliveryStatus
from boosters.planning.sync import cohort_plan_sync
from hub.mail import SMTPUTF8_REFUSED
from tests.boosters.test_smtp_outage import free_port

pytestmark = pytest.mark.django_db

ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
DUE = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)
ZOE = "zoë.müller@example.org"


class Sink:
    """An SMTP server on loopback that may or may not offer SMTPUTF8."""

    def __init__(self):
        self.envelopes: list[tuple[list[str], email.message.EmailMessage]] = []
        self.lock = threading.Lock()
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook
        # Raw UTF-8 headers (RFC 6532): read as text, not as bytes.
        message = email.message_from_string(
            envelope.original_content.decode(), policy=email.policy.SMTPUTF8
        )
        with self.lock:
            self.envelopes.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def start(self, *, smtputf8: bool, port: int) -> None:
        self.controller = Controller(
            self, hostname="127.0.0.1", port=port, enable_SMTPUTF8=smtputf8
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()

    def to(self) -> dict[str, str]:
        """Envelope recipient -> the To header's address, for every message."""
        return {
            rcpt: message["To"].addresses[0].addr_spec
            for rcpts, message in self.envelopes
            for rcpt in rcpts
        }


@pytest.fixture(params=[True, False], ids=["smtputf8", "no-smtputf8"])
def sink(request, settings):
    port = free_port()
    settings.EMAIL_BACKEND = "hub.mail.SmtpEmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 5
    sink = Sink()
    sink.smtputf8 = request.param
    sink.start(smtputf8=request.param, port=port)
    yield sink
    sink.stop()


@pytest.fixture
def cohort(topic):
    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 2))
    for address in ("ana@example.com", ZOE, "ben@example.com"):
        EnrollmentFactory(
            cohort=cohort,
            enrolled_at=ENROLLED,
            learner__email=address,
            learner__first_name="Zoë" if address == ZOE else "Ana",
        )
    cohort_plan_sync(cohort=cohort)
    return cohort


def test_the_drip_reaches_an_internationalised_address_only_with_smtputf8(sink, cohort):
    result = drip_tick(now=DUE)

    statuses = dict(
        Delivery.objects.values_list("enrollment__learner__email", "status")
    )
    if sink.smtputf8:
        assert (result.sent, result.failed) == (3, 0)
        assert sink.to()[ZOE] == ZOE  # as written, in the envelope and the header
    else:
        assert (result.sent, result.failed) == (2, 1)
        assert statuses[ZOE] == DeliveryStatus.FAILED
        zoe = Delivery.objects.get(enrollment__learner__email=ZOE)
        assert zoe.status_reason == SMTPUTF8_REFUSED
        assert ZOE not in sink.to()
    # Everyone else gets their email either way, with a plain ASCII envelope.
    assert sink.to()["ana@example.com"] == "ana@example.com"
    assert sink.to()["ben@example.com"] == "ben@example.com"


def test_a_sign_in_link_reaches_an_internationalised_address_with_smtputf8(
    sink, cohort
):
    sent = sign_in_link_send(email=ZOE)

    assert sent is sink.smtputf8
    if sink.smtputf8:
        [(rcpts, message)] = sink.envelopes
        assert rcpts == [ZOE]
        assert message["To"].addresses[0].addr_spec == ZOE
