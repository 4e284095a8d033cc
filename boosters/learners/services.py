"""Changes to a learner that move their deliveries."""

from django.db import transaction

from boosters.models import Learner, validate_time_zone
from boosters.planning.sync import PlanSyncResult, learners_plan_sync


def learner_time_zone_change(*, learner: Learner, time_zone: str) -> PlanSyncResult:
    """Set ``learner``'s own time zone ("" for the cohort's) and re-plan them.

    Every pending delivery in every cohort they are active in moves to the
    local send time in the new zone; sent ones are history and stay. Raises
    ValidationError for a zone we do not know, and then changes nothing.
    """
    time_zone = time_zone.strip()
    validate_time_zone(time_zone)
    if time_zone == learner.time_zone:
        return PlanSyncResult()
    with transaction.atomic():
        learner.time_zone = time_zone
        learner.save(update_fields=["time_zone"])
        return learners_plan_sync(learner_ids=[learner.pk])
