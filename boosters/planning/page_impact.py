"""Who a change to a live page reaches: the cohorts with sends of it still to come.

Deliveries carry no copy of the page: each email is built from the version live
when it is sent. So publishing an edit changes what every pending delivery of
the page will show.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Min

from boosters.models import Cohort, Delivery, DeliveryStatus, EnrollmentStatus
from boosters.models.programs import PAUSED_LABEL
from boosters.planning.scheduling import learner_zone


@dataclass(frozen=True)
class CohortSends:
    """The pending sends of one page to one cohort."""

    cohort_name: str
    learners: int
    next_due_at: datetime
    time_zone: str
    paused: bool

    @property
    def next_send_label(self) -> str:
        """e.g. "Tue 1 Dec 09:00 Europe/London", in the cohort's time zone."""
        local = self.next_due_at.astimezone(ZoneInfo(self.time_zone))
        return f"{local:%a} {local.day} {local:%b %H:%M} {self.time_zone}"


def page_pending_sends(*, page) -> list[CohortSends]:
    """The cohorts that will receive ``page`` as it is when their email goes.

    One row per cohort with pending deliveries of the page (first showings and
    planned repeats) to active learners, soonest first. Two queries, however
    many cohorts and learners.
    """
    if page.pk is None:
        return []
    rows = (
        Delivery.objects.filter(
            page_id=page.pk,
            status=DeliveryStatus.PENDING,
            enrollment__status=EnrollmentStatus.ACTIVE,
        )
        .values("enrollment__cohort_id")
        .annotate(
            learners=Count("enrollment__learner_id", distinct=True),
            next_due_at=Min("due_at"),
        )
        .order_by("next_due_at")
    )
    rows = list(rows)
    cohorts = Cohort.objects.in_bulk([row["enrollment__cohort_id"] for row in rows])
    sends = []
    for row in rows:
        cohort = cohorts[row["enrollment__cohort_id"]]
        try:
            zone_name = learner_zone(
                learner_zone_name="", cohort_zone_name=cohort.time_zone
            ).key
        except ValueError:  # a zone name that was valid when saved, since removed
            zone_name = "UTC"
        sends.append(
            CohortSends(
                cohort_name=cohort.name,
                learners=row["learners"],
                next_due_at=row["next_due_at"],
                time_zone=zone_name,
                paused=cohort.paused,
            )
        )
    return sends


def page_impact_summary(*, sends: list[CohortSends]) -> str:
    """One sentence for the editor: who publishing a change reaches, and when."""
    total = sum(send.learners for send in sends)
    parts = [
        f"{send.cohort_name} ({send.learners} learner{'s' if send.learners != 1 else ''}"
        f", next send {send.next_send_label}"
        f"{', ' + PAUSED_LABEL.lower() if send.paused else ''})"
        for send in sends
    ]
    return (
        f"Publishing this will change what {total} "
        f"learner{'s' if total != 1 else ''} receive{'s' if total == 1 else ''} "
        f"in {'; '.join(parts)}."
    )
