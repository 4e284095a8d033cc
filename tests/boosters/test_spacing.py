"""When a booster question comes back: series, spaced education and FSRS.

Pure functions, so no database. The FSRS cases run the real ``fsrs`` package;
their dates were computed once and are asserted literally, so an upgrade that
changes the model shows up here.
"""

import json
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from boosters.questions.spacing import (
    FSRS_MASTERED_INTERVAL,
    CardState,
    Outcome,
    SpacingMode,
    card_review,
)

LONDON = ZoneInfo("Europe/London")
SINGAPORE = ZoneInfo("Asia/Singapore")
NEW_YORK = ZoneInfo("America/New_York")

CORRECT, WRONG, MISSED = Outcome.CORRECT, Outcome.WRONG, Outcome.MISSED
MONDAY_NINE = datetime(2026, 2, 2, 9, tzinfo=UTC)


def review(state=None, outcome=CORRECT, **overrides) -> CardState:
    arguments = {
        "mode": SpacingMode.SPACED_EDUCATION,
        "state": state or CardState(),
        "outcome": outcome,
        "reviewed_at": MONDAY_NINE,
        "zone": LONDON,
    } | overrides
    return card_review(**arguments)


def review_when_due(
    outcomes, *, mode, start=MONDAY_NINE, zone=LONDON, **overrides
) -> list[CardState]:
    """Answer each time the question comes back, at the same local time of day."""
    states = []
    state = CardState()
    reviewed_at = start
    wall_time = start.astimezone(zone).time()
    for outcome in outcomes:
        state = card_review(
            mode=mode,
            state=state,
            outcome=outcome,
            reviewed_at=reviewed_at,
            zone=zone,
            **overrides,
        )
        states.append(state)
        if state.next_due_on is None:
            break
        reviewed_at = datetime.combine(state.next_due_on, wall_time, tzinfo=zone)
    return states


def due_dates(states: list[CardState]) -> list[date | None]:
    return [state.next_due_on for state in states]


# --- Every mode -----------------------------------------------------------------


@pytest.mark.parametrize("mode", list(SpacingMode))
def test_every_showing_counts_and_a_wrong_or_missed_answer_resets_the_streak(mode):
    right = review(mode=mode, outcome=CORRECT)
    wrong = review(state=right, mode=mode, outcome=WRONG)
    missed = review(state=review(state=wrong, mode=mode), mode=mode, outcome=MISSED)

    assert (right.showings, right.correct_streak) == (1, 1)
    assert (wrong.showings, wrong.correct_streak) == (2, 0)
    assert (missed.showings, missed.correct_streak) == (4, 0)


@pytest.mark.parametrize("mode", list(SpacingMode))
@pytest.mark.parametrize("outcome", list(Outcome))
def test_retired_question_is_never_scheduled_again(mode, outcome):
    retired = CardState(showings=2, correct_streak=2, retired=True)

    assert review(state=retired, mode=mode, outcome=outcome) == retired


def test_naive_reviewed_at_is_rejected():
    with pytest.raises(ValueError, match="aware"):
        review(reviewed_at=datetime(2026, 2, 2, 9))


def test_unknown_mode_raises_value_error_naming_it():
    with pytest.raises(ValueError, match="leitner"):
        review(mode="leitner")


def test_mode_values_are_the_stored_strings():
    assert [mode.value for mode in SpacingMode] == ["series", "spaced", "fsrs"]
    assert review(mode="spaced") == review(mode=SpacingMode.SPACED_EDUCATION)


# --- Series -----------------------------------------------------------------------


@pytest.mark.parametrize("outcome", list(Outcome))
def test_series_never_repeats_a_question(outcome):
    state = review(mode=SpacingMode.SERIES, outcome=outcome)

    assert state.next_due_on is None
    assert state.retired is False
    assert state.fsrs_card is None


def test_series_never_retires_even_after_many_right_answers():
    state = CardState()
    for _ in range(5):
        state = review(state=state, mode=SpacingMode.SERIES)

    assert (state.showings, state.correct_streak, state.retired) == (5, 5, False)


# --- Spaced education ---------------------------------------------------------------


def test_wrong_answer_returns_after_12_days():
    assert review(outcome=WRONG).next_due_on == date(2026, 2, 14)


def test_right_answer_returns_after_24_days():
    assert review(outcome=CORRECT).next_due_on == date(2026, 2, 26)


def test_missed_counts_as_wrong():
    wrong = review(state=review(), outcome=WRONG)
    missed = review(state=review(), outcome=MISSED)

    assert missed == wrong
    assert missed.next_due_on == date(2026, 2, 14)


def test_two_right_in_a_row_retire_the_question():
    states = review_when_due(
        [WRONG, CORRECT, CORRECT], mode=SpacingMode.SPACED_EDUCATION
    )

    # 2 Feb + 12 days, then 14 Feb + 24 days, then retired.
    assert due_dates(states) == [date(2026, 2, 14), date(2026, 3, 10), None]
    assert [state.retired for state in states] == [False, False, True]


def test_a_wrong_answer_between_right_ones_starts_the_streak_again():
    states = review_when_due(
        [CORRECT, WRONG, CORRECT, CORRECT], mode=SpacingMode.SPACED_EDUCATION
    )

    assert due_dates(states) == [
        date(2026, 2, 26),
        date(2026, 3, 10),
        date(2026, 4, 3),
        None,
    ]
    assert states[-1].retired is True
    assert states[-1].showings == 4


