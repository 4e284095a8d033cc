"""Changes to a learner that move their deliveries: their own time zone, and
a pause (a holiday, leave) they set on My learning."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction

from boosters.models import (
    DeliveryStatus,
    EnrollmentStatus,
    Learner,
    Notice,
    validate_time_zone,
)
from boosters.planning.scheduling import learner_zone
from boosters.planning.sync import PlanSyncResult, learners_plan_sync

PAUSE_WEEKS = (1, 2, 3, 4, 6, 8)
NOTICE_PAUSED = "Waiting: the learner paused their emails."
# The earliest calendar date anywhere on Earth at a given moment (UTC-12).
_EARLIEST_ZONE = ZoneInfo("Etc/GMT+12")
_UTC = ZoneInfo("UTC")


def learner_time_zone_change(
    *, learner: Learner, time_zone: str, now: datetime | None = None
) -> PlanSyncResult:
    """Set ``learner``'s own time zone ("" for the cohort's) and re-plan them.

    Every pending delivery in every cohort they are active in moves to the
    local send time in the new zone; sent ones are history and stay. Raises
    ValidationError for a zone we do not know, and then changes nothing.
    Given ``now``, nothing is re-planned into the past.
    """
    time_zone = time_zone.strip()
    validate_time_zone(time_zone)
    if time_zone == learner.time_zone:
        return PlanSyncResult()
    with transaction.atomic():
        learner.time_zone = time_zone
        learner.save(update_fields=["time_zone"])
        return learners_plan_sync(learner_ids=[learner.pk], now=now)


def learner_cohort_zone_name(*, learner: Learner) -> str:
    """The zone of ``learner``'s latest active cohort ("UTC" if none): theirs
    until they choose their own."""
    cohort_zone = (
        learner.enrollments.filter(status=EnrollmentStatus.ACTIVE)
        .order_by("-enrolled_at", "-pk")
        .values_list("cohort__time_zone", flat=True)
        .first()
    )
    return cohort_zone or "UTC"


def learner_home_zone(*, learner: Learner) -> ZoneInfo:
    """The zone ``learner`` lives by: their own, else their latest active
    cohort's, else UTC."""
    if learner.time_zone:
        cohort_zone = "UTC"  # not needed: their own zone wins
    else:
        cohort_zone = learner_cohort_zone_name(learner=learner)
    try:
        return learner_zone(
            learner_zone_name=learner.time_zone, cohort_zone_name=cohort_zone
        )
    except ValueError:  # a zone name that slipped past validation
        return _UTC


def learner_paused_until(*, learner: Learner, now: datetime) -> date | None:
    """The day ``learner``'s email starts again, while a pause holds it."""
    until = learner.paused_until
    today = now.astimezone(learner_home_zone(learner=learner)).date()
    return until if until is not None and until > today else None


def learner_pause(*, learner: Learner, weeks: int, now: datetime) -> PlanSyncResult:
    """Hold every email to ``learner`` for ``weeks`` weeks (one of
    ``PAUSE_WEEKS``), counted from today in their zone.

    Every pending delivery in every cohort moves past the pause and goes out
    from the day it ends, at their local send time, one sendable day at a time
    within the daily cap (plan sync); notices wait too (the tick holds them).
    Raises ValidationError for another number of weeks, changing nothing.
    """
    if weeks not in PAUSE_WEEKS:
        allowed = ", ".join(str(n) for n in PAUSE_WEEKS)
        raise ValidationError(f"Choose a pause of {allowed} weeks.", code="weeks")
    today = now.astimezone(learner_home_zone(learner=learner)).date()
    return _paused_until_set(
        learner=learner, until=today + timedelta(weeks=weeks), now=now
    )


def learner_resume(*, learner: Learner, now: datetime) -> PlanSyncResult:
    """End ``learner``'s pause now: what it held goes from their next send
    slot, and the notices it held go at once. Does nothing if not paused."""
    if learner.paused_until is None:
        return PlanSyncResult()
    # Not cleared but set to today's earliest date anywhere, which holds
    # nothing in any zone: plan sync still knows what the pause held, so those
    # items catch up instead of being skipped as too late.
    until = min(learner.paused_until, now.astimezone(_EARLIEST_ZONE).date())
    with transaction.atomic():
        result = _paused_until_set(learner=learner, until=until, now=now)
        Notice.objects.filter(
            learner=learner, status=DeliveryStatus.PENDING, status_reason=NOTICE_PAUSED
        ).update(due_at=now, status_reason="")
    return result


def _paused_until_set(
    *, learner: Learner, until: date, now: datetime
) -> PlanSyncResult:
    with transaction.atomic():
        learner.paused_until = until
        learner.save(update_fields=["paused_until"])
        return learners_plan_sync(learner_ids=[learner.pk], now=now)
