"""Recording answers to booster questions, and counting unanswered ones as missed.

The first answer to a delivery counts: ``Answer.delivery`` is unique, so a
repeat submission or a concurrent one finds the recorded answer instead of
replacing it. Only the winner updates the question's spacing, in the same
transaction, and plan sync then schedules any repeat.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boosters.models import (
    Answer,
    AnswerChannel,
    BoosterChoice,
    Delivery,
    DeliveryStatus,
)
from boosters.planning.sync import enrollment_plan_sync
from boosters.questions.spacing import Outcome
from boosters.questions.states import question_state_review

logger = logging.getLogger(__name__)

EXPIRY_BATCH = 500


class AnswerRejected(Exception):
    """The answer can't be recorded; the message says why, for the learner."""


@dataclass(frozen=True)
class AnswerResult:
    """The answer on record for a delivery, and whether this call recorded it."""

    answer: Answer
    created: bool


def answer_record(
    *,
    delivery: Delivery,
    choice: BoosterChoice,
    channel: AnswerChannel,
    now: datetime | None = None,
    language: str = "",
) -> AnswerResult:
    """Record ``choice`` as the answer to ``delivery``, unless one is on record.

    ``choice`` is one of the delivery page's own choices (a choice tapped on a
    translation is mapped to it first); ``language`` is the language the
    learner read the question in, for proficiency by language.

    Raises ``AnswerRejected`` if the delivery was never sent or the choice is
    not one of its question's choices.
    """
    now = now or timezone.now()
    if delivery.status != DeliveryStatus.SENT:
        raise AnswerRejected(_("This question hasn't been sent to you yet."))
    if choice.page_id != delivery.page_id:
        raise AnswerRejected(_("That choice is not part of this question."))
    seconds = None
    if delivery.sent_at is not None:
        seconds = max(0, int((now - delivery.sent_at).total_seconds()))
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: a lost race rolls back alone
                answer = Answer.objects.create(
                    delivery=delivery,
                    learner_id=delivery.enrollment.learner_id,
                    page_id=delivery.page_id,
                    revision_id=delivery.revision_id,
                    choice=choice,
                    choice_text=choice.text,
                    is_correct=choice.is_correct,
                    showing=delivery.showing,
                    channel=channel,
                    language=language,
                    answered_at=now,
                    seconds_to_answer=seconds,
                )
        except IntegrityError:
            return AnswerResult(Answer.objects.get(delivery=delivery), created=False)
        # Stop waiting for an answer, unless the expiry sweep already counted
        # the question as missed (then this late answer doesn't move spacing).
        waiting = Delivery.objects.filter(
            pk=delivery.pk, missed_at__isnull=True
        ).update(answer_due_by=None)
        if waiting:
            _space(
                delivery=delivery,
                outcome=Outcome.CORRECT if choice.is_correct else Outcome.WRONG,
                at=now,
            )
        else:
            answer.counted_for_spacing = False
            answer.save(update_fields=["counted_for_spacing"])
    return AnswerResult(answer, created=True)


def _space(*, delivery: Delivery, outcome: Outcome, at: datetime) -> None:
    question_state_review(
        enrollment=delivery.enrollment,
        page_id=delivery.page_id,
        step_id=delivery.step_id,
        outcome=outcome,
        reviewed_at=at,
    )
    # Planned from the moment of the answer: a repeat never lands in the past
    # (where the next tick would only move it again).
    enrollment_plan_sync(enrollment=delivery.enrollment, now=at)


def deliveries_expire_unanswered(*, now: datetime, limit: int = EXPIRY_BATCH) -> int:
    """Count questions whose answer window has closed as missed, and space them.

    Each one is claimed with a conditional update, so two sweeps (or a sweep
    and a late answer) never count one question twice. Returns how many were
    counted as missed; the rest wait for the next sweep.
    """
    missed = 0
    candidates = (
        Delivery.objects.filter(answer_due_by__lte=now, answer__isnull=True)
        .select_related("enrollment__learner", "enrollment__cohort__program")
        .order_by("answer_due_by", "pk")[:limit]
    )
    for delivery in candidates:
        with transaction.atomic():
            claimed = Delivery.objects.filter(
                pk=delivery.pk,
                answer_due_by=delivery.answer_due_by,
                answer__isnull=True,
            ).update(answer_due_by=None, missed_at=now)
            if not claimed:
                continue
            delivery.missed_at = now
            _space(delivery=delivery, outcome=Outcome.MISSED, at=delivery.answer_due_by)
        missed += 1
    return missed
