"""Bulk actions on learners and enrolments, chosen in the admin lists.

Each action takes the chosen rows and does what it can for each: one row that
cannot be done (already withdrawn, already in the target cohort) is reported
in ``BulkResult.problems`` and never stops the others. Plans are synced once
per action, not per row.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from django_q.tasks import async_task

from boosters.learners.services import learner_pause
from boosters.learners.sign_in import SIGN_IN_SEND_TASK
from boosters.models import Cohort, Enrollment, EnrollmentStatus, Learner
from boosters.planning.sync import PlanSyncResult, enrollments_plan_sync


@dataclass
class BulkResult:
    """How many rows the action was done for, and a sentence per row it wasn't."""

    done: int = 0
    problems: list[str] = field(default_factory=list)
    plan: PlanSyncResult = field(default_factory=PlanSyncResult)


def row_label(row: Learner | Enrollment) -> str:
    """ "Ana Silva (ana@example.com)", and "in Lisbon" for an enrolment."""
    if isinstance(row, Enrollment):
        return f"{row_label(row.learner)} in {row.cohort}"
    return f"{row.full_name} ({row.email})"


def learners_sign_in_resend(*, learners: Iterable[Learner]) -> BulkResult:
    """Queue a fresh single-use sign-in link to each learner."""
    result = BulkResult()
    for learner in learners:
        try:
            async_task(
                SIGN_IN_SEND_TASK, email=learner.email, group="sign-in", save=False
            )
        except Exception as error:  # noqa: BLE001 — one bad item never stops the rest
            result.problems.append(f"{learner.email}: not queued ({error}).")
        else:
            result.done += 1
    return result


def learners_pause(
    *, learners: Iterable[Learner], weeks: int, now: datetime
) -> BulkResult:
    """Hold every email to each learner for ``weeks`` weeks (``learner_pause``)."""
    result = BulkResult()
    for learner in learners:
        try:
            synced = learner_pause(learner=learner, weeks=weeks, now=now)
        except Exception as error:  # noqa: BLE001 — one bad item never stops the rest
            result.problems.append(f"{learner.email}: not paused ({error}).")
        else:
            result.done += 1
            result.plan.add(synced)
    return result


def learners_withdraw(*, learners: Iterable[Learner], cohort: Cohort) -> BulkResult:
    """Withdraw each learner from ``cohort``; their pending emails there stop."""
    learners = list(learners)
    active = {
        e.learner_id: e
        for e in Enrollment.objects.filter(
            cohort=cohort, learner__in=learners, status=EnrollmentStatus.ACTIVE
        )
    }
    result = enrollments_withdraw(enrollments=active.values())
    result.problems[:0] = [
        f"{row_label(learner)} is not active in {cohort}."
        for learner in learners
        if learner.pk not in active
    ]
    return result


def enrollments_withdraw(*, enrollments: Iterable[Enrollment]) -> BulkResult:
    """Withdraw each active enrolment; its pending deliveries are cancelled.

    Sent deliveries and answers stay, as history.
    """
    result = BulkResult()
    ids = []
    for enrollment in enrollments:
        if enrollment.status == EnrollmentStatus.WITHDRAWN:
            result.problems.append(f"{row_label(enrollment)} was already withdrawn.")
        else:
            ids.append(enrollment.pk)
    with transaction.atomic():
        Enrollment.objects.filter(pk__in=ids).update(status=EnrollmentStatus.WITHDRAWN)
        result.plan = enrollments_plan_sync(enrollment_ids=ids)
    result.done = len(ids)
    return result


def enrollments_move(
    *, enrollments: Iterable[Enrollment], cohort: Cohort, now: datetime
) -> BulkResult:
    """Move each enrolment's learner to ``cohort``.

    The old enrolment is withdrawn (its pending deliveries cancelled, its
    history kept there) and the learner is enrolled in ``cohort`` (a withdrawn
    enrolment there comes back), then both are re-planned together.
    """
    enrollments = list(enrollments)
    result = BulkResult()
    touched: list[int] = []
    target = {
        e.learner_id: e
        for e in Enrollment.objects.filter(
            cohort=cohort, learner__in=[e.learner_id for e in enrollments]
        )
    }
    for enrollment in enrollments:
        problem = _move_problem(enrollment, cohort=cohort, there=target)
        if problem:
            result.problems.append(problem)
            continue
        with transaction.atomic():
            enrollment.status = EnrollmentStatus.WITHDRAWN
            enrollment.save(update_fields=["status"])
            moved = target.get(enrollment.learner_id)
            if moved is None:
                moved = Enrollment.objects.create(
                    learner_id=enrollment.learner_id, cohort=cohort, enrolled_at=now
                )
            else:
                moved.status = EnrollmentStatus.ACTIVE
                moved.enrolled_at = now
                moved.save(update_fields=["status", "enrolled_at"])
        touched += [enrollment.pk, moved.pk]
        result.done += 1
    result.plan = enrollments_plan_sync(enrollment_ids=touched)
    return result


def _move_problem(
    enrollment: Enrollment, *, cohort: Cohort, there: dict[int, Enrollment]
) -> str:
    if enrollment.cohort_id == cohort.pk:
        return f"{row_label(enrollment)} is already in {cohort}."
    if enrollment.status == EnrollmentStatus.WITHDRAWN:
        return (
            f"{row_label(enrollment)} was withdrawn; enrol the learner in "
            f"{cohort} instead."
        )
    existing = there.get(enrollment.learner_id)
    if existing is not None and existing.status == EnrollmentStatus.ACTIVE:
        return f"{row_label(enrollment.learner)} is already active in {cohort}."
    return ""
