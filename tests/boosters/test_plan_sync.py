"""Plan sync keeps every enrolment's deliveries in line with its cohort's plan."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.management import call_command

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus
from boosters.planning.sync import (
    STEP_REMOVED,
    cohort_plan_sync,
    enrollment_plan_sync,
    program_plan_sync,
)

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
BEFORE_COURSE_END = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)


@pytest.fixture
def program(topic):
    program = ProgramFactory()
    for offset in (0, 3, 7):
        ProgramStepFactory(
            program=program,
            day_offset=offset,
            page=booster_with_choices(parent=topic, title=f"Day {offset} question"),
            sort_order=offset,
        )
    return program


@pytest.fixture
def cohort(program):
    # Course ends Monday 2 March 2026; New York springs forward on Sunday 8 March.
    return CohortFactory(
        program=program, slug="ny-spring", anchor_date=dt.date(2026, 3, 2)
    )


def enrol(cohort, **learner):
    enrollment = EnrollmentFactory(
        cohort=cohort, learner=LearnerFactory(**learner), enrolled_at=BEFORE_COURSE_END
    )
    enrollment_plan_sync(enrollment=enrollment)
    return enrollment


def local_times(enrollment, zone=NEW_YORK):
    return [
        d.due_at.astimezone(zone).strftime("%a %d %b %H:%M")
        for d in enrollment.deliveries.exclude(
            status=DeliveryStatus.CANCELLED
        ).order_by("due_at")
    ]


def test_enrolment_plans_one_delivery_per_step_at_local_send_time(cohort):
    enrollment = enrol(cohort)
    # Day 3 = Thursday 5 March; day 7 = Monday 9 March, after the DST change.
    assert local_times(enrollment) == [
        "Mon 02 Mar 09:00",
        "Thu 05 Mar 09:00",
        "Mon 09 Mar 09:00",
    ]


def test_sync_is_idempotent(cohort):
    enrol(cohort)
    assert not cohort_plan_sync(cohort=cohort).changed
    assert Delivery.objects.count() == 3


def test_learner_own_zone_overrides_the_cohorts(cohort):
    enrollment = enrol(cohort, time_zone="America/Sao_Paulo")
    assert (
        local_times(enrollment, ZoneInfo("America/Sao_Paulo"))[0] == "Mon 02 Mar 09:00"
    )


def test_added_step_is_planned_for_everyone(cohort, program, topic):
    enrollment = enrol(cohort)
    ProgramStepFactory(
        program=program,
        day_offset=10,
        page=booster_with_choices(parent=topic),
        sort_order=10,
    )
    result = program_plan_sync(program_id=program.pk)
    assert result.created == 1
    assert local_times(enrollment)[-1] == "Thu 12 Mar 09:00"


def test_removed_step_cancels_pending_but_keeps_sent_history(cohort, program):
    enrollment = enrol(cohort)
    first, second, _ = enrollment.deliveries.order_by("due_at")
    first.status = DeliveryStatus.SENT
    first.save()
    first.step.delete()
    second.step.delete()
    program_plan_sync(program_id=program.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == DeliveryStatus.SENT
    assert first.page is not None  # what was sent is still known
    assert second.status == DeliveryStatus.CANCELLED
    assert second.status_reason == STEP_REMOVED


def test_changed_anchor_and_zone_retime_pending_deliveries_only(cohort):
    enrollment = enrol(cohort)
    sent = enrollment.deliveries.order_by("due_at").first()
    sent.status = DeliveryStatus.SENT
    sent.save()
    sent_due = sent.due_at

    cohort.anchor_date = dt.date(2026, 3, 9)
    cohort.time_zone = "Europe/London"
    cohort.save()
    result = cohort_plan_sync(cohort=cohort)

    assert result.retimed == 2
    sent.refresh_from_db()
    assert sent.due_at == sent_due
    assert local_times(enrollment, ZoneInfo("Europe/London"))[1:] == [
        "Thu 12 Mar 09:00",
        "Mon 16 Mar 09:00",
    ]


def test_late_enrolment_spreads_missed_steps_one_per_working_day(cohort):
    learner = LearnerFactory()
    # Enrolled on Wednesday 11 March at 10:00 New York, after every step's date.
    enrolled_at = dt.datetime(2026, 3, 11, 10, 0, tzinfo=NEW_YORK)
    enrollment = EnrollmentFactory(
        cohort=cohort, learner=learner, enrolled_at=enrolled_at
    )
    enrollment_plan_sync(enrollment=enrollment)
    assert local_times(enrollment) == [
        "Thu 12 Mar 09:00",
        "Fri 13 Mar 09:00",
        "Mon 16 Mar 09:00",
    ]


def test_withdrawn_learner_has_pending_deliveries_cancelled(cohort):
    enrollment = enrol(cohort)
    enrollment.status = "withdrawn"
    enrollment.save()
    result = cohort_plan_sync(cohort=cohort)
    assert result.cancelled == 3


def test_cohort_sync_query_count_does_not_grow_with_learners(
    cohort, django_assert_max_num_queries
):
    for _ in range(20):
        enrol(cohort)
    cohort.anchor_date = dt.date(2026, 3, 3)
    cohort.save()
    with django_assert_max_num_queries(12):
        result = cohort_plan_sync(cohort=cohort)
    assert result.retimed == 60


def test_drip_plan_prints_local_and_utc_times(cohort, capsys):
    enrol(cohort, email="ana@example.com")
    call_command("drip_plan", "--cohort", "ny-spring", "--learner", "ANA@example.com")
    out = capsys.readouterr().out
    assert "ana@example.com" in out
    assert "Mon 2026-03-09 09:00 America/New_York" in out  # after DST: 13:00Z
    assert "2026-03-09 13:00Z" in out
    assert "2026-03-02 14:00Z" in out  # before DST


def test_drip_plan_names_an_unknown_cohort(cohort):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Known cohorts: ny-spring"):
        call_command("drip_plan", "--cohort", "nope")


# A learner's own zone change re-plans them in every cohort.

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def learner_in_two_cohorts(cohort, program):
    """Ana in two New York cohorts, her first delivery in the first one sent."""
    learner = LearnerFactory(email="ana@example.com")
    second = CohortFactory(
        program=program, slug="ny-summer", anchor_date=dt.date(2026, 3, 16)
    )
    first = enrol_learner(cohort, learner)
    enrol_learner(second, learner)
    sent = first.deliveries.order_by("due_at").first()
    sent.status = DeliveryStatus.SENT
    sent.save()
    return learner, sent


def enrol_learner(cohort, learner):
    enrollment = EnrollmentFactory(
        cohort=cohort, learner=learner, enrolled_at=BEFORE_COURSE_END
    )
    enrollment_plan_sync(enrollment=enrollment)
    return enrollment


def pending_local_times(learner, zone):
    """Each cohort's pending deliveries for ``learner``, as local times in ``zone``."""
    return {
        (d.enrollment.cohort.slug, d.due_at.astimezone(zone).strftime("%a %d %b %H:%M"))
        for d in Delivery.objects.filter(
            enrollment__learner=learner, status=DeliveryStatus.PENDING
        ).select_related("enrollment__cohort")
    }


