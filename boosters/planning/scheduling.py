"""When each booster email is due: pure date, time-zone and plan arithmetic.

Nothing here touches the database. Services load programs, cohorts and learners
and pass plain values in; the results are UTC instants ready to store.

A weekend is a ``frozenset`` of ISO weekday numbers (1 = Monday ... 7 = Sunday),
so cohorts whose weekend is Friday-Saturday work the same as Saturday-Sunday.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SAT_SUN = frozenset({6, 7})
FRI_SAT = frozenset({5, 6})

ONE_DAY = timedelta(days=1)

# How long after its send slot an email may still go. Past it, it is overdue:
# it moves to the learner's next slot instead of going at an odd hour.
SEND_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class StepTiming:
    """A program step's timing: days after the anchor and an optional send time."""

    key: object
    day_offset: int
    send_time: time | None = None


@dataclass(frozen=True)
class LearnerPause:
    """A learner's own pause (a holiday, leave): nothing goes before ``until``,
    a date on the learner's wall clock.

    The steps it held (due after ``since``, the enrolment, and before ``until``)
    and the later steps their catch-up overtakes are never skipped as too late:
    the too-late clock is for the hub's own delays (a late enrolment, a
    scheduler outage), and a learner back from leave still gets everything.
    """

    until: date
    since: datetime  # aware

    def holds(self, *, day: date, due_at: datetime) -> bool:
        """Whether a step due on ``day`` (at ``due_at``) waited for this pause."""
        return day < self.until and due_at >= self.since


@dataclass(frozen=True)
class PlannedSend:
    """When one step goes to one learner: local calendar date and UTC instant."""

    key: object
    local_date: date
    due_at: datetime  # aware, UTC
    # Set when the send was moved forward: the date it was planned for.
    planned_date: date | None = None
    # Moved more than the allowed days: skip it rather than send it this late.
    too_late: bool = False


def _check_weekend(weekend: frozenset[int]) -> None:
    if not weekend <= frozenset(range(1, 8)):
        raise ValueError(f"Weekend days must be ISO weekdays 1-7, got {set(weekend)}")
    if len(weekend) == 7:
        raise ValueError("A weekend of all seven days leaves no working day")


def next_working_day(*, day: date, weekend: frozenset[int]) -> date:
    """Return ``day`` if it is a working day, else the next working day after it.

    Raises ValueError if ``weekend`` covers all seven days or holds a number
    outside 1-7.
    """
    _check_weekend(weekend)
    while day.isoweekday() in weekend:
        day += ONE_DAY
    return day


def local_send_date(
    *, anchor: date, day_offset: int, weekend: frozenset[int], working_days_only: bool
) -> date:
    """The learner-local date a step is due: anchor + offset, rolled past a weekend.

    With ``working_days_only`` off the weekend date is kept as it is.
    """
    day = anchor + timedelta(days=day_offset)
    if working_days_only:
        return next_working_day(day=day, weekend=weekend)
    return day


def local_to_utc(*, local_date: date, send_time: time, zone: ZoneInfo) -> datetime:
    """Convert a wall-clock date and time in ``zone`` to an aware UTC datetime.

    - A time that exists once converts plainly, so 09:00 stays 09:00 local on
      both sides of a DST change (the UTC instant moves instead).
    - A time that does not exist (inside a spring-forward gap) rolls forward by
      the length of the gap: 02:30 on New York's spring-forward day becomes
      03:30 EDT (07:30 UTC).
    - A time that occurs twice (fall-back) takes the first occurrence
      (``fold=0``): 01:30 on New York's fall-back day is 01:30 EDT (05:30 UTC).

    ``send_time`` must be naive; its own ``fold`` is ignored.
    """
    if send_time.tzinfo is not None:
        raise ValueError("send_time must be a naive wall-clock time")
    wall = datetime.combine(local_date, send_time.replace(fold=0))
    first = wall.replace(tzinfo=zone).astimezone(UTC)
    # Round trip: a wall time that exists comes back unchanged; one in a gap does not.
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap fold=0 reads the offset before the change and fold=1 the one after.
    before = wall.replace(tzinfo=zone).utcoffset()
    after = wall.replace(tzinfo=zone, fold=1).utcoffset()
    return (wall + (after - before)).replace(tzinfo=zone).astimezone(UTC)


