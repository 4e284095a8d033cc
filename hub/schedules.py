"""Every recurring job of the hub, defined in one place.

``setup_schedules`` writes these to django-q2's schedule table; running it again
updates them in place, so deploys and ``make run`` can call it every time.
"""

from dataclasses import dataclass

from django.db.models import Q

from django_q.models import Schedule


@dataclass(frozen=True)
class ScheduleSpec:
    """A django-q2 schedule: what runs, and how often."""

    name: str
    func: str
    schedule_type: str
    minutes: int | None = None


SCHEDULES = [
    ScheduleSpec(
        name="Drip tick",
        func="boosters.tasks.drip_tick_task",
        schedule_type=Schedule.MINUTES,
        minutes=1,
    ),
    ScheduleSpec(
        name="Count unanswered questions as missed",
        func="boosters.tasks.answers_expire_task",
        schedule_type=Schedule.MINUTES,
        minutes=5,
    ),
    ScheduleSpec(
        name="Plan manager digests",
        func="community.tasks.manager_digests_plan_task",
        schedule_type=Schedule.HOURLY,
    ),
    ScheduleSpec(
        name="Plan cohort digests",
        func="community.tasks.cohort_digests_plan_task",
        schedule_type=Schedule.HOURLY,
    ),
    ScheduleSpec(
        name="Plan live session notices",
        func="live_sessions.tasks.live_session_notices_plan_task",
        schedule_type=Schedule.HOURLY,
    ),
    ScheduleSpec(
        name="Publish scheduled pages",
        func="hub.tasks.publish_scheduled_pages",
        schedule_type=Schedule.MINUTES,
        minutes=1,
    ),
    ScheduleSpec(
        name="Rebuild the search index",
        func="hub.tasks.rebuild_search_index",
        schedule_type=Schedule.DAILY,
    ),
]


def schedules_sync(*, specs=SCHEDULES) -> tuple[int, int]:
    """Create or update each schedule by name; return (created, updated).

    Schedules the hub no longer defines but that carry one of the hub's task
    functions are removed, so a renamed job does not keep running under its old
    name.
    """
    created = updated = 0
    for spec in specs:
        _, was_created = Schedule.objects.update_or_create(
            name=spec.name,
            defaults={
                "func": spec.func,
                "schedule_type": spec.schedule_type,
                "minutes": spec.minutes,
                "repeats": -1,
            },
        )
        created += was_created
        updated += not was_created
    Schedule.objects.filter(
        Q(func__startswith="hub.tasks.")
        | Q(func__startswith="boosters.tasks.")
        | Q(func__startswith="community.tasks.")
        | Q(func__startswith="live_sessions.tasks.")
    ).exclude(name__in=[spec.name for spec in specs]).delete()
    return created, updated
