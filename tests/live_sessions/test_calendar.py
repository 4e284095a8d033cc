"""The invite text itself: RFC 5545 that icalendar and vobject both read as
one event, with one UID per session and a sequence that replaces the event."""

import datetime as dt

import pytest
import vobject
from icalendar import Calendar

from live_sessions.calendar import (
    METHOD_CANCEL,
    METHOD_REQUEST,
    InviteEvent,
    invite_ics,
    session_uid,
)

NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)


def event(**changes) -> InviteEvent:
    values = {
        "uid": session_uid(page_id=42, domain="learning-hub.example"),
        "sequence": 0,
        "title": "Feedback clinic; part 1, with SBI",
        "description": "Agenda:\n- Your hardest conversation (20 min)",
        "starts_at": dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC),
        "ends_at": dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC),
        "url": "https://meet.example.com/clinic",
        "organizer_email": "hub@learning-hub.example",
        "organizer_name": "Dana Okafor",
        "attendee_email": "ana.souza@example.com",
        "attendee_name": "Ana Souza",
    }
    return InviteEvent(**{**values, **changes})


def test_an_invite_is_one_request_event_that_both_parsers_read_alike():
    ics = invite_ics(event=event(), method=METHOD_REQUEST, dtstamp=NOW)

    calendar = Calendar.from_ical(ics)
    assert calendar["METHOD"] == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == "live-session-42@learning-hub.example"
    assert vevent["SEQUENCE"] == 0
    assert vevent.decoded("DTSTART") == dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)
    assert vevent.decoded("DTEND") == dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)
    assert str(vevent["SUMMARY"]) == "Feedback clinic; part 1, with SBI"
    assert str(vevent["ORGANIZER"]) == "mailto:hub@learning-hub.example"
    assert str(vevent["ATTENDEE"]) == "mailto:ana.souza@example.com"
    assert vevent["ATTENDEE"].params["RSVP"] == "FALSE"
    assert str(vevent["STATUS"]) == "CONFIRMED"

    parsed = vobject.readOne(ics.decode())
    assert parsed.method.value == "REQUEST"
    assert len(parsed.vevent_list) == 1
    assert parsed.vevent.uid.value == "live-session-42@learning-hub.example"
    assert parsed.vevent.dtstart.value == dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)
    assert parsed.vevent.summary.value == "Feedback clinic; part 1, with SBI"
    assert "Your hardest conversation" in parsed.vevent.description.value
    assert parsed.vevent.location.value == "https://meet.example.com/clinic"


def test_an_update_keeps_the_uid_and_raises_the_sequence():
    first = invite_ics(event=event(), method=METHOD_REQUEST, dtstamp=NOW)
    moved = invite_ics(
        event=event(
            sequence=1,
            starts_at=dt.datetime(2026, 3, 11, 14, 0, tzinfo=dt.UTC),
            ends_at=dt.datetime(2026, 3, 11, 15, 0, tzinfo=dt.UTC),
        ),
        method=METHOD_REQUEST,
        dtstamp=NOW + dt.timedelta(days=1),
    )
    old, new = vobject.readOne(first.decode()), vobject.readOne(moved.decode())
    assert new.vevent.uid.value == old.vevent.uid.value
    assert int(new.vevent.sequence.value) == int(old.vevent.sequence.value) + 1
    assert new.vevent.dtstart.value.date() == dt.date(2026, 3, 11)


def test_a_cancellation_names_the_same_event_as_cancelled():
    ics = invite_ics(event=event(sequence=2), method=METHOD_CANCEL, dtstamp=NOW)

    calendar = Calendar.from_ical(ics)
    assert calendar["METHOD"] == "CANCEL"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["UID"]) == "live-session-42@learning-hub.example"
    assert vevent["SEQUENCE"] == 2
    parsed = vobject.readOne(ics.decode())
    assert parsed.method.value == "CANCEL"
    assert parsed.vevent.status.value == "CANCELLED"


def test_lines_are_folded_and_special_characters_escaped():
    long_title = "Feedback, coaching; and " + "x" * 120
    ics = invite_ics(event=event(title=long_title), method=METHOD_REQUEST, dtstamp=NOW)

    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    assert b"SUMMARY:Feedback\\, coaching\\; and" in ics
    assert vobject.readOne(ics.decode()).vevent.summary.value == long_title


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="PUBLISH"):
        invite_ics(event=event(), method="PUBLISH", dtstamp=NOW)
