"""What goes out in the next days: emails due per day and per program. Selectors only."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from boosters.models import (
    Delivery,
    DeliveryStatus,
    EnrollmentStatus,
    SubscriptionStatus,
)

UPCOMING_DAYS = 7


@dataclass
class ProgramUpcoming:
    """Emails one program sends on each of the coming days, and its cohorts."""

    program: str
    per_day: list[int]
    cohorts: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.per_day)


@dataclass
class UpcomingSends:
    """Emails due per day (in the site's time zone) and per program."""

    days: list[date]
    programs: list[ProgramUpcoming]

    @property
    def rows(self) -> list[tuple[date, list[int], int]]:
        """Per day: the count per program (in ``programs`` order) and in all."""
        return [
            (day, counts := [p.per_day[index] for p in self.programs], sum(counts))
            for index, day in enumerate(self.days)
        ]

    @property
    def total(self) -> int:
        return sum(p.total for p in self.programs)


def deliveries_upcoming(*, now: datetime, days: int = UPCOMING_DAYS) -> UpcomingSends:
    """Emails still to go from ``now`` to the end of the ``days``-th day (one query).

    Only what will really go: paused cohorts, ended enrolments and learners who
    unsubscribed or bounced are left out, as the dispatcher leaves them out.
    """
    zone = timezone.get_current_timezone()
    today = timezone.localdate(now, zone)
    dates = [today + timedelta(days=n) for n in range(days)]
    ends_before = timezone.make_aware(
        datetime.combine(today + timedelta(days=days), time.min), zone
    )
    rows = (
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING,
            due_at__gte=now,
            due_at__lt=ends_before,
            enrollment__cohort__paused=False,
            enrollment__status=EnrollmentStatus.ACTIVE,
            enrollment__learner__subscription=SubscriptionStatus.SUBSCRIBED,
        )
        .annotate(day=TruncDate("due_at", tzinfo=zone))
        .values(
            "day",
            "enrollment__cohort_id",
            "enrollment__cohort__name",
            "enrollment__cohort__program__name",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    programs: dict[str, ProgramUpcoming] = {}
    for row in rows:
        name = row["enrollment__cohort__program__name"]
        program = programs.setdefault(
            name, ProgramUpcoming(program=name, per_day=[0] * days)
        )
        if row["day"] in dates:
            program.per_day[dates.index(row["day"])] += row["n"]
        cohort = (row["enrollment__cohort_id"], row["enrollment__cohort__name"])
        if cohort not in program.cohorts:
            program.cohorts.append(cohort)
    for program in programs.values():
        program.cohorts.sort(key=lambda c: c[1])
    return UpcomingSends(
        days=dates, programs=sorted(programs.values(), key=lambda p: p.program)
    )
