"""Read-side queries for planning: who gets what, when, in a cohort."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, Q, QuerySet, Value, When

from boosters.models import (
    Cohort,
    Delivery,
    DeliveryStatus,
    Program,
    ProgramStep,
    SpacingMode,
)
from boosters.planning.scheduling import learner_zone
from boosters.questions.pages import BoosterQuestionPage
from boosters.questions.spacing import (
    FSRS_MASTERED_INTERVAL,
    RETIRE_AFTER_CORRECT_IN_A_ROW,
    SPACED_RIGHT_INTERVAL,
    SPACED_WRONG_INTERVAL,
)

# The plan's columns, what is still to go first. A row being sent this very
# moment counts as pending: it has not gone yet.
PLAN_STATUSES = (
    DeliveryStatus.PENDING,
    DeliveryStatus.SENT,
    DeliveryStatus.FAILED,
    DeliveryStatus.SKIPPED,
    DeliveryStatus.CANCELLED,
)
NEXT_DAYS = 7


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
    learner_name: str = ""

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


def _plan_line(*, delivery: Delivery, cohort: Cohort) -> PlanLine:
    learner = delivery.enrollment.learner
    zone = learner_zone(
        learner_zone_name=learner.time_zone, cohort_zone_name=cohort.time_zone
    )
    title = delivery.page.title if delivery.page else "(page deleted)"
    day = f"day {delivery.step.day_offset}: " if delivery.step else ""
    again = f" (repeat {delivery.showing - 1})" if delivery.showing > 1 else ""
    return PlanLine(
        learner_email=learner.email,
        learner_name=learner.full_name,
        step_label=f"{day}{title}{again}",
        local_time=delivery.due_at.astimezone(zone),
        zone_name=zone.key,
        due_at=delivery.due_at,
        status=delivery.status,
        status_reason=delivery.status_reason,
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
    return [_plan_line(delivery=delivery, cohort=cohort) for delivery in deliveries]


# --- A program's steps as a timeline ------------------------------------------


def spacing_in_words(*, program: Program) -> str:
    """How ``program`` brings a booster question back, in a sentence."""
    if program.spacing_mode == SpacingMode.SERIES:
        return "Asked once; no repeats."
    if program.spacing_mode == SpacingMode.FSRS:
        return (
            f"Comes back when the learner's recall is predicted to drop to "
            f"{program.desired_retention:.0%}; retires once the next interval "
            f"passes {FSRS_MASTERED_INTERVAL.days} days."
        )
    return (
        f"Comes back {SPACED_WRONG_INTERVAL.days} days after a wrong or missed "
        f"answer, {SPACED_RIGHT_INTERVAL.days} days after a right one; retires "
        f"after {RETIRE_AFTER_CORRECT_IN_A_ROW} right in a row."
    )


@dataclass(frozen=True)
class TimelineStep:
    """One step of a program as the timeline shows it."""

    page_id: int
    title: str
    page_type: str
    send_time: time | None  # None: the cohort's send time
    repeats: str  # empty for pages that are not questions
    live: bool


@dataclass(frozen=True)
class TimelineDay:
    """The steps that go on one day after the anchor."""

    day_offset: int
    steps: list[TimelineStep]


def program_timeline(*, program: Program) -> list[TimelineDay]:
    """``program``'s steps by day offset, in the order they go out."""
    steps = (
        ProgramStep.objects.filter(program=program)
        .select_related("page")
        .order_by("day_offset", "sort_order", "pk")
    )
    repeats = spacing_in_words(program=program)
    days: dict[int, list[TimelineStep]] = defaultdict(list)
    for step in steps:
        model = ContentType.objects.get_for_id(step.page.content_type_id).model_class()
        is_question = model is not None and issubclass(model, BoosterQuestionPage)
        days[step.day_offset].append(
            TimelineStep(
                page_id=step.page_id,
                title=step.page.title,
                page_type=model._meta.verbose_name.capitalize() if model else "Page",
                send_time=step.send_time,
                repeats=repeats if is_question else "",
                live=step.page.live,
            )
        )
    return [TimelineDay(day_offset=d, steps=s) for d, s in days.items()]


# --- A cohort's plan, by day and step -------------------------------------------


@dataclass(frozen=True)
class PlanItem:
    """One step (or its repeats) due on one day, counted by status."""

    local_date: date
    step_id: int | None
    page_id: int | None
    repeat: bool
    title: str
    page_type: str
    day_offset: int | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every column of the plan, in its order."""
        return _status_totals(self.counts)

    @property
    def drilldown_query(self) -> str:
        """The query string that opens this item's learners."""
        parts = [f"day={self.local_date.isoformat()}"]
        if self.step_id is not None:
            parts.append(f"step={self.step_id}")
        elif self.page_id is not None:
            parts.append(f"page={self.page_id}")
        parts.append(f"repeat={int(self.repeat)}")
        return "&".join(parts)


