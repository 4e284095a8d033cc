"""Read-side queries for planning: who gets what, when, in a cohort."""

from dataclasses import dataclass
from datetime import UTC, datetime

from boosters.models import (
    Cohort,
    Delivery,
)
from boosters.planning.scheduling import learner_zone


@dataclass(frozen=True)
class PlanLine:
    """One row of a cohort's plan, as editors read it."""

    learner_email: str
    step_label: str
    local_time: datetime
    zone_name: str
    due_at: datetime
    status: str
    status_reason: str

    @property
    def local_label(self) -> str:
        """e.g. "Mon 2026-03-09 09:00 America/New_York", in the learner's zone."""
        return f"{self.local_time:%a %Y-%m-%d %H:%M} {self.zone_name}"

    @property
    def utc_label(self) -> str:
        return f"{self.due_at.astimezone(UTC):%Y-%m-%d %H:%M}Z"

    @property
    def status_label(self) -> str:
        return (
            f"{self.status}: {self.status_reason}"
            if self.status_reason
            else self.status
        )


def cohort_plan(
    *, cohort: Cohort, learner_email: str | None = None, limit: int | None = None
) -> list[PlanLine]:
    """Who gets what when in ``cohort``: local time in the learner's zone and UTC.

    ``limit`` keeps a page readable (and fast) for cohorts of thousands.
    """
    deliveries = (
        Delivery.objects.filter(enrollment__cohort=cohort)
        .select_related("enrollment__learner", "step", "page")
        .order_by("enrollment__learner__email", "due_at", "pk")
    )
    if learner_email:
        deliveries = deliveries.filter(enrollment__learner__email__iexact=learner_email)
    if limit is not None:
        deliveries = deliveries[:limit]
    lines = []
    for delivery in deliveries:
        learner = delivery.enrollment.learner
        zone = learner_zone(
            learner_zone_name=learner.time_zone, cohort_zone_name=cohort.time_zone
        )
        title = delivery.page.title if delivery.page else "(page deleted)"
        day = f"day {delivery.step.day_offset}: " if delivery.step else ""
        again = f" (repeat {delivery.showing - 1})" if delivery.showing > 1 else ""
        lines.append(
            PlanLine(
                learner_email=learner.email,
                step_label=f"{day}{title}{again}",
                local_time=delivery.due_at.astimezone(zone),
                zone_name=zone.key,
                due_at=delivery.due_at,
                status=delivery.status,
                status_reason=delivery.status_reason,
            )
        )
    return lines