def test_interval_counts_from_the_learners_local_day():
    # 23:30 UTC on 2 Feb is 07:30 on 3 Feb in Singapore (UTC+8).
    late_evening_utc = datetime(2026, 2, 2, 23, 30, tzinfo=UTC)

    in_singapore = review(outcome=WRONG, reviewed_at=late_evening_utc, zone=SINGAPORE)
    in_london = review(outcome=WRONG, reviewed_at=late_evening_utc, zone=LONDON)

    assert in_singapore.next_due_on == date(2026, 2, 15)
    assert in_london.next_due_on == date(2026, 2, 14)


def test_spaced_education_leaves_the_fsrs_card_alone():
    assert review(outcome=WRONG).fsrs_card is None


# --- FSRS -------------------------------------------------------------------------------


def test_fsrs_golden_sequence_from_the_real_package():
    states = review_when_due(
        [WRONG, CORRECT, CORRECT, CORRECT, CORRECT, CORRECT], mode=SpacingMode.FSRS
    )

    assert due_dates(states) == [
        date(2026, 2, 3),  # Again: back the next day
        date(2026, 2, 5),
        date(2026, 2, 11),
        date(2026, 2, 28),
        date(2026, 4, 13),
        None,  # the next interval (102 days) passes 60: mastered
    ]
    assert [state.retired for state in states] == [False] * 5 + [True]
    assert [state.correct_streak for state in states] == [0, 1, 2, 3, 4, 5]


def test_fsrs_retires_once_the_interval_passes_60_days():
    states = review_when_due([CORRECT] * 4, mode=SpacingMode.FSRS)

    assert due_dates(states) == [
        date(2026, 2, 4),
        date(2026, 2, 15),
        date(2026, 4, 2),  # 46 days: still scheduled
        None,
    ]
    last = states[-1]
    assert last.retired is True
    due = datetime.fromisoformat(last.fsrs_card["due"])
    reviewed = datetime.fromisoformat(last.fsrs_card["last_review"])
    assert due - reviewed > FSRS_MASTERED_INTERVAL


@pytest.mark.parametrize("outcome", [WRONG, MISSED])
def test_fsrs_lapse_brings_a_learned_question_back_within_days(outcome):
    # Right on 2 and 4 Feb, so due on 15 Feb; a right answer then waits until
    # 2 Apr, a wrong or missed one comes back two days later.
    state = review_when_due([CORRECT, CORRECT], mode=SpacingMode.FSRS)[-1]
    reviewed_at = datetime.combine(state.next_due_on, time(9), tzinfo=LONDON)

    lapsed = review(
        state=state, mode=SpacingMode.FSRS, outcome=outcome, reviewed_at=reviewed_at
    )
    kept = review(state=state, mode=SpacingMode.FSRS, reviewed_at=reviewed_at)

    assert (lapsed.next_due_on, lapsed.correct_streak) == (date(2026, 2, 17), 0)
    assert kept.next_due_on == date(2026, 4, 2)


def test_fsrs_missed_counts_as_wrong():
    first = review(mode=SpacingMode.FSRS)

    wrong = review(state=first, mode=SpacingMode.FSRS, outcome=WRONG)
    missed = review(state=first, mode=SpacingMode.FSRS, outcome=MISSED)

    assert missed == wrong


def test_higher_desired_retention_gives_shorter_intervals():
    def dates(retention: float) -> list[date | None]:
        states = review_when_due(
            [CORRECT, CORRECT], mode=SpacingMode.FSRS, desired_retention=retention
        )
        return due_dates(states)

    # Reviews on 2 Feb and on each due date after it.
    assert dates(0.85) == [date(2026, 2, 6), date(2026, 3, 9)]
    assert dates(0.9) == [date(2026, 2, 4), date(2026, 2, 15)]
    assert dates(0.95) == [date(2026, 2, 3), date(2026, 2, 6)]


def test_fsrs_card_survives_a_json_round_trip():
    first = review(mode=SpacingMode.FSRS)
    stored = json.loads(json.dumps(first.fsrs_card))
    reloaded = CardState(
        showings=first.showings,
        correct_streak=first.correct_streak,
        next_due_on=first.next_due_on,
        fsrs_card=stored,
    )
    next_review = datetime.combine(first.next_due_on, time(9), tzinfo=LONDON)

    from_json = review(state=reloaded, mode=SpacingMode.FSRS, reviewed_at=next_review)
    direct = review(state=first, mode=SpacingMode.FSRS, reviewed_at=next_review)

    assert stored == first.fsrs_card
    assert from_json == direct


def test_fsrs_results_are_reproducible():
    first = review_when_due([WRONG, CORRECT, CORRECT], mode=SpacingMode.FSRS)
    again = review_when_due([WRONG, CORRECT, CORRECT], mode=SpacingMode.FSRS)

    assert first == again


def test_fsrs_accepts_a_review_time_in_any_zone():
    # The package itself insists on UTC; the same instant in New York is fine.
    in_new_york = MONDAY_NINE.astimezone(NEW_YORK)

    assert review(mode=SpacingMode.FSRS, reviewed_at=in_new_york) == review(
        mode=SpacingMode.FSRS
    )


def test_fsrs_interval_counts_from_the_learners_local_day():
    # 23:30 UTC on 2 Feb is 3 Feb in Singapore; an Again comes back a day later.
    late_evening_utc = datetime(2026, 2, 2, 23, 30, tzinfo=UTC)

    state = review(
        mode=SpacingMode.FSRS,
        outcome=WRONG,
        reviewed_at=late_evening_utc,
        zone=SINGAPORE,
    )

    assert state.next_due_on == date(2026, 2, 4)
