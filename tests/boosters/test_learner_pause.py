"""A learner's own pause (a holiday, leave): nothing goes while it lasts; what
it held goes out from the day it ends, at her send time, one sendable day at a
time within the daily cap; notices wait too.

The choice on the too-late clock: it counts from each item's planned date, for
the hub's own delays (a late enrolment, a scheduler outage). A learner's pause
is not a delay of ours: what it held, and what their catch-up pushes on, is
never skipped as too late, however long the pause (up to 8 weeks).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

import pytest

from boosters.drip.dispatch import PAUSED_WEEKLY, drip_tick, notices_hold_back
from boosters.drip.notices import notice_queue
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.learners.services import (
    NOTICE_PAUSED,
    learner_pause,
    learner_paused_until,
    learner_resume,
)
from boosters.models import Delivery, DeliveryStatus, Learner, NoticeKind
from boosters.planning.scheduling import (
    SAT_SUN,
    LearnerPause,
    StepTiming,
    plan_sends,
)
from boosters.planning.sync import enrollment_plan_sync
from tests.boosters.mail_backends import ScriptedBackend

NEW_YORK = ZoneInfo("America/New_York")
NINE = dt.time(9, 0)
ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)


def new_york(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NEW_YORK)


def plan(*, offsets, not_before=ENROLLED, pause=None, settled=None):
    """Plan steps at these day offsets from Monday 2 March 2026 (New York)."""
    sends = plan_sends(
        steps=[StepTiming(offset, offset) for offset in offsets],
        anchor=dt.date(2026, 3, 2),
        default_send_time=NINE,
        zone=NEW_YORK,
        weekend=SAT_SUN,
        working_days_only=True,
        not_before=not_before,
        settled=settled,
        too_late_days=14,
        pause=pause,
    )
    return [
        "too late"
        if send.too_late
        else send.due_at.astimezone(NEW_YORK).strftime("%a %d %b %H:%M")
        for send in sends
    ]


# Four weeks' leave from Monday 2 March: email starts again on Monday 30 March.
FOUR_WEEKS = LearnerPause(until=dt.date(2026, 3, 30), since=ENROLLED)


def test_a_pause_sends_what_it_held_from_the_day_it_ends_one_a_day():
    assert plan(offsets=[0, 1, 2, 21, 28, 35], pause=FOUR_WEEKS) == [
        "Mon 30 Mar 09:00",
        "Tue 31 Mar 09:00",
        "Wed 01 Apr 09:00",
        "Thu 02 Apr 09:00",  # day 21 (Mon 23 Mar) was held too
        "Fri 03 Apr 09:00",  # day 28 (Mon 30 Mar) is overtaken by the catch-up
        "Mon 06 Apr 09:00",  # day 35 keeps its own date
    ]


def test_a_pause_never_makes_an_item_too_late_but_an_outage_does():
    # 28 days late is past the program's 14: an outage skips it...
    outage = plan(offsets=[0, 1], not_before=new_york(2026, 3, 30, 8, 0))
    assert outage == ["too late", "too late"]
    # ...but the learner's own pause does not.
    assert plan(offsets=[0, 1], pause=FOUR_WEEKS) == [
        "Mon 30 Mar 09:00",
        "Tue 31 Mar 09:00",
    ]


def test_after_the_pause_ends_what_it_held_still_catches_up():
    # Two of the held items went on 30 and 31 March; it is now Thursday 2
    # April, 10:00, after that day's slot (a re-plan after an answer, say).
    later = plan(
        offsets=[0, 1, 2, 3, 4],
        not_before=new_york(2026, 4, 2, 10, 0),
        pause=FOUR_WEEKS,
        settled={0: dt.date(2026, 3, 30), 1: dt.date(2026, 3, 31)},
    )
    assert later == [
        "Mon 02 Mar 09:00",  # history, as it was planned
        "Tue 03 Mar 09:00",
        "Fri 03 Apr 09:00",
        "Mon 06 Apr 09:00",
        "Tue 07 Apr 09:00",
    ]


def test_a_pause_does_not_excuse_what_was_late_before_the_learner_enrolled():
    # Enrolled on Wednesday 25 March, during her pause: the course's first
    # days were missed before she joined, and are as late as without a pause.
    joined = dt.datetime(2026, 3, 25, 12, tzinfo=dt.UTC)
    pause = LearnerPause(until=dt.date(2026, 3, 30), since=joined)
    assert plan(offsets=[0, 21, 22], not_before=joined, pause=pause) == [
        "too late",
        "Mon 30 Mar 09:00",  # day 21 (23 March) is 7 days late: it still goes
        "Tue 31 Mar 09:00",
    ]


# --- The service, plan sync and the tick --------------------------------------


@pytest.fixture(autouse=True)
def scripted_mail(settings):
    settings.EMAIL_BACKEND = "tests.boosters.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()


def daily_program(topic, *, days=10, cap=2):
    program = ProgramFactory(daily_question_cap=cap)
    for day in range(days):
        ProgramStepFactory(
            program=program,
            day_offset=day,
            sort_order=day,
            page=booster_with_choices(parent=topic, title=f"Day {day:02d}"),
        )
    return program


def enrol(cohort, learner):
    enrollment = EnrollmentFactory(cohort=cohort, learner=learner, enrolled_at=ENROLLED)
    enrollment_plan_sync(enrollment=enrollment)
    return enrollment


@pytest.fixture
def ana(topic):
    """Ana, in two New York cohorts of a ten-day daily program from 2 March."""
    program = daily_program(topic)
    learner = LearnerFactory(email="ana@example.com")
    spring = CohortFactory(
        program=program, slug="spring", anchor_date=dt.date(2026, 3, 2)
    )
    summer = CohortFactory(
        program=program, slug="summer", anchor_date=dt.date(2026, 3, 9)
    )
    enrol(spring, learner)
    enrol(summer, learner)
    return learner


def local_plan(learner, *, status=DeliveryStatus.PENDING):
    return [
        (
            d.enrollment.cohort.slug,
            d.due_at.astimezone(NEW_YORK).strftime("%a %d %b %H:%M"),
        )
        for d in Delivery.objects.filter(enrollment__learner=learner, status=status)
        .select_related("enrollment__cohort")
        .order_by("enrollment__cohort__slug", "due_at")
    ]


@pytest.mark.django_db
def test_pausing_moves_every_pending_item_in_every_cohort_past_the_pause(ana):
    # Sunday 1 March, evening: two weeks off, so email starts again Sunday 15
    # March, and the first working day after it is Monday 16 March.
    now = new_york(2026, 3, 1, 20, 0)
    result = learner_pause(learner=ana, weeks=2, now=now)

    ana.refresh_from_db()
    assert ana.paused_until == dt.date(2026, 3, 15)
    assert learner_paused_until(learner=ana, now=now) == dt.date(2026, 3, 15)
    times = local_plan(ana)
    assert len(times) == 20 and result.skipped == 0
    assert all(when[-5:] == "09:00" for _, when in times)
    assert not Delivery.objects.filter(
        status=DeliveryStatus.PENDING, due_at__lt=new_york(2026, 3, 16, 9, 0)
    ).exists()
    spring = [when for slug, when in times if slug == "spring"]
    # One a working day from the day the pause ends, order kept.
    assert spring[:3] == ["Mon 16 Mar 09:00", "Tue 17 Mar 09:00", "Wed 18 Mar 09:00"]
    assert len(set(spring)) == 10


@pytest.mark.django_db
def test_a_pause_keeps_to_the_daily_cap_across_cohorts(topic):
    program = daily_program(topic, days=3, cap=1)
    learner = LearnerFactory()
    for slug in ("a", "b"):
        enrol(CohortFactory(program=program, slug=slug), learner)
    learner_pause(learner=learner, weeks=1, now=new_york(2026, 3, 1, 20, 0))

    for slug in ("a", "b"):
        days = [when for s, when in local_plan(learner) if s == slug]
        assert len(days) == len(set(days)) == 3  # one question a day per cohort
        assert days[0] == "Mon 09 Mar 09:00"


@pytest.mark.django_db
def test_a_pause_of_another_length_is_refused_and_changes_nothing(ana):
    before = local_plan(ana)
    with pytest.raises(ValidationError, match="Choose a pause of 1, 2, 3, 4, 6, 8"):
        learner_pause(learner=ana, weeks=5, now=new_york(2026, 3, 1, 20, 0))
    assert Learner.objects.get(pk=ana.pk).paused_until is None
    assert local_plan(ana) == before


@pytest.mark.django_db
def test_eight_weeks_away_loses_nothing_everything_goes_after_one_a_day(ana):
    learner_pause(learner=ana, weeks=8, now=new_york(2026, 3, 1, 20, 0))
    # The tick runs every morning through the pause and the weeks after it.
    day = dt.date(2026, 3, 2)
    while day < dt.date(2026, 5, 30):
        drip_tick(now=dt.datetime.combine(day, dt.time(9, 5), tzinfo=NEW_YORK))
        # ...and at noon, when an answer or a sync re-plans from "now".
        noon = dt.datetime.combine(day, dt.time(12, 0), tzinfo=NEW_YORK)
        drip_tick(now=noon)
        day += dt.timedelta(days=1)

    sent = local_plan(ana, status=DeliveryStatus.SENT)
    assert len(sent) == 20
    assert not Delivery.objects.filter(status=DeliveryStatus.SKIPPED).exists()
    # Nothing before the pause ended on Sunday 26 April.
    assert not Delivery.objects.filter(sent_at__lt=new_york(2026, 4, 27)).exists()
    assert all(when[-5:] == "09:00" for _, when in sent)


@pytest.mark.django_db
def test_nothing_goes_during_the_pause_and_a_reply_notice_waits(ana):
    learner_pause(learner=ana, weeks=1, now=new_york(2026, 3, 1, 20, 0))
    reply = notice_queue(
        kind=NoticeKind.REPLY,
        dedupe_key="reply-1",
        due_at=new_york(2026, 3, 3, 14, 0),
        learner=ana,
    )
    digest = notice_queue(
        kind=NoticeKind.COHORT_DIGEST,
        dedupe_key="digest-1",
        due_at=new_york(2026, 3, 2, 9, 0),
        learner=ana,
    )

    result = drip_tick(now=new_york(2026, 3, 3, 14, 1))

    assert result.sent == 0
    reply.refresh_from_db()
    digest.refresh_from_db()
    # Waits for the first day of email, at the start of that day (no cohort).
    assert reply.due_at == new_york(2026, 3, 8, 0, 0)
    assert (reply.status, reply.status_reason) == (
        DeliveryStatus.PENDING,
        NOTICE_PAUSED,
    )
    # Last week's digest would be out of date by then.
    assert (digest.status, digest.status_reason) == (
        DeliveryStatus.SKIPPED,
        PAUSED_WEEKLY,
    )


@pytest.mark.django_db
def test_resume_now_sends_from_the_next_slot_and_releases_notices(ana):
    learner_pause(learner=ana, weeks=4, now=new_york(2026, 3, 1, 20, 0))
    reply = notice_queue(
        kind=NoticeKind.REPLY,
        dedupe_key="reply-1",
        due_at=new_york(2026, 3, 4, 14, 0),
        learner=ana,
    )
    notices_hold_back(now=new_york(2026, 3, 4, 14, 0))

    # Back early, Thursday 5 March at 11:00: the day's slot has gone.
    now = new_york(2026, 3, 5, 11, 0)
    result = learner_resume(learner=ana, now=now)

    ana.refresh_from_db()
    assert learner_paused_until(learner=ana, now=now) is None
    assert result.skipped == 0
    spring = [when for slug, when in local_plan(ana) if slug == "spring"]
    assert spring[:2] == ["Fri 06 Mar 09:00", "Mon 09 Mar 09:00"]
    reply.refresh_from_db()
    assert (reply.due_at, reply.status_reason) == (now, "")


@pytest.mark.django_db
def test_a_late_enrolment_while_paused_starts_when_the_pause_ends(topic):
    learner = LearnerFactory(paused_until=dt.date(2026, 3, 18))
    cohort = CohortFactory(program=daily_program(topic, days=3))
    enrol(cohort, learner)
    assert [when for _, when in local_plan(learner)] == [
        "Wed 18 Mar 09:00",
        "Thu 19 Mar 09:00",
        "Fri 20 Mar 09:00",
    ]


@pytest.mark.django_db
def test_the_tick_replans_rather_than_sends_an_item_due_inside_a_pause(ana):
    # The pause was written without a re-plan (a bulk update, say).
    Learner.objects.filter(pk=ana.pk).update(paused_until=dt.date(2026, 3, 9))

    result = drip_tick(now=new_york(2026, 3, 2, 9, 1))

    assert result.sent == 0 and result.replanned > 0
    spring = [when for slug, when in local_plan(ana) if slug == "spring"]
    assert spring[0] == "Mon 09 Mar 09:00"
