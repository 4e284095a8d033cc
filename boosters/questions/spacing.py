"""When a booster question comes back: spaced retrieval, pure.

A program picks one of three modes:

- ``series``: each question is asked once, in the program's order. No repeats.
- ``spaced``: spaced education as in Kerfoot's Qstream trials. A question
  answered wrongly (or not at all) comes back 12 days later, one answered
  rightly 24 days later, and two right answers in a row retire it.
- ``fsrs``: the FSRS memory model (the ``fsrs`` package) picks each interval
  from the learner's history with the question, aiming at a desired retention.
  A question whose next interval passes 60 days counts as mastered and retires.

Nothing here touches the database. Services store a ``CardState`` per learner
and question, pass it in with the outcome, and store what comes back.
Intervals count in the learner's local calendar days, so a review late in the
evening and one early the next morning are a day apart, as the learner sees it.
"""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler

SPACED_WRONG_INTERVAL = timedelta(days=12)
SPACED_RIGHT_INTERVAL = timedelta(days=24)
RETIRE_AFTER_CORRECT_IN_A_ROW = 2
FSRS_MASTERED_INTERVAL = timedelta(days=60)

# FSRS cards need an id; ours are keyed by learner and question elsewhere, so a
# fixed one keeps results reproducible.
_FSRS_CARD_ID = 1


class SpacingMode(StrEnum):
    """How a program brings questions back (the values are stored)."""

    SERIES = "series"
    SPACED_EDUCATION = "spaced"
    FSRS = "fsrs"


class Outcome(StrEnum):
    """How one showing of a question ended (the values are stored)."""

    CORRECT = "correct"
    WRONG = "wrong"
    MISSED = "missed"


@dataclass(frozen=True)
class CardState:
    """One learner's history with one question, as far as spacing needs it."""

    showings: int = 0  # times scored: answered or missed
    correct_streak: int = 0  # correct in a row; wrong or missed resets it
    retired: bool = False  # mastered: never scheduled again
    next_due_on: date | None = None  # learner-local date; None means no repeat
    fsrs_card: dict | None = None  # Card.to_dict(), JSON-safe; FSRS mode only


def card_review(
    *,
    mode: str,
    state: CardState,
    outcome: Outcome,
    reviewed_at: datetime,
    zone: ZoneInfo,
    desired_retention: float = 0.9,
) -> CardState:
    """Score one showing of a question and say when it comes back.

    A missed question counts as wrong: not retrieving it is what spacing is
    there to fix. ``reviewed_at`` must be aware; the review's day is its local
    date in ``zone``. A retired state comes back unchanged. Raises ValueError
    for an unknown mode or a naive ``reviewed_at``.
    """
    try:
        spacing_mode = SpacingMode(mode)
    except ValueError:
        raise ValueError(f"Unknown spacing mode {mode!r}") from None
    if reviewed_at.utcoffset() is None:
        raise ValueError("reviewed_at must be an aware datetime")
    outcome = Outcome(outcome)
    if state.retired:
        return state

    correct = outcome == Outcome.CORRECT
    scored = replace(
        state,
        showings=state.showings + 1,
        correct_streak=state.correct_streak + 1 if correct else 0,
    )
    day = reviewed_at.astimezone(zone).date()

    if spacing_mode == SpacingMode.SERIES:
        return replace(scored, next_due_on=None, retired=False)

    if spacing_mode == SpacingMode.SPACED_EDUCATION:
        if not correct:
            return replace(scored, next_due_on=day + SPACED_WRONG_INTERVAL)
        if scored.correct_streak >= RETIRE_AFTER_CORRECT_IN_A_ROW:
            return replace(scored, retired=True, next_due_on=None)
        return replace(scored, next_due_on=day + SPACED_RIGHT_INTERVAL)

    return _fsrs_review(
        state=scored,
        correct=correct,
        reviewed_at=reviewed_at.astimezone(UTC),  # the package insists on UTC
        day=day,
        zone=zone,
        desired_retention=desired_retention,
    )


def _fsrs_review(
    *,
    state: CardState,
    correct: bool,
    reviewed_at: datetime,
    day: date,
    zone: ZoneInfo,
    desired_retention: float,
) -> CardState:
    # No learning steps: a booster is one email, so minute-scale steps make no sense.
    scheduler = Scheduler(
        desired_retention=desired_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )
    if state.fsrs_card is None:
        card = Card(card_id=_FSRS_CARD_ID, due=reviewed_at)
    else:
        card = Card.from_dict(state.fsrs_card)
    rating = Rating.Good if correct else Rating.Again
    card, _log = scheduler.review_card(card, rating, reviewed_at)
    fsrs_card = dict(card.to_dict())
    if card.due - reviewed_at > FSRS_MASTERED_INTERVAL:
        return replace(state, retired=True, next_due_on=None, fsrs_card=fsrs_card)
    # A question never comes back on the local day it was just reviewed.
    next_due_on = max(card.due.astimezone(zone).date(), day + timedelta(days=1))
    return replace(state, next_due_on=next_due_on, fsrs_card=fsrs_card)
