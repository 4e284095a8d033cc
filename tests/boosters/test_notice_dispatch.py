"""Notices go through the same dispatcher as drip deliveries, with its guarantees."""

import datetime as dt

from django.core import mail
from django.core.mail import EmailMultiAlternatives

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.drip.emails import NotSendable
from boosters.drip.notices import _BUILDERS, notice_builder, notice_queue
from boosters.drip.sending import MAX_ATTEMPTS
from boosters.factories import LearnerFactory
from boosters.models import DeliveryStatus, Manager, Notice, SubscriptionStatus
from tests.boosters.mail_backends import ScriptedBackend

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
KIND = "reply"


@pytest.fixture(autouse=True)
def scripted_mail(settings):
    settings.EMAIL_BACKEND = "tests.boosters.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()


@pytest.fixture(autouse=True)
def builder():
    """A plain builder for the test's notice kind, restored afterwards."""
    original = _BUILDERS.get(KIND)

    @notice_builder(KIND)
    def build(notice):
        if notice.subject_id == 0:
            raise NotSendable("The reply was deleted.")
        if notice.subject_id == 13:
            raise RuntimeError("The template is broken")
        title = "Line\nbreak" if notice.subject_id == 10 else notice.subject_id
        return EmailMultiAlternatives(
            subject=f"Notice {title}",
            body="Someone replied.",
            to=[notice.recipient_email],
        )

    yield
    if original is None:
        _BUILDERS.pop(KIND, None)
    else:
        _BUILDERS[KIND] = original


def queue(learner=None, *, subject_id=1, key="n1", due_at=NOW, manager=None):
    return notice_queue(
        kind=KIND,
        dedupe_key=key,
        due_at=due_at,
        learner=learner,
        manager=manager,
        subject_id=subject_id,
    )


def test_a_due_notice_is_sent_once():
    learner = LearnerFactory()
    queue(learner)
    assert drip_tick(now=NOW).sent == 1
    assert [m.to for m in mail.outbox] == [[learner.email]]
    notice = Notice.objects.get()
    assert notice.status == DeliveryStatus.SENT and notice.message_id
    assert drip_tick(now=NOW + dt.timedelta(minutes=1)).sent == 0


def test_queueing_the_same_notice_twice_keeps_one():
    learner = LearnerFactory()
    assert queue(learner) is not None
    assert queue(learner) is None
    assert Notice.objects.count() == 1


def test_a_notice_waits_for_its_time():
    queue(LearnerFactory(), due_at=NOW + dt.timedelta(hours=1))
    assert drip_tick(now=NOW).sent == 0
    assert drip_tick(now=NOW + dt.timedelta(hours=1)).sent == 1


def test_an_outage_is_retried_with_backoff_then_sent_once(scripted_mail):
    queue(LearnerFactory())
    scripted_mail.refuse_connection = True
    assert drip_tick(now=NOW).retried == 1
    notice = Notice.objects.get()
    assert notice.status == DeliveryStatus.PENDING
    assert notice.next_attempt_at == NOW + dt.timedelta(minutes=2)

    scripted_mail.refuse_connection = False
    assert drip_tick(now=NOW + dt.timedelta(minutes=1)).sent == 0  # backing off
    assert drip_tick(now=NOW + dt.timedelta(minutes=2)).sent == 1
    assert len(mail.outbox) == 1


def test_gives_up_after_max_attempts(scripted_mail):
    queue(LearnerFactory())
    scripted_mail.refuse_connection = True
    now = NOW
    for _ in range(MAX_ATTEMPTS):
        drip_tick(now=now)
        now += dt.timedelta(hours=1)
    assert Notice.objects.get().status == DeliveryStatus.FAILED


def test_an_unsubscribed_learner_gets_no_notice():
    queue(LearnerFactory(subscription=SubscriptionStatus.UNSUBSCRIBED))
    result = drip_tick(now=NOW)
    assert (result.sent, result.cancelled) == (0, 1)
    assert Notice.objects.get().status == DeliveryStatus.CANCELLED
    assert mail.outbox == []


def test_an_opted_out_manager_gets_no_notice():
    manager = Manager.objects.create(email="ravi@example.com", opted_out_at=NOW)
    queue(manager=manager)
    assert drip_tick(now=NOW).cancelled == 1
    assert mail.outbox == []


def test_a_refused_address_suppresses_the_learner_and_cancels_the_rest(scripted_mail):
    learner = LearnerFactory()
    scripted_mail.rejects = {learner.email: (550, b"No such user")}
    queue(learner, key="a")
    queue(learner, key="b", subject_id=2, due_at=NOW + dt.timedelta(days=1))
    assert drip_tick(now=NOW).failed == 1
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.SUPPRESSED
    assert Notice.objects.get(dedupe_key="b").status == DeliveryStatus.CANCELLED


def test_a_notice_with_nothing_to_send_is_skipped_with_its_reason():
    queue(LearnerFactory(), subject_id=0)
    assert drip_tick(now=NOW).skipped == 1
    notice = Notice.objects.get()
    assert (notice.status, notice.status_reason) == (
        DeliveryStatus.SKIPPED,
        "The reply was deleted.",
    )


def test_a_notice_left_sending_by_a_crash_is_sent_later():
    queue(LearnerFactory())
    Notice.objects.update(status=DeliveryStatus.SENDING, claimed_at=NOW)
    assert drip_tick(now=NOW + dt.timedelta(minutes=5)).sent == 0
    result = drip_tick(now=NOW + dt.timedelta(minutes=16))
    assert (result.recovered, result.sent) == (1, 1)


@pytest.mark.parametrize(
    ("subject_id", "error"),
    [(10, "BadHeaderError: Header values can't contain newlines"), (13, "broken")],
)
def test_a_notice_that_cannot_be_built_fails_at_once_and_the_rest_still_go(
    subject_id, error
):
    """The locmem-like backend serializes in the sender thread, the builder
    raises in the builder thread: either way one item fails, for good."""
    learners = [LearnerFactory() for _ in range(3)]
    queue(learners[0], key="a", subject_id=1)
    queue(learners[1], key="bad", subject_id=subject_id)
    queue(learners[2], key="c", subject_id=3)

    result = drip_tick(now=NOW)
    later = drip_tick(now=NOW + dt.timedelta(hours=1))

    assert (result.sent, result.failed, result.retried) == (2, 1, 0)
    assert later.sent == later.retried == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [learners[0].email, learners[2].email]
    )
    bad = Notice.objects.get(dedupe_key="bad")
    assert bad.status == DeliveryStatus.FAILED
    assert bad.status_reason.startswith("The email could not be built")
    assert error in bad.last_error
