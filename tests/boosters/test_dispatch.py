"""The drip tick sends each due delivery once and never drops one silently."""

import datetime as dt

from django.core import mail
from django.core.management import call_command

import pytest

from boosters.drip.dispatch import (
    COHORT_PAUSED,
    NOT_SUBSCRIBED,
    STALE_AFTER,
    delivery_claim_batch,
    drip_tick,
)
from boosters.drip.sending import BACKOFF_BASE, MAX_ATTEMPTS, SENDERS
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, SubscriptionStatus
from boosters.planning.sync import cohort_plan_sync
from tests.boosters.mail_backends import ScriptedBackend

pytestmark = pytest.mark.django_db

ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
# Cohort in New York, course ends Monday 2 March 2026; the day-0 step is due at
# 09:00 EST = 14:00 UTC.
DUE = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def scripted_mail(settings):
    settings.EMAIL_BACKEND = "tests.boosters.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()


@pytest.fixture
def cohort(topic):
    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=0)
    return CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 2))


def enrol(cohort, count=1):
    enrollments = [
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED) for _ in range(count)
    ]
    cohort_plan_sync(cohort=cohort)
    return enrollments


def statuses():
    return sorted(Delivery.objects.values_list("status", flat=True))


def test_due_delivery_is_sent_once_and_a_second_tick_sends_nothing(cohort):
    (enrollment,) = enrol(cohort)
    result = drip_tick(now=DUE)
    assert result.sent == 1
    assert [m.to for m in mail.outbox] == [[enrollment.learner.email]]
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.sent_at == DUE
    assert delivery.message_id.startswith("<")

    assert drip_tick(now=DUE + dt.timedelta(minutes=1)).sent == 0
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_its_time(cohort):
    enrol(cohort)
    assert drip_tick(now=DUE - dt.timedelta(minutes=1)).sent == 0
    assert mail.outbox == []


def test_a_batch_goes_over_a_few_connections_not_one_per_email(cohort, scripted_mail):
    enrol(cohort, count=8)
    drip_tick(now=DUE, batch_size=10)
    assert len(mail.outbox) == 8
    assert scripted_mail.opened == SENDERS < 8


def test_a_delivery_is_claimed_by_one_tick_only(cohort):
    enrol(cohort, count=3)
    first = delivery_claim_batch(now=DUE, limit=10)
    second = delivery_claim_batch(now=DUE, limit=10)
    assert len(first) == 3
    assert second == []


def test_paused_cohort_gets_nothing_and_says_why(cohort):
    enrol(cohort)
    cohort.paused = True
    cohort.save()
    assert drip_tick(now=DUE).sent == 0
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.status_reason == COHORT_PAUSED

    cohort.paused = False
    cohort.save()
    assert drip_tick(now=DUE + dt.timedelta(hours=1)).sent == 1


def test_unsubscribed_learner_gets_nothing_and_the_delivery_says_why(cohort):
    (enrollment,) = enrol(cohort)
    enrollment.learner.subscription = SubscriptionStatus.UNSUBSCRIBED
    enrollment.learner.save()
    result = drip_tick(now=DUE)
    assert (result.sent, result.cancelled) == (0, 1)
    assert Delivery.objects.get().status_reason == NOT_SUBSCRIBED


def test_a_page_no_longer_live_is_skipped_with_the_reason(cohort):
    enrol(cohort)
    cohort.program.steps.get().page.unpublish()
    result = drip_tick(now=DUE)
    delivery = Delivery.objects.get()
    assert result.skipped == 1
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.status_reason


def test_mail_server_outage_retries_with_backoff_then_sends_once(cohort, scripted_mail):
    enrol(cohort)
    scripted_mail.refuse_connection = True
    assert drip_tick(now=DUE).retried == 1
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at == DUE + dt.timedelta(minutes=2)
    assert "Connection refused" in delivery.last_error

    assert drip_tick(now=DUE + dt.timedelta(minutes=1)).retried == 0  # backing off
    scripted_mail.refuse_connection = False
    assert drip_tick(now=DUE + dt.timedelta(minutes=2)).sent == 1
    assert len(mail.outbox) == 1


def test_temporary_failures_give_up_after_the_limit(cohort, scripted_mail):
    enrol(cohort)
    scripted_mail.refuse_connection = True
    now = DUE
    for attempt in range(MAX_ATTEMPTS):  # each try once its backoff is over
        drip_tick(now=now)
        now += BACKOFF_BASE * 2**attempt
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == MAX_ATTEMPTS
    assert "Gave up" in delivery.status_reason


