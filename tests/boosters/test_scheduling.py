"""When booster emails are due: local dates, DST, weekends and late enrolment.

Pure functions, so no database: every case is plain values in, plain values out.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from boosters.planning.scheduling import (
    FRI_SAT,
    SAT_SUN,
    SEND_GRACE,
    CappedSend,
    PlannedSend,
    StepTiming,
    daily_cap_apply,
    learner_zone,
    local_send_date,
    local_to_utc,
    next_working_day,
    plan_sends,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
SYDNEY = ZoneInfo("Australia/Sydney")
KOLKATA = ZoneInfo("Asia/Kolkata")
RIYADH = ZoneInfo("Asia/Riyadh")
NINE = time(9, 0)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)


# --- Time zones and DST -------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "friday_before", "friday_utc", "monday_after", "monday_utc"),
    [
        # New York, spring forward Sun 8 Mar 2026: EST (-5) -> EDT (-4).
        (
            NEW_YORK,
            date(2026, 3, 6),
            utc(2026, 3, 6, 14),
            date(2026, 3, 9),
            utc(2026, 3, 9, 13),
        ),
        # New York, fall back Sun 1 Nov 2026: EDT (-4) -> EST (-5).
        (
            NEW_YORK,
            date(2026, 10, 30),
            utc(2026, 10, 30, 13),
            date(2026, 11, 2),
            utc(2026, 11, 2, 14),
        ),
        # London, Sun 29 Mar 2026: GMT -> BST (+1).
        (
            LONDON,
            date(2026, 3, 27),
            utc(2026, 3, 27, 9),
            date(2026, 3, 30),
            utc(2026, 3, 30, 8),
        ),
        # London, Sun 25 Oct 2026: BST -> GMT.
        (
            LONDON,
            date(2026, 10, 23),
            utc(2026, 10, 23, 8),
            date(2026, 10, 26),
            utc(2026, 10, 26, 9),
        ),
        # Sydney, DST ends Sun 5 Apr 2026: AEDT (+11) -> AEST (+10).
        (
            SYDNEY,
            date(2026, 4, 3),
            utc(2026, 4, 2, 22),
            date(2026, 4, 6),
            utc(2026, 4, 5, 23),
        ),
        # Sydney, DST starts Sun 4 Oct 2026: AEST (+10) -> AEDT (+11).
        (
            SYDNEY,
            date(2026, 10, 2),
            utc(2026, 10, 1, 23),
            date(2026, 10, 5),
            utc(2026, 10, 4, 22),
        ),
    ],
    ids=[
        "ny-march",
        "ny-november",
        "london-march",
        "london-october",
        "sydney-april",
        "sydney-october",
    ],
)
def test_nine_local_stays_nine_local_on_both_sides_of_a_dst_change(
    zone, friday_before, friday_utc, monday_after, monday_utc
):
    before = local_to_utc(local_date=friday_before, send_time=NINE, zone=zone)
    after = local_to_utc(local_date=monday_after, send_time=NINE, zone=zone)

    assert (before, after) == (friday_utc, monday_utc)
    assert before.tzinfo is UTC and after.tzinfo is UTC
    assert before.astimezone(zone).time() == after.astimezone(zone).time() == NINE
    # The UTC instant moves by exactly the offset change.
    offset_change = (
        after.astimezone(zone).utcoffset() - before.astimezone(zone).utcoffset()
    )
    assert abs(offset_change) == timedelta(hours=1)
    assert (after - before) == (monday_after - friday_before) - offset_change


@pytest.mark.parametrize(
    ("zone", "day", "send_time", "expected_utc", "expected_wall"),
    [
        (NEW_YORK, date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 30), time(3, 30)),
        (NEW_YORK, date(2026, 3, 8), time(2, 0), utc(2026, 3, 8, 7), time(3, 0)),
        (LONDON, date(2026, 3, 29), time(1, 30), utc(2026, 3, 29, 1, 30), time(2, 30)),
        (SYDNEY, date(2026, 10, 4), time(2, 30), utc(2026, 10, 3, 16, 30), time(3, 30)),
    ],
    ids=["ny-0230", "ny-0200", "london-0130", "sydney-0230"],
)
def test_time_in_spring_forward_gap_rolls_forward_by_the_gap(
    zone, day, send_time, expected_utc, expected_wall
):
    due = local_to_utc(local_date=day, send_time=send_time, zone=zone)

    assert due == expected_utc
    assert due.astimezone(zone).date() == day
    assert due.astimezone(zone).time() == expected_wall


@pytest.mark.parametrize(
    ("zone", "day", "send_time", "expected_utc"),
    [
        # 01:30 EDT, not 01:30 EST (06:30 UTC).
        (NEW_YORK, date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
        # 01:30 BST, not 01:30 GMT.
        (LONDON, date(2026, 10, 25), time(1, 30), utc(2026, 10, 25, 0, 30)),
        # 02:30 AEDT, not 02:30 AEST.
        (SYDNEY, date(2026, 4, 5), time(2, 30), utc(2026, 4, 4, 15, 30)),
    ],
    ids=["ny", "london", "sydney"],
)
def test_ambiguous_fall_back_time_takes_the_first_occurrence(
    zone, day, send_time, expected_utc
):
    assert local_to_utc(local_date=day, send_time=send_time, zone=zone) == expected_utc


def test_fold_on_the_send_time_is_ignored():
    second = time(1, 30, fold=1)

    due = local_to_utc(local_date=date(2026, 11, 1), send_time=second, zone=NEW_YORK)

    assert due == utc(2026, 11, 1, 5, 30)


@pytest.mark.parametrize(
    "day", [date(2026, 1, 15), date(2026, 3, 8), date(2026, 7, 1), date(2026, 11, 1)]
)
def test_kolkata_half_hour_offset_has_no_dst(day):
    due = local_to_utc(local_date=day, send_time=NINE, zone=KOLKATA)

    assert due == datetime.combine(day, time(3, 30), tzinfo=UTC)


def test_aware_send_time_is_rejected():
    with pytest.raises(ValueError, match="naive"):
        local_to_utc(
            local_date=date(2026, 1, 5), send_time=time(9, tzinfo=UTC), zone=LONDON
        )


# --- Working days -------------------------------------------------------------

# Mon 5 Jan 2026 ... Sun 11 Jan 2026.
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 1, 5 + i) for i in range(7))


@pytest.mark.parametrize(
    ("day", "weekend", "expected"),
    [
        (MON, SAT_SUN, MON),
        (FRI, SAT_SUN, FRI),
        (SAT, SAT_SUN, date(2026, 1, 12)),
        (SUN, SAT_SUN, date(2026, 1, 12)),
        (THU, FRI_SAT, THU),
        (FRI, FRI_SAT, SUN),
        (SAT, FRI_SAT, SUN),
        (SUN, FRI_SAT, SUN),
        (SAT, frozenset(), SAT),
        (MON, frozenset({1, 2, 3, 4, 5, 6}), SUN),
    ],
)
def test_next_working_day_skips_the_cohorts_weekend(day, weekend, expected):
    assert next_working_day(day=day, weekend=weekend) == expected


@pytest.mark.parametrize(
    "weekend", [frozenset(range(1, 8)), frozenset({0}), frozenset({8})]
)
def test_weekend_of_all_days_or_invalid_weekdays_is_rejected(weekend):
    with pytest.raises(ValueError):
        next_working_day(day=MON, weekend=weekend)


@pytest.mark.parametrize(
    ("day_offset", "weekend", "working_days_only", "expected"),
    [
        (3, SAT_SUN, True, THU),
        (5, SAT_SUN, True, date(2026, 1, 12)),  # Saturday -> Monday
        (6, SAT_SUN, True, date(2026, 1, 12)),  # Sunday -> Monday
        (4, FRI_SAT, True, SUN),  # Friday -> Sunday
        (5, FRI_SAT, True, SUN),  # Saturday -> Sunday
        (4, SAT_SUN, True, FRI),  # Friday is a working day for Sat-Sun
        (5, SAT_SUN, False, SAT),
        (4, FRI_SAT, False, FRI),
        (0, SAT_SUN, True, MON),
        (-1, SAT_SUN, True, MON),  # a day before the anchor: Sunday -> Monday
    ],
)
def test_local_send_date_is_anchor_plus_offset_moved_past_the_weekend(
    day_offset, weekend, working_days_only, expected
):
    day = local_send_date(
        anchor=MON,
        day_offset=day_offset,
        weekend=weekend,
        working_days_only=working_days_only,
    )

    assert day == expected


# --- Plans ----------------------------------------------------------------------

FIVE_STEPS = [
    StepTiming(key=f"step-{o}", day_offset=o, send_time=None) for o in (0, 2, 4, 7, 14)
]
ANCHOR = date(2026, 2, 2)  # Monday


def new_york_plan(steps=FIVE_STEPS, **overrides) -> list[PlannedSend]:
    arguments = {
        "steps": steps,
        "anchor": ANCHOR,
        "default_send_time": NINE,
        "zone": NEW_YORK,
        "weekend": SAT_SUN,
        "working_days_only": True,
    } | overrides
    return plan_sends(**arguments)


def local_dates(plan: list[PlannedSend]) -> list[date]:
    return [send.local_date for send in plan]


def feb(*days: int) -> list[date]:
    return [date(2026, 2, day) for day in days]


def test_plan_without_not_before_is_each_steps_own_date_at_local_send_time():
    plan = new_york_plan()

    assert [send.key for send in plan] == [step.key for step in FIVE_STEPS]
    assert local_dates(plan) == feb(2, 4, 6, 9, 16)
    assert plan[0].due_at == utc(2026, 2, 2, 14)  # 09:00 EST
    assert all(send.due_at.astimezone(NEW_YORK).time() == NINE for send in plan)


def test_step_send_time_overrides_the_cohort_default():
    steps = [
        StepTiming(key="a", day_offset=0, send_time=time(17, 30)),
        StepTiming(key="b", day_offset=1, send_time=None),
        StepTiming(key="c", day_offset=2, send_time=time(0, 0)),
    ]

    plan = new_york_plan(steps=steps)

    assert [send.due_at for send in plan] == [
        utc(2026, 2, 2, 22, 30),
        utc(2026, 2, 3, 14),
        utc(2026, 2, 4, 5),
    ]


def test_plan_uses_the_zone_it_is_given():
    plan = new_york_plan(zone=KOLKATA)

    assert plan[0].due_at == utc(2026, 2, 2, 3, 30)


@pytest.mark.parametrize(
    "not_before",
    [
        local(NEW_YORK, 2026, 1, 20, 12),  # two weeks before the anchor
        local(NEW_YORK, 2026, 2, 2, 9),  # exactly the first send slot
    ],
)
def test_learner_enrolling_before_the_first_send_gets_the_normal_plan(not_before):
    assert new_york_plan(not_before=not_before) == new_york_plan()


def test_late_learner_gets_missed_steps_one_per_working_day_from_next_slot():
    # Two weeks after the anchor, at 10:00 on Monday: every step, including
    # today's 09:00 one, is missed. Catch-up skips the weekend of 21-22 Feb.
    plan = new_york_plan(not_before=local(NEW_YORK, 2026, 2, 16, 10))

    assert [send.key for send in plan] == [step.key for step in FIVE_STEPS]
    assert local_dates(plan) == feb(17, 18, 19, 20, 23)
    assert all(send.due_at.astimezone(NEW_YORK).time() == NINE for send in plan)


def test_late_learner_enrolling_before_todays_slot_starts_catching_up_today():
    # At 08:00 today's 09:00 slot is still ahead. The last step (due today) was
    # not missed, but the catch-up reaches it, so it is pushed behind the others.
    plan = new_york_plan(not_before=local(NEW_YORK, 2026, 2, 16, 8))

    assert local_dates(plan) == feb(16, 17, 18, 19, 20)
    assert plan[0].due_at == utc(2026, 2, 16, 14)


@pytest.mark.parametrize(("hour", "first_date"), [(8, feb(9)), (10, feb(10))])
def test_first_missed_step_goes_today_or_next_working_day_by_send_slot(
    hour, first_date
):
    plan = new_york_plan(not_before=local(NEW_YORK, 2026, 2, 9, hour))

    assert local_dates(plan)[:1] == first_date


def test_steps_the_catch_up_does_not_reach_keep_their_own_dates():
    plan = new_york_plan(not_before=local(NEW_YORK, 2026, 2, 9, 10))

    assert local_dates(plan) == feb(10, 11, 12, 13, 16)


def test_step_reached_by_the_catch_up_is_pushed_to_the_next_working_day():
    plan = new_york_plan(not_before=local(NEW_YORK, 2026, 2, 10, 10))

    assert local_dates(plan) == feb(11, 12, 13, 16, 17)


def test_catch_up_skips_a_fri_sat_weekend():
    steps = FIVE_STEPS[:3]
    # Thursday 12 Feb 2026, 10:00 in Riyadh: Friday and Saturday are the weekend.
    plan = plan_sends(
        steps=steps,
        anchor=date(2026, 2, 1),
        default_send_time=NINE,
        zone=RIYADH,
        weekend=FRI_SAT,
        working_days_only=True,
        not_before=local(RIYADH, 2026, 2, 12, 10),
    )

    assert local_dates(plan) == feb(15, 16, 17)


def test_catch_up_uses_weekends_when_cohort_sends_on_any_day():
    plan = new_york_plan(
        steps=FIVE_STEPS[:3],
        working_days_only=False,
        not_before=local(NEW_YORK, 2026, 2, 13, 10),  # Friday
    )

    assert local_dates(plan) == feb(14, 15, 16)


def test_catch_up_slot_uses_each_steps_own_send_time():
    steps = [
        StepTiming(key="morning", day_offset=0, send_time=None),
        StepTiming(key="evening", day_offset=1, send_time=time(18, 0)),
    ]

    plan = new_york_plan(steps=steps, not_before=local(NEW_YORK, 2026, 2, 9, 12))

    # 09:00 today has passed, so the morning step goes tomorrow; the evening
    # step may not share that date, so it follows the day after.
    assert local_dates(plan) == feb(10, 11)
    assert plan[1].due_at.astimezone(NEW_YORK).time() == time(18, 0)


def test_catch_up_across_spring_forward_keeps_nine_local():
    plan = new_york_plan(
        steps=FIVE_STEPS[:2],
        anchor=date(2026, 3, 2),
        not_before=local(NEW_YORK, 2026, 3, 6, 10),  # Friday before the change
    )

    assert local_dates(plan) == [date(2026, 3, 9), date(2026, 3, 10)]
    assert plan[0].due_at == utc(2026, 3, 9, 13)  # 09:00 EDT


def test_not_before_in_another_zone_is_compared_as_an_instant():
    # 15:00 UTC is 10:00 in New York: today's 09:00 slot has passed.
    plan = new_york_plan(not_before=utc(2026, 2, 16, 15))

    assert local_dates(plan) == feb(17, 18, 19, 20, 23)


def test_naive_not_before_is_rejected():
    with pytest.raises(ValueError, match="aware"):
        new_york_plan(not_before=datetime(2026, 2, 16, 10))


@pytest.mark.parametrize("weekend", [SAT_SUN, FRI_SAT])
@pytest.mark.parametrize("zone", [NEW_YORK, LONDON, SYDNEY, KOLKATA])
@pytest.mark.parametrize("days_late", [0, 1, 3, 5, 6, 9, 13, 14, 15, 20])
@pytest.mark.parametrize("hour", [0, 8, 9, 10, 23])
def test_late_plan_is_ordered_in_the_future_and_never_doubles_up(
    weekend, zone, days_late, hour
):
    not_before = datetime.combine(
        ANCHOR + timedelta(days=days_late), time(hour), tzinfo=zone
    )

    plan = new_york_plan(zone=zone, weekend=weekend, not_before=not_before)
    normal = new_york_plan(zone=zone, weekend=weekend)

    dates = local_dates(plan)
    assert [send.key for send in plan] == [step.key for step in FIVE_STEPS]
    assert all(send.due_at >= not_before for send in plan)
    assert dates == sorted(set(dates))  # strictly increasing: one per date
    assert all(day.isoweekday() not in weekend for day in dates)
    assert all(send.due_at.astimezone(zone).time() == NINE for send in plan)
    for planned, usual in zip(plan, normal, strict=True):
        if usual.due_at >= not_before:
            assert planned.local_date >= usual.local_date


# --- Learner zone ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("learner_zone_name", "expected"),
    [
        ("Asia/Kolkata", KOLKATA),
        ("Australia/Sydney", SYDNEY),
        (None, LONDON),
        ("", LONDON),
    ],
)
def test_learners_own_zone_overrides_the_cohorts(learner_zone_name, expected):
    zone = learner_zone(
        learner_zone_name=learner_zone_name, cohort_zone_name="Europe/London"
    )

    assert zone == expected


def test_learners_own_zone_changes_the_utc_instant():
    zone = learner_zone(
        learner_zone_name="Asia/Kolkata", cohort_zone_name="Europe/London"
    )

    plan = new_york_plan(zone=zone)

    assert plan[0].due_at == utc(2026, 2, 2, 3, 30)


@pytest.mark.parametrize(
    ("learner_zone_name", "cohort_zone_name", "bad"),
    [
        ("Mars/Olympus_Mons", "Europe/London", "Mars/Olympus_Mons"),
        (None, "Atlantis/Capital", "Atlantis/Capital"),
        ("../etc/passwd", "Europe/London", "../etc/passwd"),
    ],
)
def test_unknown_zone_name_raises_value_error_naming_it(
    learner_zone_name, cohort_zone_name, bad
):
    with pytest.raises(ValueError, match=bad.replace(".", r"\.")):
        learner_zone(
            learner_zone_name=learner_zone_name, cohort_zone_name=cohort_zone_name
        )


# --- Daily cap ------------------------------------------------------------------


def question(key, day, *, repeat=False, movable=True, send_time=NINE) -> CappedSend:
    return CappedSend(
        key=key,
        local_date=day,
        send_time=send_time,
        is_repeat=repeat,
        movable=movable,
    )


def capped(sends, **overrides) -> list[PlannedSend]:
    arguments = {
        "sends": sends,
        "cap": 2,
        "zone": LONDON,
        "weekend": SAT_SUN,
        "working_days_only": True,
    } | overrides
    return daily_cap_apply(**arguments)


def dates_by_key(plan: list[PlannedSend]) -> dict[object, date]:
    return {send.key: send.local_date for send in plan}


def test_under_the_cap_nothing_moves():
    sends = [question("a", MON), question("b", MON), question("c", TUE)]

    plan = capped(sends)

    assert plan == [
        PlannedSend(key="a", local_date=MON, due_at=utc(2026, 1, 5, 9)),
        PlannedSend(key="b", local_date=MON, due_at=utc(2026, 1, 5, 9)),
        PlannedSend(key="c", local_date=TUE, due_at=utc(2026, 1, 6, 9)),
    ]


def test_three_questions_on_one_day_with_cap_two_move_the_new_one_on():
    sends = [
        question("new", WED),
        question("repeat-1", WED, repeat=True),
        question("repeat-2", WED, repeat=True),
    ]

    plan = capped(sends)

    assert [send.key for send in plan] == ["new", "repeat-1", "repeat-2"]
    assert dates_by_key(plan) == {"new": THU, "repeat-1": WED, "repeat-2": WED}


@pytest.mark.parametrize(
    ("day", "weekend", "expected"),
    [
        (FRI, SAT_SUN, date(2026, 1, 12)),  # Friday -> Monday
        (THU, FRI_SAT, SUN),  # Thursday -> Sunday
        (FRI, FRI_SAT, SUN),  # a weekend date may stay, but nothing moves onto one
    ],
)
def test_moved_question_skips_the_cohorts_weekend(day, weekend, expected):
    sends = [question("a", day), question("b", day), question("c", day)]

    plan = capped(sends, weekend=weekend)

    assert dates_by_key(plan) == {"a": day, "b": day, "c": expected}


def test_repeats_keep_their_day_ahead_of_new_questions():
    sends = [
        question("new-1", MON),
        question("new-2", MON),
        question("repeat", MON, repeat=True),
    ]

    plan = capped(sends)

    # Among new questions input order decides: the later one yields.
    assert dates_by_key(plan) == {"new-1": MON, "new-2": TUE, "repeat": MON}


def test_cap_of_one_puts_a_repeat_first_and_new_questions_after_it():
    sends = [question("new", MON), question("repeat", MON, repeat=True)]

    plan = capped(sends, cap=1)

    assert dates_by_key(plan) == {"new": TUE, "repeat": MON}


def test_sends_already_out_count_toward_the_load_but_are_not_returned():
    sends = [
        question("sent", MON, movable=False),
        question("sending", MON, repeat=True, movable=False),
        question("repeat", MON, repeat=True),
        question("new", TUE),
    ]

    plan = capped(sends)

    assert dates_by_key(plan) == {"repeat": TUE, "new": TUE}
    assert [send.key for send in plan] == ["repeat", "new"]


def test_sends_already_out_stay_even_over_the_cap():
    sends = [question(f"sent-{i}", MON, movable=False) for i in range(3)]
    sends.append(question("new", MON))

    assert dates_by_key(capped(sends)) == {"new": TUE}


def test_overflow_cascades_over_several_days():
    sends = [question(f"q{i}", THU) for i in range(7)]

    plan = capped(sends)

    next_monday = date(2026, 1, 12)
    assert [send.local_date for send in plan] == [
        THU,
        THU,
        FRI,
        FRI,
        next_monday,
        next_monday,
        date(2026, 1, 13),
    ]


def test_overflow_fills_a_later_day_only_up_to_the_cap():
    sends = [
        question("tue-1", TUE, repeat=True),
        question("mon-1", MON),
        question("mon-2", MON),
        question("mon-3", MON),
        question("tue-2", TUE, repeat=True),
    ]

    plan = capped(sends)

    # Monday is placed first, so its overflow takes a Tuesday slot before
    # Tuesday's own repeats; the second of those goes on to Wednesday.
    assert dates_by_key(plan) == {
        "tue-1": TUE,
        "mon-1": MON,
        "mon-2": MON,
        "mon-3": TUE,
        "tue-2": WED,
    }


def test_a_question_never_moves_earlier():
    sends = [question("a", FRI), question("b", FRI), question("c", FRI)]

    plan = capped(sends)

    assert all(send.local_date >= FRI for send in plan)
    assert capped([question("x", THU)] + sends)[0].local_date == THU


def test_moved_question_keeps_its_local_send_time_across_dst():
    # Fri 6 Mar 2026 is EST (UTC-5); Mon 9 Mar is EDT (UTC-4).
    friday = date(2026, 3, 6)
    sends = [question(key, friday) for key in "abc"]

    plan = capped(sends, zone=NEW_YORK)

    assert [send.local_date for send in plan] == [friday, friday, date(2026, 3, 9)]
    assert [send.due_at for send in plan] == [
        utc(2026, 3, 6, 14),
        utc(2026, 3, 6, 14),
        utc(2026, 3, 9, 13),
    ]
    assert all(send.due_at.astimezone(NEW_YORK).time() == NINE for send in plan)


def test_moved_question_keeps_its_own_send_time():
    sends = [
        question("a", MON),
        question("b", MON),
        question("evening", MON, send_time=time(18, 30)),
    ]

    plan = capped(sends)

    assert plan[-1].due_at == utc(2026, 1, 6, 18, 30)


def test_without_working_days_only_a_question_moves_to_the_next_calendar_day():
    sends = [question(key, FRI) for key in "abcde"]

    plan = capped(sends, working_days_only=False)

    assert [send.local_date for send in plan] == [FRI, FRI, SAT, SAT, SUN]


@pytest.mark.parametrize("cap", [0, -1])
def test_cap_below_one_is_rejected(cap):
    with pytest.raises(ValueError, match="cap"):
        capped([question("a", MON)], cap=cap)


@pytest.mark.parametrize(
    "weekend", [frozenset(range(1, 8)), frozenset({0}), frozenset({8})]
)
def test_daily_cap_rejects_an_invalid_weekend(weekend):
    with pytest.raises(ValueError):
        capped([question("a", MON)], weekend=weekend)


def test_no_sends_give_an_empty_plan():
    assert capped([]) == []


@pytest.mark.parametrize("weekend", [SAT_SUN, FRI_SAT])
@pytest.mark.parametrize("cap", [1, 2, 3])
@pytest.mark.parametrize("zone", [NEW_YORK, SYDNEY, KOLKATA])
def test_capped_plan_never_exceeds_the_cap_or_moves_earlier(weekend, cap, zone):
    days = [MON, MON, MON, TUE, WED, WED, WED, WED, THU, FRI, FRI]
    sends = [
        question(f"q{i}", day, repeat=i % 3 == 0, movable=i % 5 != 4)
        for i, day in enumerate(days)
    ]

    plan = capped(sends, cap=cap, zone=zone, weekend=weekend)

    movable = [send for send in sends if send.movable]
    assert [send.key for send in plan] == [send.key for send in movable]
    loads: dict[date, int] = {}
    for send in sends:
        if not send.movable:
            loads[send.local_date] = loads.get(send.local_date, 0) + 1
    fixed = dict(loads)
    for planned, send in zip(plan, movable, strict=True):
        assert planned.local_date >= send.local_date
        if planned.local_date != send.local_date:
            assert planned.local_date.isoweekday() not in weekend
        assert planned.due_at.astimezone(zone).time() == NINE
        loads[planned.local_date] = loads.get(planned.local_date, 0) + 1
    assert all(count <= max(cap, fixed.get(day, 0)) for day, count in loads.items())


# --- Re-planning overdue sends (a scheduler outage) -------------------------------
# FIVE_STEPS fall on Mon 2, Wed 4, Fri 6, Mon 9 and Mon 16 Feb.


def test_sends_already_out_are_not_replanned_and_the_catch_up_starts_after_them():
    # Steps 0 and 2 went out; the scheduler was down from Thursday 5 to Tuesday
    # 10 at 09:30. Step 4 (Fri 6) and step 7 (Mon 9) missed their slots: they
    # go one per working day from today's slot, which is still within the grace.
    plan = new_york_plan(
        not_before=local(NEW_YORK, 2026, 2, 10, 9, 30) - SEND_GRACE,
        settled={"step-0": date(2026, 2, 2), "step-2": date(2026, 2, 4)},
    )

    assert local_dates(plan) == feb(2, 4, 10, 11, 16)
    assert [send.planned_date for send in plan] == [None, None, *feb(6, 9), None]
    assert all(send.due_at.astimezone(NEW_YORK).time() == NINE for send in plan)


def test_a_send_out_today_takes_today_and_the_catch_up_starts_tomorrow():
    plan = new_york_plan(
        not_before=local(NEW_YORK, 2026, 2, 6, 8),
        settled={"step-0": date(2026, 2, 2), "step-2": date(2026, 2, 6)},
    )

    assert local_dates(plan)[2:] == feb(9, 10, 16)


def test_a_settled_send_that_took_no_day_leaves_its_day_free():
    plan = new_york_plan(
        not_before=local(NEW_YORK, 2026, 2, 9, 8),
        settled={"step-0": date(2026, 2, 2), "step-2": None, "step-4": None},
    )

    assert local_dates(plan)[3:] == feb(9, 16)


def test_replanning_skips_the_weekend_and_keeps_nine_local_across_dst():
    # New York springs forward on Sunday 8 March. Steps on Thu 5, Fri 6 and
    # Mon 9 March; the scheduler comes back on Friday 6 at noon.
    steps = [StepTiming(key=n, day_offset=n, send_time=None) for n in (3, 4, 7)]
    plan = new_york_plan(
        steps=steps,
        anchor=date(2026, 3, 2),
        not_before=local(NEW_YORK, 2026, 3, 6, 12) - SEND_GRACE,
    )

    assert local_dates(plan) == [date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 11)]
    assert plan[0].due_at == utc(2026, 3, 9, 13)  # 09:00 EDT, not 10:00
    assert all(send.due_at.astimezone(NEW_YORK).time() == NINE for send in plan)


def test_a_send_moved_more_than_too_late_days_is_skipped_and_takes_no_day():
    # Back on Wednesday 18 Feb: Mon 2 Feb would go 16 days late (more than 14),
    # Wed 4 Feb 14 days late (allowed); the rest follow one per working day.
    plan = new_york_plan(not_before=local(NEW_YORK, 2026, 2, 18, 8), too_late_days=14)

    assert [send.too_late for send in plan] == [True, False, False, False, False]
    assert plan[0].local_date == plan[0].planned_date == date(2026, 2, 2)
    assert local_dates(plan)[1:] == feb(18, 19, 20, 23)


def test_without_a_too_late_window_nothing_is_skipped():
    plan = new_york_plan(not_before=local(NEW_YORK, 2026, 2, 18, 8))

    assert not any(send.too_late for send in plan)
    assert local_dates(plan) == feb(18, 19, 20, 23, 24)
