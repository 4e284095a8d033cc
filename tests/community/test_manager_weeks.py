"""The week a manager digest covers and how it greets: pure rules, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from community.managers.services import manager_greeting
from community.managers.weeks import digest_week, week_span

SINGAPORE = ZoneInfo("Asia/Singapore")
NEW_YORK = ZoneInfo("America/New_York")


def utc(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Ravi Kumar", "Hi Ravi"),
        ("  Ravi   Kumar ", "Hi Ravi"),
        ("Kumar, Ravi", "Hi Ravi"),
        ("Dr. Ravi Kumar", "Hi Ravi"),
        ("Ravi", "Hi Ravi"),
        ("", "Hi"),
        ("Dr", "Hi"),
        ("ravi.kumar@example.com", "Hi"),
    ],
)
def test_the_greeting_uses_the_managers_first_name_or_just_hi(name, greeting):
    assert manager_greeting(name=name) == greeting


def test_sent_on_monday_the_digest_covers_the_full_week_before():
    # Monday 9 March 2026, 08:00 in Singapore.
    week = digest_week(now=utc("2026-03-09T00:00Z"), zone=SINGAPORE)

    assert week.label == "Week of Monday 2 to Sunday 8 March"
    assert week.phrase == "week of Monday 2 to Sunday 8 March"
    assert not week.is_current
    # Midnight to midnight on the manager's calendar, not a rolling 7 days.
    assert week.start == utc("2026-03-01T16:00Z")
    assert week.end == utc("2026-03-08T16:00Z")


def test_a_week_across_a_dst_change_runs_midnight_to_midnight_local():
    # New York moved to EDT on Sunday 8 March 2026.
    week = digest_week(
        now=utc("2026-03-10T15:00Z"), zone=NEW_YORK, monday=dt.date(2026, 3, 2)
    )
    assert week.start == utc("2026-03-02T05:00Z")  # 00:00 EST
    assert week.end == utc("2026-03-09T04:00Z")  # 00:00 EDT


def test_any_day_of_a_week_names_its_monday():
    week = digest_week(
        now=utc("2026-03-20T00:00Z"), zone=SINGAPORE, monday=dt.date(2026, 3, 5)
    )
    assert week.monday == dt.date(2026, 3, 2)


def test_the_current_week_ends_now_and_says_so():
    now = utc("2026-03-11T04:00Z")  # Wednesday noon in Singapore

    week = digest_week(now=now, zone=SINGAPORE, monday=dt.date(2026, 3, 9))

    assert week.is_current
    assert (week.start, week.end) == (utc("2026-03-08T16:00Z"), now)
    assert week.label == "This week so far, since Monday 9 March"
    assert week.period == "so far this week"
    # A week still to come is read as this one: nothing has happened in it.
    later = digest_week(now=now, zone=SINGAPORE, monday=dt.date(2026, 4, 6))
    assert later == week


@pytest.mark.parametrize(
    ("first", "last", "span"),
    [
        ("2026-03-09", "2026-03-15", "Monday 9 to Sunday 15 March"),
        ("2026-02-23", "2026-03-01", "Monday 23 February to Sunday 1 March"),
        (
            "2025-12-29",
            "2026-01-04",
            "Monday 29 December 2025 to Sunday 4 January 2026",
        ),
    ],
)
def test_a_week_names_its_month_and_year_once_unless_it_spans_two(first, last, span):
    assert (
        week_span(first=dt.date.fromisoformat(first), last=dt.date.fromisoformat(last))
        == span
    )
