"""Plan sync: make each enrolment's deliveries match its cohort's plan.

One idempotent operation. It creates missing deliveries, re-times pending ones
and cancels pending ones whose step is gone. Deliveries that are sending, sent,
failed, skipped or cancelled are history and are never touched. Run it on
enrolment and whenever a cohort's zone, anchor, send time or weekend changes, or
its program gains, loses or reorders steps.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch

from boosters.models import (
    Cohort,
    Delivery,
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    ProgramStep,
)
from boosters.scheduling import StepTiming, learner_zone, plan_sends

STEP_REMOVED = "Its step was removed from the program."
ENROLLMENT_WITHDRAWN = "The learner was withdrawn from the cohort."


@dataclass
class PlanSyncResult:
    """How many deliveries a sync created, re-timed and cancelled."""

    created: int = 0
    retimed: int = 0
    cancelled: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.retimed or self.cancelled)


@dataclass
class _PlanChanges:
    """The writes a sync has worked out, applied together at the end."""

    result: PlanSyncResult = field(default_factory=PlanSyncResult)
    new: list[Delivery] = field(default_factory=list)
    changed: list[Delivery] = field(default_factory=list)


def _plan_enrollment(
    *, enrollment: Enrollment, steps: list[ProgramStep], changes: _PlanChanges
) -> None:
    """Work out one enrolment's changes into ``changes`` (no writes)."""
    result = changes.result
    cohort, learner = enrollment.cohort, enrollment.learner
    deliveries = list(enrollment.deliveries.all())
    existing = {d.step_id: d for d in deliveries if d.step_id is not None}
    # Deliveries whose step was deleted (step is NULL) are never in the plan.
    orphans = [d for d in deliveries if d.step_id is None]
    planned = []
    if enrollment.status == EnrollmentStatus.ACTIVE:
        planned = plan_sends(
            steps=[StepTiming(s.pk, s.day_offset, s.send_time) for s in steps],
            anchor=cohort.anchor_date,
            default_send_time=cohort.send_time,
            zone=learner_zone(
                learner_zone_name=learner.time_zone, cohort_zone_name=cohort.time_zone
            ),
            weekend=cohort.weekend_days,
            working_days_only=cohort.working_days_only,
            not_before=enrollment.enrolled_at,
        )
    pages = {s.pk: s.page_id for s in steps}

    for send in planned:
        delivery = existing.pop(send.key, None)
        if delivery is None:
            result.created += 1
            changes.new.append(
                Delivery(
                    enrollment=enrollment,
                    step_id=send.key,
                    page_id=pages[send.key],
                    local_date=send.local_date,
                    due_at=send.due_at,
                )
            )
        elif delivery.status == DeliveryStatus.PENDING and (
            delivery.local_date,
            delivery.due_at,
            delivery.page_id,
        ) != (send.local_date, send.due_at, pages[send.key]):
            delivery.local_date = send.local_date
            delivery.due_at = send.due_at
            delivery.page_id = pages[send.key]
            result.retimed += 1
            changes.changed.append(delivery)

    reason = (
        ENROLLMENT_WITHDRAWN
        if enrollment.status != EnrollmentStatus.ACTIVE
        else STEP_REMOVED
    )
    for delivery in [*existing.values(), *orphans]:  # no longer in the plan
        if delivery.status == DeliveryStatus.PENDING:
            delivery.status = DeliveryStatus.CANCELLED
            delivery.status_reason = reason
            result.cancelled += 1
            changes.changed.append(delivery)


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


def cohort_plan_sync(*, cohort: Cohort) -> PlanSyncResult:
    """Sync every enrolment of ``cohort`` with its program's current steps."""
    steps = list(cohort.program.steps.all())
    enrollments = (
        cohort.enrollments.select_related("learner", "cohort")
        .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.all()))
        .order_by("pk")
    )
    changes = _PlanChanges()
    for enrollment in enrollments.iterator(chunk_size=500):
        _plan_enrollment(enrollment=enrollment, steps=steps, changes=changes)
    return _apply(changes)


def enrollment_plan_sync(*, enrollment: Enrollment) -> PlanSyncResult:
    """Sync one enrolment, e.g. right after a learner is enrolled."""
    enrollment = (
        Enrollment.objects.select_related("learner", "cohort__program")
        .prefetch_related("deliveries")
        .get(pk=enrollment.pk)
    )
    changes = _PlanChanges()
    _plan_enrollment(
        enrollment=enrollment,
        steps=list(enrollment.cohort.program.steps.all()),
        changes=changes,
    )
    return _apply(changes)


def program_plan_sync(*, program_id: int) -> PlanSyncResult:
    """Sync every cohort that follows a program, after its steps changed."""
    total = PlanSyncResult()
    for cohort in Cohort.objects.filter(program_id=program_id).select_related(
        "program"
    ):
        result = cohort_plan_sync(cohort=cohort)
        total.created += result.created
        total.retimed += result.retimed
        total.cancelled += result.cancelled
    return total
