"""Plan sync: make each enrolment's deliveries match its cohort's plan.

One idempotent operation. The plan is every step of the program (showing 1)
plus, for spaced programs, one repeat per question whose state has a next due
date (showing 2, 3, ...). Booster questions are then held to the program's
daily cap per learner, repeats first. Sync creates missing deliveries, re-times
pending ones and cancels pending ones no longer in the plan. Deliveries that are
sending, sent, failed, skipped or cancelled are history and are never touched.

Run it on enrolment, after an answer or a miss changes a question's state, and
whenever a cohort's zone, anchor, send time or weekend changes, or its program
gains, loses or reorders steps or changes its spacing. When a learner's own
zone changes, ``learners_plan_sync`` re-times them in every cohort.

Nothing is planned in the past. A step that missed its slot (a late enrolment,
or, given ``now``, a scheduler outage: the tick re-plans overdue deliveries
with ``boosters.planning.overdue``) moves forward one sendable day at a time from the
learner's next send slot (``scheduling.plan_sends``); one that would go more
than the program's ``too_late_days`` late is skipped with the reason instead.

A learner's own pause (``Learner.paused_until``, set on My learning) is one
more "not before": the start of that day in the learner's zone. Plan sync,
the tick's overdue re-plan and a late enrolment all go through here, so they
agree. What the pause held is never skipped as too late (``LearnerPause``).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch

from boosters.models import (
    BoosterQuestionPage,
    Cohort,
    Delivery,
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    ProgramStep,
    QuestionState,
    SpacingMode,
)
from boosters.planning.scheduling import (
    SEND_GRACE,
    CappedSend,
    LearnerPause,
    PlannedSend,
    StepTiming,
    daily_cap_apply,
    learner_zone,
    plan_sends,
)

STEP_REMOVED = "Its step was removed from the program."
REPEAT_NOT_NEEDED = "The question's spacing changed; this repeat is not needed."
ENROLLMENT_WITHDRAWN = "The learner was withdrawn from the cohort."
TOO_LATE = "More than {days} days late (planned {planned}): skipped, not sent late."


@dataclass
class PlanSyncResult:
    """How many deliveries a sync created, re-timed and cancelled."""

    created: int = 0
    retimed: int = 0
    cancelled: int = 0
    skipped: int = 0  # too late to send

    @property
    def changed(self) -> bool:
        return bool(self.created or self.retimed or self.cancelled or self.skipped)

    def add(self, other: "PlanSyncResult") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _PlanChanges:
    """The writes a sync has worked out, applied together at the end."""

    result: PlanSyncResult = field(default_factory=PlanSyncResult)
    new: list[Delivery] = field(default_factory=list)
    changed: list[Delivery] = field(default_factory=list)


@dataclass
class _Wanted:
    """One delivery the plan wants: a step's showing on a date."""

    page_id: int
    local_date: date
    due_at: datetime
    is_question: bool
    is_repeat: bool
    # Too late to send: skipped with this reason instead.
    too_late_reason: str = ""


def _wanted(
    send: PlannedSend, *, page_id: int, is_question: bool, is_repeat: bool, days: int
) -> _Wanted:
    reason = ""
    if send.too_late:
        reason = TOO_LATE.format(
            days=days, planned=f"{send.local_date.day} {send.local_date:%b}"
        )
    return _Wanted(
        page_id=page_id,
        local_date=send.local_date,
        due_at=send.due_at,
        is_question=is_question,
        is_repeat=is_repeat,
        too_late_reason=reason,
    )


# Deliveries on their way took their day: the catch-up and the cap count them.
_IN_FLIGHT = (DeliveryStatus.SENDING, DeliveryStatus.SENT)


def _settled(deliveries: list[Delivery]) -> dict[tuple[int, int], date | None]:
    """Keys of the deliveries that are history, with the day they took."""
    return {
        (d.step_id, d.showing): d.local_date if d.status in _IN_FLIGHT else None
        for d in deliveries
        if d.step_id is not None and d.status != DeliveryStatus.PENDING
    }


def _question_type_id() -> int:
    return ContentType.objects.get_for_model(BoosterQuestionPage).pk