@dataclass(frozen=True)
class PlanDay:
    """Everything due on one learner-local day."""

    local_date: date
    anchor_days: int  # days after the cohort's anchor date
    items: list[PlanItem]

    @property
    def total(self) -> int:
        return sum(item.total for item in self.items)


@dataclass(frozen=True)
class CohortPlanOverview:
    """A cohort's plan grouped by day and step, over the chosen days."""

    days: list[PlanDay]
    totals: dict[str, int]
    today: date
    window: int | None  # days from today shown; None: the whole plan
    next_pending_on: date | None = None
    status_totals: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def totals_label(self) -> str:
        """e.g. "6 pending, 3 sent": the plan's statuses that have any emails."""
        return ", ".join(
            f"{count} {label.lower()}"
            for _, label, count in self.status_totals
            if count
        )


def _status_totals(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    pending = counts.get(DeliveryStatus.PENDING, 0) + counts.get(
        DeliveryStatus.SENDING, 0
    )
    return [
        (s.value, s.label, pending if s == DeliveryStatus.PENDING else counts.get(s, 0))
        for s in PLAN_STATUSES
    ]


def cohort_plan_days(
    *, cohort: Cohort, today: date, window: int | None = NEXT_DAYS
) -> CohortPlanOverview:
    """``cohort``'s deliveries grouped by learner-local day and step, with counts.

    One aggregate query whatever the cohort's size. ``window`` keeps the days
    from ``today`` (in the cohort's zone) up to ``window`` days on; None keeps
    every day. Totals always cover the whole plan.
    """
    rows = (
        Delivery.objects.filter(enrollment__cohort=cohort)
        .annotate(
            repeat=Case(When(showing__gt=1, then=Value(True)), default=Value(False))
        )
        .values(
            "local_date",
            "step_id",
            "step__day_offset",
            "page_id",
            "page__title",
            "page__content_type_id",
            "repeat",
            "status",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    items: dict[tuple, dict] = {}
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        key = (row["local_date"], row["step_id"], row["page_id"], row["repeat"])
        item = items.setdefault(key, {"row": row, "counts": defaultdict(int)})
        item["counts"][row["status"]] += row["n"]
        totals[row["status"]] += row["n"]

    end = today + timedelta(days=window - 1) if window else None
    days: dict[date, list[PlanItem]] = defaultdict(list)
    next_pending_on = None
    for (local_date, step_id, page_id, repeat), item in items.items():
        row = item["row"]
        if item["counts"].get(DeliveryStatus.PENDING) and local_date >= today:
            next_pending_on = min(next_pending_on or local_date, local_date)
        if end is not None and not today <= local_date <= end:
            continue
        model = (
            ContentType.objects.get_for_id(row["page__content_type_id"]).model_class()
            if row["page__content_type_id"]
            else None
        )
        days[local_date].append(
            PlanItem(
                local_date=local_date,
                step_id=step_id,
                page_id=page_id,
                repeat=bool(repeat),
                title=row["page__title"] or "(page deleted)",
                page_type=model._meta.verbose_name.capitalize() if model else "Page",
                day_offset=row["step__day_offset"],
                counts=dict(item["counts"]),
            )
        )
    plan_days = [
        PlanDay(
            local_date=day,
            anchor_days=(day - cohort.anchor_date).days,
            items=sorted(
                entries,
                key=lambda i: (
                    i.day_offset is None,
                    i.day_offset or 0,
                    i.repeat,
                    i.title,
                ),
            ),
        )
        for day, entries in sorted(days.items())
    ]
    return CohortPlanOverview(
        days=plan_days,
        totals=dict(totals),
        today=today,
        window=window,
        next_pending_on=next_pending_on,
        status_totals=_status_totals(totals),
    )


def cohort_plan_item_deliveries(
    *,
    cohort: Cohort,
    local_date: date,
    step_id: int | None,
    page_id: int | None,
    repeat: bool,
) -> QuerySet[Delivery]:
    """The deliveries of one plan item (a step on a day), by send time and learner.

    A step removed from the program is found by its page instead.
    """
    deliveries = Delivery.objects.filter(
        enrollment__cohort=cohort, local_date=local_date
    )
    if step_id is not None:
        deliveries = deliveries.filter(step_id=step_id)
    else:
        deliveries = deliveries.filter(step__isnull=True, page_id=page_id)
    deliveries = deliveries.filter(Q(showing__gt=1) if repeat else Q(showing=1))
    return deliveries.select_related("enrollment__learner", "step", "page").order_by(
        "due_at", "enrollment__learner__email", "pk"
    )


def plan_lines(*, cohort: Cohort, deliveries) -> list[PlanLine]:
    """``deliveries`` (already loaded with learner, step and page) as plan lines."""
    return [_plan_line(delivery=delivery, cohort=cohort) for delivery in deliveries]
