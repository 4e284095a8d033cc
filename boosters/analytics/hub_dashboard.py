"""The figures of the hub dashboard on the Wagtail admin home. Selectors only.

(What goes out in the next days is planning's: ``deliveries_upcoming``.)

Each reads a fixed number of queries, whatever the number of learners: the
admin home opens with every sign-in, so none of them walks rows one by one.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState

from boosters.analytics.filters import (
    AnalyticsFilters,
    deliveries_filtered,
    percent,
    question_type_id,
    ratio,
)
from boosters.models import (
    Delivery,
    DeliveryStatus,
)

FAILED_DAYS = 7
TOP_REASONS = 3
REVIEWS_LISTED = 5


# --- Answer rate this week ---------------------------------------------------


@dataclass(frozen=True)
class WeekAnswers:
    """Questions sent in one week (Monday to Sunday) and how many were answered."""

    starts_on: date
    sent: int
    answered: int

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=6)

    @property
    def rate(self) -> float | None:
        return ratio(self.answered, self.sent)

    @property
    def rate_label(self) -> str:
        return percent(self.rate)


def answer_rate_recent_weeks(*, now: datetime) -> tuple[WeekAnswers, WeekAnswers]:
    """This week's and last week's answer rate, by when questions were sent (one
    query). The same figures as the cohort dashboard's for those dates."""
    monday = timezone.localdate(now) - timedelta(days=timezone.localdate(now).weekday())
    last_monday = monday - timedelta(days=7)
    weeks = AnalyticsFilters(date_from=last_monday, date_to=monday + timedelta(days=6))
    this_week = Q(sent_at__gte=AnalyticsFilters(date_from=monday).starts_at)
    answered = Q(answer__isnull=False)
    counts = (
        deliveries_filtered(filters=weeks)
        .filter(status=DeliveryStatus.SENT, page__content_type_id=question_type_id())
        .aggregate(
            sent=Count("pk"),
            answered=Count("pk", filter=answered),
            sent_now=Count("pk", filter=this_week),
            answered_now=Count("pk", filter=this_week & answered),
        )
    )
    return (
        WeekAnswers(monday, counts["sent_now"], counts["answered_now"]),
        WeekAnswers(
            last_monday,
            counts["sent"] - counts["sent_now"],
            counts["answered"] - counts["answered_now"],
        ),
    )


# --- Failed deliveries -------------------------------------------------------


@dataclass(frozen=True)
class FailedDeliveries:
    """Deliveries that failed lately, and the commonest reasons."""

    days: int
    count: int
    reasons: list[tuple[str, int]]


def deliveries_failed_recent(
    *, now: datetime, days: int = FAILED_DAYS, top: int = TOP_REASONS
) -> FailedDeliveries:
    """Deliveries marked failed in the last ``days`` days, by reason (one query).

    A failed row is written once, when it fails, so ``updated_at`` says when.
    """
    rows = (
        Delivery.objects.filter(
            status=DeliveryStatus.FAILED, updated_at__gte=now - timedelta(days=days)
        )
        .values("status_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "status_reason")
    )
    reasons = [(r["status_reason"] or "No reason recorded", r["n"]) for r in rows]
    return FailedDeliveries(
        days=days, count=sum(n for _, n in reasons), reasons=reasons[:top]
    )


# --- Pending reviews ---------------------------------------------------------


@dataclass(frozen=True)
class ReviewWaiting:
    """A page waiting at one review task."""

    page_id: int
    title: str
    task: str
    since: datetime


@dataclass(frozen=True)
class ReviewsPending:
    """Pages waiting for this reviewer, and all pages in review."""

    awaiting_you: int
    in_review: int
    waiting: list[ReviewWaiting]


def user_is_reviewer(*, user) -> bool:
    """Whether ``user`` may approve at some active review task (one query)."""
    if user.is_superuser:
        return True
    return GroupApprovalTask.objects.filter(
        active=True, groups__in=user.groups.all()
    ).exists()


def reviews_pending(*, user, limit: int = REVIEWS_LISTED) -> ReviewsPending:
    """Pages waiting at a task ``user`` may approve, oldest first, and how many
    pages are in review at all (a query per active task, then three)."""
    states = TaskState.objects.reviewable_by(user).filter(
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
    )
    awaiting = list(
        states.order_by("started_at").values(
            "workflow_state__object_id", "task__name", "started_at"
        )[: limit + 1]
    )
    count = len(awaiting) if len(awaiting) <= limit else states.count()
    awaiting = awaiting[:limit]
    titles = dict(
        Page.objects.filter(
            pk__in=[int(s["workflow_state__object_id"]) for s in awaiting]
        ).values_list("pk", "title")
    )
    return ReviewsPending(
        awaiting_you=count,
        in_review=WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS
        ).count(),
        waiting=[
            ReviewWaiting(
                page_id=int(s["workflow_state__object_id"]),
                title=titles.get(int(s["workflow_state__object_id"]), "(deleted)"),
                task=s["task__name"],
                since=s["started_at"],
            )
            for s in awaiting
        ],
    )