def _plan_enrollment(
    *,
    enrollment: Enrollment,
    steps: list[ProgramStep],
    changes: _PlanChanges,
    now: datetime | None,
) -> None:
    """Work out one enrolment's changes into ``changes`` (no writes).

    ``steps`` need ``page`` loaded (its content type says which are questions);
    the enrolment needs ``deliveries`` and ``question_states`` prefetched.
    Given ``now``, nothing is planned more than ``SEND_GRACE`` before it.
    """
    deliveries = list(enrollment.deliveries.all())
    existing = {(d.step_id, d.showing): d for d in deliveries if d.step_id is not None}
    # Deliveries whose step was deleted (step is NULL) are never in the plan.
    orphans = [d for d in deliveries if d.step_id is None]
    wanted: dict[tuple[int, int], _Wanted] = {}
    if enrollment.status == EnrollmentStatus.ACTIVE:
        wanted = _wanted_deliveries(
            enrollment=enrollment,
            steps=steps,
            deliveries=deliveries,
            existing=existing,
            now=now,
        )
    for key, want in wanted.items():
        _reconcile(
            enrollment=enrollment,
            key=key,
            want=want,
            delivery=existing.pop(key, None),
            changes=changes,
        )
    for delivery in [*existing.values(), *orphans]:  # no longer in the plan
        if delivery.status == DeliveryStatus.PENDING:
            delivery.status = DeliveryStatus.CANCELLED
            delivery.status_reason = _cancel_reason(enrollment, delivery)
            changes.result.cancelled += 1
            changes.changed.append(delivery)


@dataclass(frozen=True)
class _Timing:
    """What every planned send of one enrolment is timed by (``plan_sends``)."""

    anchor: date
    default_send_time: time
    zone: ZoneInfo
    weekend: frozenset[int]
    working_days_only: bool
    not_before: datetime
    settled: dict
    too_late_days: int
    pause: LearnerPause | None

    def plan(self, steps: list[StepTiming]) -> list[PlannedSend]:
        return plan_sends(
            steps=steps, **{f.name: getattr(self, f.name) for f in fields(self)}
        )


def _enrollment_timing(
    *, enrollment: Enrollment, deliveries: list[Delivery], now: datetime | None
) -> _Timing:
    """The learner's zone and the cohort's calendar; catch-up starts at the
    enrolment (or, given ``now``, no earlier than ``SEND_GRACE`` before it),
    and not before the end of the learner's own pause."""
    cohort = enrollment.cohort
    learner = enrollment.learner
    not_before = enrollment.enrolled_at
    if now is not None:
        not_before = max(not_before, now - SEND_GRACE)
    pause = None
    # A pause that has ended is kept: it still excuses what it held from the
    # too-late clock while that catches up.
    if learner.paused_until is not None:
        pause = LearnerPause(until=learner.paused_until, since=enrollment.enrolled_at)
    return _Timing(
        anchor=cohort.anchor_date,
        default_send_time=cohort.send_time,
        zone=learner_zone(
            learner_zone_name=learner.time_zone,
            cohort_zone_name=cohort.time_zone,
        ),
        weekend=cohort.weekend_days,
        working_days_only=cohort.working_days_only,
        not_before=not_before,
        settled=_settled(deliveries),
        too_late_days=cohort.program.too_late_days,
        pause=pause,
    )


def _wanted_deliveries(
    *,
    enrollment: Enrollment,
    steps: list[ProgramStep],
    deliveries: list[Delivery],
    existing: dict[tuple[int, int], Delivery],
    now: datetime | None,
) -> dict[tuple[int, int], _Wanted]:
    """Every delivery an active enrolment's plan wants, keyed by (step, showing):
    each step once, then spaced repeats, with questions held to the daily cap."""
    program = enrollment.cohort.program
    timing = _enrollment_timing(enrollment=enrollment, deliveries=deliveries, now=now)
    by_pk = {s.pk: s for s in steps}
    question_type = _question_type_id()
    wanted: dict[tuple[int, int], _Wanted] = {}
    step_timings = [StepTiming((s.pk, 1), s.day_offset, s.send_time) for s in steps]
    for send in timing.plan(step_timings):
        step = by_pk[send.key[0]]
        wanted[send.key] = _wanted(
            send,
            page_id=step.page_id,
            is_question=step.page.content_type_id == question_type,
            is_repeat=False,
            days=program.too_late_days,
        )
    if program.spacing_mode != SpacingMode.SERIES:
        wanted.update(
            _wanted_repeats(enrollment=enrollment, steps=by_pk, timing=timing)
        )
    _cap_questions(
        wanted=wanted,
        existing=existing,
        deliveries=deliveries,
        steps=by_pk,
        enrollment=enrollment,
        zone=timing.zone,
    )
    return wanted