def assert_all_pending_at_nine_in(learner, zone):
    times = pending_local_times(learner, zone)
    assert {slug for slug, _ in times} == {"ny-spring", "ny-summer"}
    assert {when[-5:] for _, when in times} == {"09:00"}


def test_a_learners_zone_change_retimes_every_cohort_but_not_sent_ones(
    learner_in_two_cohorts, django_assert_max_num_queries
):
    from boosters.learners.services import learner_time_zone_change

    learner, sent = learner_in_two_cohorts
    sent_due_at = sent.due_at

    with django_assert_max_num_queries(12):
        result = learner_time_zone_change(learner=learner, time_zone="Europe/London")

    assert result.retimed == 5  # 2 pending in the first cohort, 3 in the second
    learner.refresh_from_db()
    assert learner.time_zone == "Europe/London"
    assert_all_pending_at_nine_in(learner, LONDON)
    sent.refresh_from_db()
    assert sent.due_at == sent_due_at
    assert sent.status == DeliveryStatus.SENT


def test_an_unknown_zone_changes_nothing(learner_in_two_cohorts):
    from django.core.exceptions import ValidationError

    from boosters.learners.services import learner_time_zone_change

    learner, _ = learner_in_two_cohorts
    with pytest.raises(ValidationError, match="not a time zone we know"):
        learner_time_zone_change(learner=learner, time_zone="Atlantis/Capital")

    learner.refresh_from_db()
    assert learner.time_zone == ""
    assert_all_pending_at_nine_in(learner, NEW_YORK)
