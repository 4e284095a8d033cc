"""Shared set-up for the live session tests: a session step and its cohorts,
and reading the calendar parts of an email."""

import datetime as dt
from email import message_from_bytes

from icalendar import Calendar

from boosters.factories import CohortFactory, EnrollmentFactory, ProgramStepFactory
from boosters.planning.sync import cohort_plan_sync

ENROLLED = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
# New York cohorts whose course ends Monday 2 March 2026: the invite (a day-0
# step) is due at 09:00 EST = 14:00 UTC. The session is Tuesday 10 March,
# 10:00-11:00 in New York (EDT from 8 March): 14:00-15:00 UTC.
INVITE_DUE = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)
STARTS_AT = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)
ENDS_AT = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


def session_cohort(page, *, learners=1, day_offset=0, program=None, **cohort_fields):
    """A cohort whose program sends ``page`` ``day_offset`` days after 2 March,
    with ``learners`` enrolled and planned."""
    if program is None:
        program = ProgramStepFactory(page=page, day_offset=day_offset).program
    cohort = CohortFactory(program=program, **cohort_fields)
    for _ in range(learners):
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    return cohort


def calendar_parts(message) -> dict[str, object]:
    """The ``text/calendar`` parts of a sent message: "inline" (an
    alternative to the text and HTML) and "attachment" (invite.ics)."""
    parsed = message_from_bytes(message.message().as_bytes())
    parts = {}
    for part in parsed.walk():
        if part.get_content_type() != "text/calendar":
            continue
        kind = "attachment" if part.get_filename() else "inline"
        parts[kind] = part
    return parts


def invite_of(message, kind: str = "inline") -> tuple[str, bytes]:
    """(the part's method parameter, its iCalendar bytes)."""
    part = calendar_parts(message)[kind]
    return part.get_param("method"), part.get_payload(decode=True)


def event_of(ics: bytes):
    calendar = Calendar.from_ical(ics)
    [event] = calendar.walk("VEVENT")
    return calendar, event