def learner_zone(*, learner_zone_name: str | None, cohort_zone_name: str) -> ZoneInfo:
    """The zone a learner's sends are timed in: their own if set, else the cohort's.

    An empty learner zone name counts as unset. Raises ValueError naming the
    zone if the chosen name is not a known IANA time zone.
    """
    name = learner_zone_name or cohort_zone_name
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"Unknown time zone {name!r}") from error


def plan_sends(
    *,
    steps: Sequence[StepTiming],
    anchor: date,
    default_send_time: time,
    zone: ZoneInfo,
    weekend: frozenset[int],
    working_days_only: bool,
    not_before: datetime | None = None,
    settled: Mapping[object, date | None] | None = None,
    too_late_days: int | None = None,
    pause: LearnerPause | None = None,
) -> list[PlannedSend]:
    """Plan one learner's sends, one per step, in step order.

    Each step is due on ``local_send_date`` at its own send time (else
    ``default_send_time``) in ``zone``.

    ``not_before`` (an aware datetime: the enrolment time, or a tick's now less
    ``SEND_GRACE``) applies the catch-up rule. Steps are walked in order,
    remembering the latest local date taken so far. A step is *re-planned* if
    it is missed (due before ``not_before``), or if an earlier step was already
    re-planned and its own date is not after the latest date taken. A
    re-planned step goes on the first sendable day on or after both the local
    date of ``not_before`` and the day after the latest date taken, whose send
    time is at or after ``not_before``. Sendable days are working days when
    ``working_days_only`` is on, else every day. So missed steps go out one per
    sendable day from the learner's next send slot, never two on one date,
    order preserved; later steps keep their own dates unless the catch-up
    reaches them. With ``not_before`` None, or before every step, the plan is
    the normal one.

    ``settled`` maps the keys of steps that are history (sent, skipped...) to
    the local date they took, or None if they took no day: they are never
    re-planned, their dates count as taken, and one that went later than its
    own date was caught up, so the catch-up goes on after it. A re-planned step moved more
    than ``too_late_days`` days past its own date comes back ``too_late`` on
    its own date, takes no day, and the catch-up goes on without it.

    ``pause`` (the learner's own) moves ``not_before`` to the start of its
    ``until`` day, so held steps go out from then one sendable day at a time;
    those and the steps their catch-up overtakes are never ``too_late``.
    """
    if not_before is not None and not_before.utcoffset() is None:
        raise ValueError("not_before must be an aware datetime")
    _check_weekend(weekend)
    settled = settled or {}
    if pause is not None:
        resume_at = local_to_utc(local_date=pause.until, send_time=time(), zone=zone)
        if not_before is None or resume_at > not_before:
            not_before = resume_at
    start = not_before.astimezone(zone).date() if not_before else None
    plan: list[PlannedSend] = []
    latest: date | None = None  # the latest local date a send of this plan takes
    catching_up = False
    excused = False  # this catch-up began with steps the learner's pause held
    for step in steps:
        send_time = default_send_time if step.send_time is None else step.send_time
        day = local_send_date(
            anchor=anchor,
            day_offset=step.day_offset,
            weekend=weekend,
            working_days_only=working_days_only,
        )
        due_at = local_to_utc(local_date=day, send_time=send_time, zone=zone)
        if step.key in settled:
            taken = settled[step.key]
            if taken is not None:
                latest = taken if latest is None else max(latest, taken)
                # It went later than planned: an earlier catch-up goes on.
                catching_up = catching_up or taken > day
                held = pause is not None and pause.holds(day=day, due_at=due_at)
                excused = taken > day and (excused or held)
            plan.append(PlannedSend(key=step.key, local_date=day, due_at=due_at))
            continue
        missed = not_before is not None and due_at < not_before
        overtaken = catching_up and latest is not None and day <= latest
        if missed or overtaken:
            catching_up = True
            held = pause is not None and pause.holds(day=day, due_at=due_at)
            excused = held or (overtaken and excused)
            moved = start if latest is None else max(start, latest + ONE_DAY)
            while True:
                if working_days_only:
                    moved = next_working_day(day=moved, weekend=weekend)
                moved_at = local_to_utc(
                    local_date=moved, send_time=send_time, zone=zone
                )
                if moved_at >= not_before:
                    break
                moved += ONE_DAY
            late = (moved - day).days
            if not excused and too_late_days is not None and late > too_late_days:
                plan.append(
                    PlannedSend(
                        key=step.key,
                        local_date=day,
                        due_at=due_at,
                        planned_date=day,
                        too_late=True,
                    )
                )
                continue
            plan.append(
                PlannedSend(
                    key=step.key, local_date=moved, due_at=moved_at, planned_date=day
                )
            )
            day = moved
        else:
            excused = False
            plan.append(PlannedSend(key=step.key, local_date=day, due_at=due_at))
        latest = day if latest is None else max(latest, day)
    return plan


