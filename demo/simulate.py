"""Play the demo cohorts through weeks of plausible answers, for the analytics.

The course is moved back ``weeks`` weeks, then time walks forward: each
delivery that fell due is marked sent at its due time and, for a question,
usually answered a few hours later through the real answer service, so
spacing and plan sync create the repeats exactly as they would live. Answers
that never come are counted as missed by the real expiry sweep.

Each learner has an ability and a habit of answering; repeats are more often
right (people learn from the feedback), which gives the proficiency lift. The
deliberately confusing question's tempting wrong choice is picked more often
than the right one at first try.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from boosters.models import (
    Answer,
    AnswerChannel,
    BoosterQuestionPage,
    Cohort,
    Delivery,
    DeliveryStatus,
    Enrollment,
)
from boosters.planning.sync import cohort_plan_sync
from boosters.questions.answers import answer_record, deliveries_expire_unanswered

from .drip import COHORTS, course_end_date

CONFUSING_SLUG = "praise-that-helps"
CONFUSING_TEMPTING_CHOICE = "“Really specific and engaging workshop, well done!”"
LEARNING_PER_REPEAT = 0.25  # how much likelier a repeat is to be right
MAX_PASSES = 40


@dataclass
class SimulationResult:
    cohorts: int = 0
    sent: int = 0
    answered: int = 0
    missed: int = 0


@dataclass(frozen=True)
class _Learner:
    ability: float  # chance of a right first answer on an ordinary question
    answers: float  # chance of answering a question at all


def demo_answers_simulate(
    *, weeks: int, seed: int = 42, now: datetime | None = None
) -> SimulationResult:
    """Play each demo cohort without answers through ``weeks`` weeks of answers.

    Cohorts that already have answers are left alone, so running it again adds
    nothing. Deterministic for a given ``seed`` and ``now``.
    """
    now = now or timezone.now()
    rng = random.Random(seed)
    result = SimulationResult()
    cohorts = []
    with transaction.atomic():
        for spec in COHORTS:
            cohort = Cohort.objects.filter(slug=spec.slug).first()
            if (
                cohort is None
                or Answer.objects.filter(delivery__enrollment__cohort=cohort).exists()
            ):
                continue
            _course_move_back(cohort=cohort, weeks=weeks + spec.weeks_ago, now=now)
            cohorts.append(cohort)
        result.cohorts = len(cohorts)
        if not cohorts:
            return result
        people = {
            enrollment_id: _Learner(
                ability=rng.uniform(0.35, 0.85), answers=rng.uniform(0.7, 0.97)
            )
            for enrollment_id in Enrollment.objects.filter(
                cohort__in=cohorts
            ).values_list("pk", flat=True)
        }
        for _ in range(MAX_PASSES):
            due = list(
                Delivery.objects.filter(
                    enrollment__cohort__in=cohorts,
                    status=DeliveryStatus.PENDING,
                    due_at__lte=now,
                )
                .select_related("enrollment__learner", "enrollment__cohort__program")
                .order_by("due_at", "pk")
            )
            if not due:
                break
            for delivery in due:
                result.sent += 1
                if _send(delivery=delivery, rng=rng, people=people, now=now):
                    result.answered += 1
            result.missed += deliveries_expire_unanswered(now=now, limit=10_000)
    return result


def _course_move_back(*, cohort: Cohort, weeks: int, now: datetime) -> None:
    """Anchor the cohort's course ``weeks`` weeks ago and re-plan it.

    Items the running demo already sent (but nobody answered yet) are put back
    in the plan, so the simulated weeks replay them at their simulated dates.
    """
    Delivery.objects.filter(
        enrollment__cohort=cohort,
        status__in=[DeliveryStatus.SENT, DeliveryStatus.SENDING],
    ).update(
        status=DeliveryStatus.PENDING,
        sent_at=None,
        attempts=0,
        message_id="",
        claim_token="",
        answer_due_by=None,
        missed_at=None,
        revision=None,
    )
    cohort.anchor_date = course_end_date(
        today=(now - timedelta(weeks=weeks)).date(),
        weekend=cohort.weekend_days,
        weeks_ago=0,
    )
    cohort.save(update_fields=["anchor_date"])
    Enrollment.objects.filter(cohort=cohort).update(
        enrolled_at=timezone.make_aware(datetime.combine(cohort.anchor_date, time(0)))
    )
    cohort_plan_sync(cohort=cohort)


def _send(*, delivery: Delivery, rng: random.Random, people, now) -> bool:
    """Mark ``delivery`` sent at its due time; answer it if the learner would."""
    page = delivery.page.specific
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = delivery.due_at
    delivery.attempts = 1
    delivery.revision_id = page.live_revision_id
    fields = ["status", "sent_at", "attempts", "revision"]
    is_question = isinstance(page, BoosterQuestionPage)
    if is_question:
        window = delivery.enrollment.cohort.program.answer_window_days
        delivery.answer_due_by = delivery.sent_at + timedelta(days=window)
        fields.append("answer_due_by")
    delivery.save(update_fields=fields)
    if not is_question:
        return False
    person = people[delivery.enrollment_id]
    answered_at = delivery.sent_at + timedelta(minutes=rng.randint(5, 36 * 60))
    if rng.random() > person.answers or answered_at >= now:
        return False
    answer_record(
        delivery=delivery,
        choice=_pick(page=page, showing=delivery.showing, person=person, rng=rng),
        channel=AnswerChannel.EMAIL,
        now=answered_at,
    )
    return True


def _pick(*, page: BoosterQuestionPage, showing: int, person: _Learner, rng):
    choices = list(page.choices.all())
    right = next(c for c in choices if c.is_correct)
    wrong = [c for c in choices if not c.is_correct]
    learned = LEARNING_PER_REPEAT * (showing - 1)
    if page.slug == CONFUSING_SLUG:
        # The tempting wrong choice wins at first; feedback fixes most of it.
        tempting = next((c for c in wrong if c.text == CONFUSING_TEMPTING_CHOICE), None)
        chance_right = min(0.9, 0.25 + 1.5 * learned)
        if rng.random() < chance_right:
            return right
        if tempting is not None and rng.random() < 0.8:
            return tempting
        return rng.choice(wrong)
    if rng.random() < min(0.97, person.ability + learned):
        return right
    return rng.choice(wrong)