def test_permanent_refusal_fails_and_suppresses_the_address(
    cohort, scripted_mail, topic
):
    (enrollment,) = enrol(cohort)
    ProgramStepFactory(
        program=cohort.program, page=booster_with_choices(parent=topic), day_offset=3
    )
    cohort_plan_sync(cohort=cohort)
    scripted_mail.rejects = {enrollment.learner.email: (550, b"No such user")}
    result = drip_tick(now=DUE)
    assert (result.failed, result.cancelled) == (1, 1)
    enrollment.learner.refresh_from_db()
    assert enrollment.learner.subscription == SubscriptionStatus.SUPPRESSED
    assert statuses() == [DeliveryStatus.CANCELLED, DeliveryStatus.FAILED]


def test_a_send_interrupted_by_a_crash_is_sent_by_a_later_tick(cohort):
    enrol(cohort)
    delivery_claim_batch(now=DUE, limit=10)  # the crashed tick claimed it
    assert drip_tick(now=DUE + dt.timedelta(minutes=1)).sent == 0  # not stale yet
    result = drip_tick(now=DUE + STALE_AFTER + dt.timedelta(minutes=1))
    assert (result.recovered, result.sent) == (1, 1)


def test_queries_per_batch_do_not_grow_with_its_size(
    cohort, django_assert_max_num_queries
):
    enrol(cohort, count=40)
    # The same fixed number of queries whether the batch holds 5 deliveries or 40
    # (one each to find overdue deliveries to re-plan and stale notices to skip,
    # and one each for deliveries and notices held by a learner's own pause;
    # with languages, one for the locales and one for the site's translated
    # roots).
    with django_assert_max_num_queries(34):
        drip_tick(now=DUE, batch_size=40)
    assert len(mail.outbox) == 40


def test_drip_tick_command_prints_counts_and_dry_run_sends_nothing(cohort, capsys):
    enrol(cohort, count=2)
    call_command("drip_tick", "--now", "2026-03-02T14:00Z", "--dry-run")
    assert "2 due" in capsys.readouterr().out
    assert mail.outbox == []
    call_command("drip_tick", "--now", "2026-03-02T14:00Z")
    assert "sent 2" in capsys.readouterr().out


def test_drip_tick_command_rejects_a_bad_time(cohort):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an ISO 8601 time"):
        call_command("drip_tick", "--now", "next tuesday")


def test_a_temporary_refusal_4xx_is_retried_not_suppressed(cohort, scripted_mail):
    (enrollment,) = enrol(cohort)
    scripted_mail.rejects = {enrollment.learner.email: (451, b"Try again later")}
    assert drip_tick(now=DUE).retried == 1
    enrollment.learner.refresh_from_db()
    assert enrollment.learner.subscription == SubscriptionStatus.SUBSCRIBED
    scripted_mail.rejects = {}
    assert drip_tick(now=DUE + dt.timedelta(minutes=2)).sent == 1


def test_an_idle_tick_is_two_lookups(cohort, django_assert_max_num_queries):
    enrol(cohort, count=3)  # planned, none due yet
    with django_assert_max_num_queries(2):
        result = drip_tick(now=DUE - dt.timedelta(days=1))
    assert result.sent == 0
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 3


def test_a_backlog_asks_the_clusters_other_workers_to_help(cohort, monkeypatch):
    from boosters import tasks
    from boosters.drip.dispatch import BATCH_SIZE, drip_helpers_wanted

    enrol(cohort, count=BATCH_SIZE + 1)
    assert drip_helpers_wanted(now=DUE - dt.timedelta(minutes=1), workers=4) == 0
    assert drip_helpers_wanted(now=DUE, workers=1) == 0
    assert drip_helpers_wanted(now=DUE, workers=4) == 1  # two batches: one helper

    asked = []
    monkeypatch.setattr(tasks, "async_task", lambda func, **kw: asked.append(func))
    monkeypatch.setattr(tasks.timezone, "now", lambda: DUE)
    tasks.drip_tick_task()
    assert asked == ["boosters.tasks.drip_drain_task"]
    assert statuses() == [DeliveryStatus.SENT] * (BATCH_SIZE + 1)
    # Nothing left: a helper arriving late finds nothing to do.
    assert "sent 0" in tasks.drip_drain_task()


def test_one_batch_needs_no_helper(cohort):
    from boosters.drip.dispatch import BATCH_SIZE, drip_helpers_wanted

    enrol(cohort, count=BATCH_SIZE)
    assert drip_helpers_wanted(now=DUE, workers=4) == 0
