"""Which learners and which period analytics cover, and the small helpers every
figure shares (ratios, percentages).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from boosters.models import (
    Answer,
    BoosterQuestionPage,
    Delivery,
    Enrollment,
)


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide."""
    return part / whole if whole else None


def percent(value: float | None) -> str:
    """A share as editors read it: "67%", or a dash when there is no data."""
    return "–" if value is None else f"{value:.0%}"


@dataclass(frozen=True)
class AnalyticsFilters:
    """Which learners and which period the figures cover; empty means all.

    The date range (inclusive, in the site's time zone) applies to when
    deliveries were sent and answers given; counts of learners, unsubscribes
    and retired questions describe the learners as they are now.
    """

    program_id: int | None = None
    cohort_id: int | None = None
    region: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @property
    def starts_at(self) -> datetime | None:
        if self.date_from is None:
            return None
        return timezone.make_aware(datetime.combine(self.date_from, time.min))

    @property
    def ends_before(self) -> datetime | None:
        if self.date_to is None:
            return None
        return timezone.make_aware(
            datetime.combine(self.date_to + timedelta(days=1), time.min)
        )


def enrollment_q(filters: AnalyticsFilters, *, prefix: str = "") -> Q:
    """A ``Q`` on the enrolment reached through ``prefix`` (e.g. ``"enrollment__"``).

    "Office or region" matches the cohort's region or the learner's own office.
    """
    q = Q()
    if filters.program_id:
        q &= Q(**{f"{prefix}cohort__program_id": filters.program_id})
    if filters.cohort_id:
        q &= Q(**{f"{prefix}cohort_id": filters.cohort_id})
    if filters.region:
        q &= Q(**{f"{prefix}cohort__region": filters.region}) | Q(
            **{f"{prefix}learner__office": filters.region}
        )
    return q


def period_q(filters: AnalyticsFilters, *, field_name: str) -> Q:
    """A ``Q`` keeping ``field_name`` (a datetime) inside the filters' date range."""
    q = Q()
    if filters.starts_at:
        q &= Q(**{f"{field_name}__gte": filters.starts_at})
    if filters.ends_before:
        q &= Q(**{f"{field_name}__lt": filters.ends_before})
    return q


def deliveries_filtered(*, filters: AnalyticsFilters):
    """Deliveries of the filtered enrolments; the period applies to ``sent_at``."""
    q = enrollment_q(filters, prefix="enrollment__")
    if filters.date_from or filters.date_to:
        q &= period_q(filters, field_name="sent_at")
    return Delivery.objects.filter(q)


def answers_filtered(*, filters: AnalyticsFilters):
    """Answers of the filtered enrolments, given within the period."""
    return Answer.objects.filter(
        enrollment_q(filters, prefix="delivery__enrollment__"),
        period_q(filters, field_name="answered_at"),
    )


def enrollments_filtered(*, filters: AnalyticsFilters):
    return Enrollment.objects.filter(enrollment_q(filters))


def question_type_id() -> int:
    return ContentType.objects.get_for_model(BoosterQuestionPage).pk


# --- The cohort dashboard ---------------------------------------------------
