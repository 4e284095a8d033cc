"""The week a manager digest covers: Monday to Sunday on the manager's calendar.

Pure functions of their inputs, so the email, its signed page link and the
page agree on the week without the database. A digest sent on Monday covers
the full week before; the manager page can also show the current week so far.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from boosters.planning.scheduling import local_to_utc

ONE_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class DigestWeek:
    """One Monday-to-Sunday week in a manager's zone, as UTC bounds.

    ``end`` is the next Monday's midnight there, or ``now`` for the current
    week (``is_current``), so nothing after the moment of reading is counted.
    """

    monday: date
    start: datetime
    end: datetime
    is_current: bool

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def label(self) -> str:
        """e.g. "Week of Monday 9 to Sunday 15 March" (a heading)."""
        phrase = self.phrase
        return phrase[0].upper() + phrase[1:]

    @property
    def phrase(self) -> str:
        """e.g. "week of Monday 9 to Sunday 15 March" (within a sentence)."""
        if self.is_current:
            return _("this week so far, since %(day)s") % {
                "day": date_format(self.monday, _long_day_format())
            }
        return _("week of %(span)s") % {
            "span": week_span(first=self.monday, last=self.sunday)
        }

    @property
    def short_label(self) -> str:
        """e.g. "week of 9 March", for a subject line or a link."""
        return _("week of %(day)s") % {
            "day": date_format(self.monday, "MONTH_DAY_FORMAT")
        }

    @property
    def period(self) -> str:
        """How the digest's sentences refer to the week."""
        return _("so far this week") if self.is_current else _("that week")


def week_span(*, first: date, last: date) -> str:
    """ "Monday 9 to Sunday 15 March", naming a month or year only once unless
    the week spans two ("Monday 29 December 2025 to Sunday 4 January 2026")."""
    if first.year != last.year:
        with_year = pgettext("date format: long day with year", "l j F Y")
        start, end = date_format(first, with_year), date_format(last, with_year)
    elif first.month != last.month:
        start = date_format(first, _long_day_format())
        end = date_format(last, _long_day_format())
    else:
        start = date_format(first, pgettext("date format: weekday and day", "l j"))
        end = date_format(last, _long_day_format())
    return _("%(first)s to %(last)s") % {"first": start, "last": end}


def _long_day_format() -> str:
    """ "Monday 9 March" in the active language ("segunda-feira, 9 de março")."""
    return pgettext("date format: long day", "l j F")


def week_monday(*, day: date) -> date:
    """The Monday of the week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


def digest_week(
    *, now: datetime, zone: ZoneInfo, monday: date | None = None
) -> DigestWeek:
    """The week starting ``monday`` (any day of it will do) in ``zone``; without
    one, the latest full week before ``now`` there.

    The week ``now`` falls in is current: it ends at ``now``. A week after it
    is treated as the current one: nothing has happened in it yet.
    """
    this_monday = week_monday(day=now.astimezone(zone).date())
    if monday is None:
        monday = this_monday - ONE_WEEK
    monday = min(week_monday(day=monday), this_monday)
    start = local_to_utc(local_date=monday, send_time=time(), zone=zone)
    if monday == this_monday:
        return DigestWeek(monday=monday, start=start, end=now, is_current=True)
    end = local_to_utc(local_date=monday + ONE_WEEK, send_time=time(), zone=zone)
    return DigestWeek(monday=monday, start=start, end=end, is_current=False)