def _wanted_repeats(
    *, enrollment: Enrollment, steps: dict[int, ProgramStep], timing: _Timing
) -> dict[tuple[int, int], _Wanted]:
    """One repeat per question whose spacing state has a next due date."""
    repeats, pages = [], {}
    for state in enrollment.question_states.all():
        step = steps.get(state.step_id)
        if step is None or state.retired or state.next_due_on is None:
            continue
        key = (step.pk, state.showings + 1)
        pages[key] = state.page_id
        offset = (state.next_due_on - timing.anchor).days
        repeats.append(StepTiming(key, offset, step.send_time))
    # Repeats catch up in the order they fall due, apart from the steps.
    repeats.sort(key=lambda repeat: (repeat.day_offset, repeat.key))
    return {
        send.key: _wanted(
            send,
            page_id=pages[send.key],
            is_question=True,
            is_repeat=True,
            days=timing.too_late_days,
        )
        for send in timing.plan(repeats)
    }


def _reconcile(
    *,
    enrollment: Enrollment,
    key: tuple[int, int],
    want: _Wanted,
    delivery: Delivery | None,
    changes: _PlanChanges,
) -> None:
    """Make one wanted delivery so: create it, re-time it while pending, or
    skip it when too late. Deliveries that are history are left alone."""
    result = changes.result
    if want.too_late_reason:
        if delivery is None:
            result.skipped += 1
            changes.new.append(
                _new_delivery(
                    enrollment=enrollment,
                    key=key,
                    want=want,
                    status=DeliveryStatus.SKIPPED,
                    status_reason=want.too_late_reason,
                )
            )
        elif delivery.status == DeliveryStatus.PENDING:
            delivery.status = DeliveryStatus.SKIPPED
            delivery.status_reason = want.too_late_reason
            result.skipped += 1
            changes.changed.append(delivery)
        return
    if delivery is None:
        result.created += 1
        changes.new.append(_new_delivery(enrollment=enrollment, key=key, want=want))
    elif delivery.status == DeliveryStatus.PENDING and (
        delivery.local_date,
        delivery.due_at,
        delivery.page_id,
    ) != (want.local_date, want.due_at, want.page_id):
        delivery.local_date = want.local_date
        delivery.due_at = want.due_at
        delivery.page_id = want.page_id
        result.retimed += 1
        changes.changed.append(delivery)


def _new_delivery(
    *, enrollment: Enrollment, key: tuple[int, int], want: _Wanted, **status
) -> Delivery:
    return Delivery(
        enrollment=enrollment,
        step_id=key[0],
        showing=key[1],
        page_id=want.page_id,
        local_date=want.local_date,
        due_at=want.due_at,
        **status,
    )


def _cancel_reason(enrollment: Enrollment, delivery: Delivery) -> str:
    if enrollment.status != EnrollmentStatus.ACTIVE:
        return ENROLLMENT_WITHDRAWN
    if delivery.showing > 1 and delivery.step_id is not None:
        return REPEAT_NOT_NEEDED
    return STEP_REMOVED


def _cap_questions(*, wanted, existing, deliveries, steps, enrollment, zone) -> None:
    """Hold wanted questions to the program's daily cap, moving some later."""
    cohort = enrollment.cohort
    question_type = _question_type_id()
    sends = []
    for key, want in wanted.items():
        delivery = existing.get(key)
        if (
            not want.is_question
            or want.too_late_reason
            or (delivery is not None and delivery.status != DeliveryStatus.PENDING)
        ):
            continue
        step = steps[key[0]]
        sends.append(
            CappedSend(
                key=key,
                local_date=want.local_date,
                send_time=step.send_time or cohort.send_time,
                is_repeat=want.is_repeat,
            )
        )
    if not sends:
        return
    for delivery in deliveries:  # questions already on their way count too
        step = steps.get(delivery.step_id)
        if delivery.status in _IN_FLIGHT and (
            delivery.showing > 1
            or (step is not None and step.page.content_type_id == question_type)
        ):
            sends.append(
                CappedSend(
                    key=None,
                    local_date=delivery.local_date,
                    send_time=cohort.send_time,
                    is_repeat=delivery.showing > 1,
                    movable=False,
                )
            )
    for placed in daily_cap_apply(
        sends=sends,
        cap=cohort.program.daily_question_cap,
        zone=zone,
        weekend=cohort.weekend_days,
        working_days_only=cohort.working_days_only,
    ):
        want = wanted[placed.key]
        if placed.local_date != want.local_date:
            want.local_date, want.due_at = placed.local_date, placed.due_at


