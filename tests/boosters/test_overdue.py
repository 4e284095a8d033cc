"""No bursts: an overdue delivery moves to the learner's next send slot, one
working day at a time, or is skipped once too late; it is never sent late."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core import mail

import pytest

from boosters.drip.dispatch import delivery_claim_batch, drip_tick
from boosters.drip.notices import notice_queue
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, Notice, NoticeKind
from boosters.planning.overdue import NOTICE_STALE, WEEKLY_STALE
from boosters.planning.sync import enrollment_plan_sync
from tests.boosters.mail_backends import ScriptedBackend

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)


def new_york(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NEW_YORK)


@pytest.fixture(autouse=True)
def scripted_mail(settings):
    settings.EMAIL_BACKEND = "tests.boosters.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()


@pytest.fixture
def enrollment(topic):
    """Five daily steps from Monday 2 March 2026 (New York, 09:00)."""
    program = ProgramFactory(daily_question_cap=2)
    for day in range(5):
        ProgramStepFactory(
            program=program,
            day_offset=day,
            sort_order=day,
            page=booster_with_choices(parent=topic, title=f"Day {day}"),
        )
    cohort = CohortFactory(program=program, anchor_date=dt.date(2026, 3, 2))
    enrollment = EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    enrollment_plan_sync(enrollment=enrollment)
    return enrollment


def plan(enrollment) -> list[tuple[str, str, str]]:
    """(page title, local time, status) of each delivery, by page."""
    return [
        (
            d.page.title,
            d.due_at.astimezone(NEW_YORK).strftime("%a %d %H:%M"),
            d.status,
        )
        for d in enrollment.deliveries.select_related("page").order_by("page__title")
    ]


def test_a_day_long_outage_sends_one_email_today_and_moves_the_rest_one_day_at_a_time(
    enrollment,
):
    # The scheduler was down all Monday; it is back on Tuesday at 09:00.
    result = drip_tick(now=new_york(2026, 3, 3, 9, 0))

    assert (result.sent, result.replanned) == (1, 5)
    assert len(mail.outbox) == 1
    # Order kept: Monday's item goes today; each later one moves a working day.
    assert plan(enrollment) == [
        ("Day 0", "Tue 03 09:00", "sent"),
        ("Day 1", "Wed 04 09:00", "pending"),
        ("Day 2", "Thu 05 09:00", "pending"),
        ("Day 3", "Fri 06 09:00", "pending"),
        ("Day 4", "Mon 09 09:00", "pending"),
    ]
    # Plan sync given the time agrees with the tick: it moves nothing back.
    assert not enrollment_plan_sync(
        enrollment=enrollment, now=new_york(2026, 3, 3, 12, 0)
    ).changed
    assert drip_tick(now=new_york(2026, 3, 3, 12, 0)).sent == 0
    assert drip_tick(now=new_york(2026, 3, 4, 9, 0)).sent == 1
    assert len(mail.outbox) == 2


def test_a_scheduler_started_late_at_night_sends_nothing_until_the_next_slot(
    enrollment,
):
    # First started on Wednesday at 23:01: three items are overdue.
    result = drip_tick(now=new_york(2026, 3, 4, 23, 1))

    assert (result.sent, result.replanned) == (0, 5)
    assert mail.outbox == []
    assert [when for _, when, _ in plan(enrollment)] == [
        "Thu 05 09:00",
        "Fri 06 09:00",
        "Mon 09 09:00",
        "Tue 10 09:00",
        "Wed 11 09:00",
    ]


def test_the_claim_never_takes_a_delivery_more_than_the_grace_late(enrollment):
    assert delivery_claim_batch(now=new_york(2026, 3, 2, 10, 0), limit=10)
    Delivery.objects.update(status=DeliveryStatus.PENDING)

    assert delivery_claim_batch(now=new_york(2026, 3, 2, 10, 1), limit=10) == []


def test_items_more_than_too_late_days_late_are_skipped_with_the_reason(enrollment):
    # Back after three weeks, on Monday 23 March at 09:00: the items of 2 to 6
    # March would go 17 to 21 days late.
    program = enrollment.cohort.program
    program.too_late_days = 18
    program.save()

    result = drip_tick(now=new_york(2026, 3, 23, 9, 0))

    assert (result.sent, result.skipped) == (1, 3)
    skipped = enrollment.deliveries.filter(status=DeliveryStatus.SKIPPED)
    assert sorted(skipped.values_list("status_reason", flat=True)) == [
        "More than 18 days late (planned 2 Mar): skipped, not sent late.",
        "More than 18 days late (planned 3 Mar): skipped, not sent late.",
        "More than 18 days late (planned 4 Mar): skipped, not sent late.",
    ]
    # The two still in time go one a day, from today's slot.
    assert [row for row in plan(enrollment) if row[2] != "skipped"] == [
        ("Day 3", "Mon 23 09:00", "sent"),
        ("Day 4", "Tue 24 09:00", "pending"),
    ]
    assert drip_tick(now=new_york(2026, 3, 23, 9, 30)).skipped == 0


def test_a_resumed_cohort_catches_up_from_its_next_slot(enrollment):
    cohort = enrollment.cohort
    cohort.paused = True
    cohort.save()
    assert drip_tick(now=new_york(2026, 3, 3, 9, 0)).replanned == 0  # it waits

    cohort.paused = False
    cohort.save()
    result = drip_tick(now=new_york(2026, 3, 5, 14, 0))

    assert (result.sent, result.replanned) == (0, 5)
    assert [when for _, when, _ in plan(enrollment)][0] == "Fri 06 09:00"


def test_a_weekly_digest_a_day_late_is_skipped_but_a_reply_notice_still_goes(
    enrollment,
):
    learner = enrollment.learner
    monday = new_york(2026, 3, 2, 9, 0)
    for kind in (NoticeKind.COHORT_DIGEST, NoticeKind.REPLY):
        notice_queue(
            kind=kind,
            dedupe_key=kind,
            due_at=monday,
            learner=learner,
            cohort=enrollment.cohort,
        )

    drip_tick(now=monday + dt.timedelta(days=1, hours=2))

    digest = Notice.objects.get(kind=NoticeKind.COHORT_DIGEST)
    assert (digest.status, digest.status_reason) == (
        DeliveryStatus.SKIPPED,
        WEEKLY_STALE,
    )
    # Not stale: it was built (here it names no reply, so its builder skips it).
    reply = Notice.objects.get(kind=NoticeKind.REPLY)
    assert reply.status_reason not in (WEEKLY_STALE, NOTICE_STALE)
