"""Each learner's standing with each question: the spacing service.

``question_state_review`` applies one answer or miss to the learner's
``QuestionState`` with the program's spacing mode (``boosters.questions.spacing``). The
caller then runs plan sync, which turns the state's next due date into a
repeat delivery like any other.
"""

from datetime import datetime

from boosters.models import Enrollment, QuestionState
from boosters.planning.scheduling import learner_zone
from boosters.questions.spacing import CardState, Outcome, card_review


def question_state_review(
    *,
    enrollment: Enrollment,
    page_id: int,
    step_id: int | None,
    outcome: Outcome,
    reviewed_at: datetime,
) -> QuestionState:
    """Record ``outcome`` for one question of ``enrollment`` and space it.

    Call inside the transaction that recorded the answer or the miss; the row
    is locked so two reviews of one question apply one after the other.
    """
    state, _ = QuestionState.objects.select_for_update().get_or_create(
        enrollment=enrollment, page_id=page_id, defaults={"step_id": step_id}
    )
    cohort = enrollment.cohort
    program = cohort.program
    reviewed = card_review(
        mode=program.spacing_mode,
        state=CardState(
            showings=state.showings,
            correct_streak=state.correct_streak,
            retired=state.retired,
            next_due_on=state.next_due_on,
            fsrs_card=state.fsrs_card,
        ),
        outcome=outcome,
        reviewed_at=reviewed_at,
        zone=learner_zone(
            learner_zone_name=enrollment.learner.time_zone,
            cohort_zone_name=cohort.time_zone,
        ),
        desired_retention=program.desired_retention,
    )
    if state.retired:  # a retired question stays retired; nothing to record
        return state
    state.showings = reviewed.showings
    state.correct_streak = reviewed.correct_streak
    state.retired = reviewed.retired
    state.next_due_on = reviewed.next_due_on
    state.fsrs_card = reviewed.fsrs_card
    state.correct_total += outcome == Outcome.CORRECT
    state.missed_total += outcome == Outcome.MISSED
    state.last_result = outcome.value
    state.last_result_at = reviewed_at
    if step_id is not None:
        state.step_id = step_id
    state.save()
    return state