def _apply(changes: _PlanChanges) -> PlanSyncResult:
    with transaction.atomic():
        # ignore_conflicts: a concurrent sync may have created the same row; the
        # unique (enrollment, step) constraint keeps one.
        Delivery.objects.bulk_create(changes.new, batch_size=500, ignore_conflicts=True)
        Delivery.objects.bulk_update(
            changes.changed,
            ["local_date", "due_at", "page_id", "status", "status_reason"],
            batch_size=500,
        )
    return changes.result


def _sync(*, enrollments, steps_of, now: datetime | None) -> PlanSyncResult:
    """Sync each of ``enrollments``; ``steps_of(program_id)`` gives its steps."""
    enrollments = enrollments.select_related(
        "learner", "cohort__program"
    ).prefetch_related(
        Prefetch("deliveries", queryset=Delivery.objects.all()),
        Prefetch("question_states", queryset=QuestionState.objects.all()),
    )
    changes = _PlanChanges()
    for enrollment in enrollments.order_by("pk").iterator(chunk_size=500):
        _plan_enrollment(
            enrollment=enrollment,
            steps=steps_of(enrollment.cohort.program_id),
            changes=changes,
            now=now,
        )
    return _apply(changes)


def cohort_plan_sync(*, cohort: Cohort, now: datetime | None = None) -> PlanSyncResult:
    """Sync every enrolment of ``cohort`` with its program's current steps.

    Given ``now``, steps overdue by then are re-planned from the next send slot.
    """
    steps = list(cohort.program.steps.select_related("page"))
    return _sync(
        enrollments=cohort.enrollments.all(), steps_of=lambda _: steps, now=now
    )


def enrollment_plan_sync(
    *, enrollment: Enrollment, now: datetime | None = None
) -> PlanSyncResult:
    """Sync one enrolment, e.g. right after a learner is enrolled."""
    return enrollments_plan_sync(enrollment_ids=[enrollment.pk], now=now)


def enrollments_plan_sync(
    *, enrollment_ids: Iterable[int], now: datetime | None = None
) -> PlanSyncResult:
    """Sync these enrolments, whatever their cohorts (the tick re-plans the
    overdue ones); each program's steps are loaded once."""
    loaded: dict[int, list[ProgramStep]] = {}

    def steps_of(program_id: int) -> list[ProgramStep]:
        if program_id not in loaded:  # one query per program, when first needed
            loaded[program_id] = _steps_by_program({program_id})[program_id]
        return loaded[program_id]

    return _sync(
        enrollments=Enrollment.objects.filter(pk__in=list(enrollment_ids)),
        steps_of=steps_of,
        now=now,
    )


def learners_plan_sync(
    *,
    learner_ids: Iterable[int],
    exclude_cohort: Cohort | None = None,
    now: datetime | None = None,
) -> PlanSyncResult:
    """Sync every active enrolment of these learners, in every cohort.

    Run it when a learner's time zone changes: each of their cohorts plans in
    the learner's zone. ``exclude_cohort`` skips one the caller syncs anyway.
    Queries do not grow with the number of learners or cohorts.
    """
    enrollments = Enrollment.objects.filter(
        learner_id__in=list(learner_ids), status=EnrollmentStatus.ACTIVE
    )
    if exclude_cohort is not None:
        enrollments = enrollments.exclude(cohort=exclude_cohort)
    program_ids = set(enrollments.values_list("cohort__program_id", flat=True))
    steps = _steps_by_program(program_ids)
    return _sync(enrollments=enrollments, steps_of=steps.__getitem__, now=now)


def _steps_by_program(program_ids: set[int]) -> dict[int, list[ProgramStep]]:
    """Each program's steps, pages loaded, in one query."""
    steps: dict[int, list[ProgramStep]] = defaultdict(list)
    for step in ProgramStep.objects.filter(program_id__in=program_ids).select_related(
        "page"
    ):
        steps[step.program_id].append(step)
    return steps


def program_plan_sync(
    *, program_id: int, now: datetime | None = None
) -> PlanSyncResult:
    """Sync every cohort that follows a program, after its steps changed."""
    total = PlanSyncResult()
    for cohort in Cohort.objects.filter(program_id=program_id).select_related(
        "program"
    ):
        total.add(cohort_plan_sync(cohort=cohort, now=now))
    return total
