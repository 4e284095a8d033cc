"""Calendar invites for live sessions: RFC 5545 text built with ``icalendar``.

Pure: every value comes in as an argument, so an invite, its updates and its
cancellation are the same function of what the session is at that moment.
Calendars (Outlook, Google, Apple, Thunderbird) match an invite by ``UID`` and
keep the one with the highest ``SEQUENCE``, so one UID per session and a
sequence that grows with every change make an update *replace* the event, and
``METHOD:CANCEL`` with ``STATUS:CANCELLED`` remove it, never add a second one.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Learning Hub//Live sessions//EN"
METHOD_REQUEST = "REQUEST"
METHOD_CANCEL = "CANCEL"


@dataclass(frozen=True)
class InviteEvent:
    """What an invite says about a session, as one learner gets it."""

    uid: str
    sequence: int
    title: str
    description: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    url: str
    organizer_email: str
    organizer_name: str
    attendee_email: str
    attendee_name: str


def session_uid(*, page_id: int, domain: str) -> str:
    """The one UID of a session's event, the same in every invite and update."""
    return f"live-session-{page_id}@{domain or 'learning-hub.invalid'}"


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    address.params.update(params)
    return address


def invite_ics(*, event: InviteEvent, method: str, dtstamp: datetime) -> bytes:
    """The ``text/calendar`` body of an invite (``METHOD:REQUEST``) or a
    cancellation (``METHOD:CANCEL``, ``STATUS:CANCELLED``) for ``event``.

    Times are written in UTC (``...Z``), so no ``VTIMEZONE`` is needed and
    every calendar shows them in its owner's own zone.
    """
    if method not in (METHOD_REQUEST, METHOD_CANCEL):
        raise ValueError(f"Unknown iTIP method {method!r}")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", dtstamp.astimezone(UTC))
    vevent.add("dtstart", event.starts_at.astimezone(UTC))
    vevent.add("dtend", event.ends_at.astimezone(UTC))
    vevent.add("summary", event.title)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("location", event.url)
        vevent.add("url", event.url)
    vevent["organizer"] = _address(event.organizer_email, event.organizer_name)
    vevent.add(
        "attendee",
        _address(
            event.attendee_email,
            event.attendee_name,
            ROLE="REQ-PARTICIPANT",
            PARTSTAT="NEEDS-ACTION",
            RSVP="FALSE",
        ),
    )
    if method == METHOD_CANCEL:
        vevent.add("status", "CANCELLED")
    else:
        vevent.add("status", "CONFIRMED")
        vevent.add("transp", "OPAQUE")
    calendar.add_component(vevent)
    return calendar.to_ical()
