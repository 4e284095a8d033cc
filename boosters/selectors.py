"""Read-side queries for the drip engine."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Count

from boosters.choices import choice_order
from boosters.models import (
    Answer,
    AnswerChannel,
    BoosterQuestionPage,
    Cohort,
    Delivery,
    DeliveryStatus,
    Learner,
)
from boosters.privacy import GROUP_MINIMUM
from boosters.scheduling import learner_zone


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


@dataclass(frozen=True)
class ChoiceShare:
    """How many of a cohort picked one choice the first time they answered."""

    text: str
    is_correct: bool
    count: int
    percent: int
    is_yours: bool


def cohort_answer_shares(
    *,
    cohort: Cohort,
    page: BoosterQuestionPage,
    yours: int | None = None,
    delivery_id: int | None = None,
) -> tuple[int, list[ChoiceShare]]:
    """The share of each choice among the cohort's first answers to ``page``.

    First answers only, so a learner who saw the question again counts once.
    Returns the number of answers and one share per current choice, in the
    order delivery ``delivery_id`` showed them (``None``: the question's
    order); ``yours`` (a choice id) marks the learner's own. Until
    ``GROUP_MINIMUM`` learners have answered there are no shares: with fewer,
    a share is close to naming who picked what.
    """
    first_answers = Answer.objects.filter(
        page=page, showing=1, delivery__enrollment__cohort=cohort
    )
    counts = dict(first_answers.values_list("choice_id").annotate(n=Count("pk")))
    total = sum(counts.values())
    # Fewer answers can't be enough people, so the count is rarely needed.
    if (
        total < GROUP_MINIMUM
        or first_answers.values("learner_id").distinct().count() < GROUP_MINIMUM
    ):
        return total, []
    shares = [
        ChoiceShare(
            text=choice.text,
            is_correct=choice.is_correct,
            count=counts.get(choice.pk, 0),
            percent=round(100 * counts.get(choice.pk, 0) / total) if total else 0,
            is_yours=choice.pk == yours,
        )
        for choice in choice_order(
            choices=list(page.choices.all()),
            delivery_id=delivery_id,
            keep_order=page.keep_choice_order,
        )
    ]
    return total, shares


def delivery_awaiting_answer(
    *, learner: Learner, page: BoosterQuestionPage
) -> Delivery | None:
    """The learner's latest sent, unanswered delivery of ``page``, if any.

    That is the delivery an answer on the question's web page is recorded for.
    """
    return (
        Delivery.objects.filter(
            enrollment__learner=learner,
            page=page,
            status=DeliveryStatus.SENT,
            answer__isnull=True,
        )
        .select_related("enrollment__learner", "enrollment__cohort__program")
        .order_by("-sent_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class RecordedChoice:
    """The choice as it was answered, for a choice since removed from the page."""

    text: str
    is_correct: bool
    feedback: str = ""


def answer_feedback_context(
    *, page: BoosterQuestionPage, answer: Answer, cohort
) -> dict:
    """What the feedback page and the question page show after an answer:
    the choice as answered, and how the cohort answered, the choices in the
    order the learner answered from (their email's, or the hub page's)."""
    choice = answer.choice or RecordedChoice(answer.choice_text, answer.is_correct)
    total, shares = cohort_answer_shares(
        cohort=cohort,
        page=page,
        yours=answer.choice_id,
        delivery_id=(
            answer.delivery_id if answer.channel == AnswerChannel.EMAIL else None
        ),
    )
    return {
        "answer": answer,
        "selected_choice": choice,
        "shares": shares,
        "shares_total": total,
        "shares_minimum": GROUP_MINIMUM,
        "cohort_name": cohort.name,
    }
