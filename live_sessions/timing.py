"""When a live session's notices go, and how its times read: pure functions.

Nothing here touches the database. A session is two UTC instants; each
learner has a zone, a local send time and a weekend, and every notice goes at
a local send time on a working day, like the program's own emails.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

from boosters.planning.scheduling import local_to_utc

BEFORE_DAYS = 7  # the discussion before a session opens a week ahead
ASSIGNMENT_DAYS = 7  # the practice assignment's window after the session


def _send_slot(
    *,
    day: date,
    zone: ZoneInfo,
    send_time: time,
    weekend: frozenset[int],
    working_days_only: bool,
) -> datetime:
    while working_days_only and day.isoweekday() in weekend:
        day += timedelta(days=1)
    return local_to_utc(local_date=day, send_time=send_time, zone=zone)


def next_send_slot(
    *,
    after: datetime,
    zone: ZoneInfo,
    send_time: time,
    weekend: frozenset[int] = frozenset(),
    working_days_only: bool = False,
) -> datetime:
    """The first local send time (on a working day) at or after ``after``."""
    day = after.astimezone(zone).date()
    while True:
        slot = _send_slot(
            day=day,
            zone=zone,
            send_time=send_time,
            weekend=weekend,
            working_days_only=working_days_only,
        )
        if slot >= after:
            return slot
        day += timedelta(days=1)


def before_due(
    *,
    starts_at: datetime,
    now: datetime,
    zone: ZoneInfo,
    send_time: time,
    weekend: frozenset[int] = frozenset(),
    working_days_only: bool = False,
) -> datetime | None:
    """When the "a week before" email goes: the learner's send time seven local
    days before the start (the working day before, if that is a weekend day).

    Planned late (the session was added less than a week ahead), it goes at the
    learner's next send time instead, as long as that is before the start;
    otherwise there is no point and it is ``None``.
    """
    day = starts_at.astimezone(zone).date() - timedelta(days=BEFORE_DAYS)
    while working_days_only and day.isoweekday() in weekend:
        day -= timedelta(days=1)
    due = local_to_utc(local_date=day, send_time=send_time, zone=zone)
    if due >= now:
        return due
    due = next_send_slot(
        after=now,
        zone=zone,
        send_time=send_time,
        weekend=weekend,
        working_days_only=working_days_only,
    )
    return due if due < starts_at else None


def after_due(
    *,
    ends_at: datetime,
    zone: ZoneInfo,
    send_time: time,
    weekend: frozenset[int] = frozenset(),
    working_days_only: bool = False,
) -> datetime:
    """When the follow-up goes: the learner's first send time after the end."""
    return next_send_slot(
        after=ends_at,
        zone=zone,
        send_time=send_time,
        weekend=weekend,
        working_days_only=working_days_only,
    )


def assignment_due_at(*, ends_at: datetime) -> datetime:
    """The end of the practice assignment's one-week window."""
    return ends_at + timedelta(days=ASSIGNMENT_DAYS)


def session_time_label(
    *, starts_at: datetime, ends_at: datetime, zone: ZoneInfo
) -> str:
    """e.g. "Tuesday 10 March 2026, 10:00–11:00 (America/New_York)"."""
    start = starts_at.astimezone(zone)
    end = ends_at.astimezone(zone)
    day = formats.date_format(start, "l j F Y")
    if end.date() != start.date():
        end_label = formats.date_format(end, "l j F Y, H:i")
    else:
        end_label = formats.date_format(end, "H:i")
    return _("%(day)s, %(start)s–%(end)s (%(zone)s)") % {
        "day": day,
        "start": formats.date_format(start, "H:i"),
        "end": end_label,
        "zone": zone.key,
    }


def local_date_label(*, moment: datetime, zone: ZoneInfo) -> str:
    """e.g. "Tuesday 17 March 2026", the date ``moment`` falls on in ``zone``."""
    return formats.date_format(moment.astimezone(zone), "l j F Y")
