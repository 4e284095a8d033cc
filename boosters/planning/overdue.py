"""Overdue emails: never sent late in a burst, moved on or skipped instead.

A drip delivery is overdue when it is still pending more than
``scheduling.SEND_GRACE`` after its send slot (a scheduler outage, a cohort
resumed after a pause, a demo first started after its course ended). The tick
never claims one (``boosters.drip.dispatch``); it re-plans it here first: plan sync
with ``now`` moves it to the learner's next send slot, one sendable day at a
time and within the daily question cap, or skips it with the reason once it
would go more than the program's ``too_late_days`` late.

Notices have no send slot of their own: a reply notice is due the moment the
reply is posted. They are sent late rather than never, except once stale: a
weekly digest or a pulse question more than a day late is skipped (next
week's digest is on its way), any other notice more than a week late.
"""

import logging
from datetime import datetime, timedelta

from django.db.models import Case, Q, Value, When

from boosters.models import Delivery, DeliveryStatus, Notice, NoticeKind
from boosters.planning.scheduling import SEND_GRACE
from boosters.planning.sync import PlanSyncResult, enrollments_plan_sync

logger = logging.getLogger(__name__)

# Enrolments re-planned per plan sync: bounds the memory of one batch.
REPLAN_BATCH = 500

WEEKLY_STALE_AFTER = timedelta(days=1)
NOTICE_STALE_AFTER = timedelta(days=7)
WEEKLY_KINDS = (NoticeKind.COHORT_DIGEST, NoticeKind.MANAGER_DIGEST, NoticeKind.PULSE)
WEEKLY_STALE = "More than a day late: skipped, not sent late (it is out of date)."
NOTICE_STALE = "More than a week late: skipped, not sent late."


def deliveries_overdue(*, now: datetime):
    """Pending deliveries more than ``SEND_GRACE`` past their slot, in cohorts
    that are not paused (a paused cohort's wait until it is resumed)."""
    return Delivery.objects.filter(
        status=DeliveryStatus.PENDING,
        due_at__lt=now - SEND_GRACE,
        enrollment__cohort__paused=False,
    )


def deliveries_replan_overdue(
    *, now: datetime, batch: int = REPLAN_BATCH, max_batches: int = 200
) -> PlanSyncResult:
    """Re-plan every enrolment with an overdue delivery from ``now``.

    One indexed query when nothing is overdue. An enrolment that can't be
    planned (it raises) is logged and left out; its deliveries stay overdue
    and are never claimed, and the others are re-planned.
    """
    total = PlanSyncResult()
    broken: set[int] = set()
    for _ in range(max_batches):
        ids = list(
            deliveries_overdue(now=now)
            .exclude(enrollment_id__in=broken)
            .order_by()
            .values_list("enrollment_id", flat=True)
            .distinct()[:batch]
        )
        if not ids:
            break
        try:
            total.add(enrollments_plan_sync(enrollment_ids=ids, now=now))
        except Exception:  # noqa: BLE001 — find the one that fails, re-plan the rest
            for enrollment_id in ids:
                try:
                    total.add(
                        enrollments_plan_sync(enrollment_ids=[enrollment_id], now=now)
                    )
                except Exception:  # noqa: BLE001 — logged, the rest go on
                    logger.exception("Re-planning enrolment %s failed", enrollment_id)
                    broken.add(enrollment_id)
    return total


def notices_skip_stale(*, now: datetime) -> int:
    """Skip pending notices too late to be worth sending; returns how many."""
    weekly = Q(kind__in=WEEKLY_KINDS)
    return Notice.objects.filter(
        (weekly & Q(due_at__lt=now - WEEKLY_STALE_AFTER))
        | (~weekly & Q(due_at__lt=now - NOTICE_STALE_AFTER)),
        status=DeliveryStatus.PENDING,
    ).update(
        status=DeliveryStatus.SKIPPED,
        status_reason=Case(
            When(weekly, then=Value(WEEKLY_STALE)), default=Value(NOTICE_STALE)
        ),
    )