@dataclass(frozen=True)
class CappedSend:
    """A booster question planned for one learner, before the daily cap."""

    key: object
    local_date: date
    send_time: time  # naive wall-clock in the learner's zone
    is_repeat: bool
    # False: already sent or sending. It counts toward its day but never moves.
    movable: bool = True


def daily_cap_apply(
    *,
    sends: Sequence[CappedSend],
    cap: int,
    zone: ZoneInfo,
    weekend: frozenset[int],
    working_days_only: bool,
) -> list[PlannedSend]:
    """Spread one learner's booster questions so no day holds more than ``cap``.

    A learner should never get a bunch of questions on one day: a pile of
    emails gets skimmed or ignored, which defeats retrieval practice.

    Each day's load starts with its non-movable sends. Movable sends are placed
    by date, repeats before new questions (repeats are due for retrieval, a new
    question can wait a day), then input order. A send stays on its own date if
    that day has room, else moves to the next sendable day with room: working
    days when ``working_days_only`` is on, else every day. Nothing moves earlier.
    The moved send keeps its local send time across DST changes.

    Returns one ``PlannedSend`` per movable send, in their input order. Raises
    ValueError if ``cap`` is below 1 or ``weekend`` is invalid.
    """
    if cap < 1:
        raise ValueError(f"The daily cap must be at least 1, got {cap}")
    _check_weekend(weekend)
    load: dict[date, int] = {}
    for send in sends:
        if not send.movable:
            load[send.local_date] = load.get(send.local_date, 0) + 1

    movable = [(index, send) for index, send in enumerate(sends) if send.movable]
    placing_order = sorted(
        movable,
        key=lambda pair: (pair[1].local_date, not pair[1].is_repeat, pair[0]),
    )
    placed: dict[int, PlannedSend] = {}
    for index, send in placing_order:
        day = send.local_date
        while load.get(day, 0) >= cap:
            day += ONE_DAY
            if working_days_only:
                day = next_working_day(day=day, weekend=weekend)
        load[day] = load.get(day, 0) + 1
        placed[index] = PlannedSend(
            key=send.key,
            local_date=day,
            due_at=local_to_utc(local_date=day, send_time=send.send_time, zone=zone),
        )
    return [placed[index] for index, _send in movable]


def week_monday_at(
    *, now: datetime, zone: ZoneInfo, send_time: time
) -> tuple[str, datetime]:
    """The ISO week ``now`` falls in, in ``zone`` (e.g. "2026-W11"), and the UTC
    instant of that week's Monday at ``send_time`` there (weekly digests)."""
    local = now.astimezone(zone)
    year, week, weekday = local.isocalendar()
    monday = local.date() - timedelta(days=weekday - 1)
    due_at = local_to_utc(local_date=monday, send_time=send_time, zone=zone)
    return f"{year}-W{week:02d}", due_at
