"""The drip dispatcher: claim due emails, send them, record every outcome.

It drains two queues the same way: drip deliveries (program content) and
notices (community notifications and digests, ``boosters.drip.notices``).

Guarantees:
- A delivery is claimed by exactly one tick: a conditional update moves it from
  ``pending`` to ``sending`` with this tick's claim token (on PostgreSQL the
  candidates are also locked with ``SKIP LOCKED`` so parallel ticks don't wait).
- A whole batch is rendered and sent over a fixed few email connections
  (``boosters.drip.sending``), and outcomes are written with one prepared update,
  so queries per batch don't grow with it.
- A temporary failure (connection refused, SMTP 4xx) goes back to ``pending``
  with exponential backoff, up to ``sending.MAX_ATTEMPTS``; a permanent one
  (SMTP 5xx for the recipient) fails the delivery and suppresses the address.
- A delivery left in ``sending`` by a crash is re-sent by a later tick once it
  is ``STALE_AFTER`` old. We prefer a rare duplicate over a silently lost email:
  at most the batch that was in flight when the process died is sent twice.
- Nothing ends without a reason: every delivery ends sent, failed, skipped or
  cancelled, and ``status_reason``/``last_error`` say why.
- No bursts: a delivery is claimed only within ``SEND_GRACE`` of its send slot.
  An overdue one is re-planned first (``boosters.planning.overdue``): to the learner's
  next slot, one sendable day at a time, or skipped once too late.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from boosters.drip.queues import DELIVERIES, NOTICES, EmailQueue
from boosters.drip.sending import batch_send
from boosters.learners.services import NOTICE_PAUSED, learner_home_zone
from boosters.models import (
    Delivery,
    DeliveryStatus,
    EnrollmentStatus,
    Learner,
    Notice,
    SubscriptionStatus,
)
from boosters.planning.overdue import (
    WEEKLY_KINDS,
    deliveries_overdue,
    deliveries_replan_overdue,
    notices_skip_stale,
)
from boosters.planning.scheduling import local_to_utc
from boosters.planning.sync import enrollments_plan_sync

STALE_AFTER = timedelta(minutes=15)
# Rows claimed, sent and recorded together. Each batch costs a few queries, two
# SMTP connections and its pages' loading whatever its size: at 50 that was a
# seventh of a worker's time on PostgreSQL (bench/drip_profile.py). A crash
# re-sends at most the batch in flight.
BATCH_SIZE = 200

COHORT_PAUSED = "Waiting: the cohort is paused."
MANAGER_OPTED_OUT = "The manager opted out of digests."
NOT_SUBSCRIBED = "The learner is unsubscribed or their address is suppressed."
PAUSED_WEEKLY = (
    "The learner paused their emails: skipped, it would be out of date by "
    "the time the pause ends."
)
WITHDRAWN = "The learner was withdrawn from the cohort."


@dataclass
class TickResult:
    """What one tick did, for the command's output and the task log."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0
    cancelled: int = 0
    recovered: int = 0
    replanned: int = 0  # overdue, moved to a later send slot

    def add(self, other: "TickResult") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def __str__(self):
        return (
            f"sent {self.sent}, failed {self.failed}, retried {self.retried}, "
            f"skipped {self.skipped}, cancelled {self.cancelled}, "
            f"recovered {self.recovered}, replanned {self.replanned}"
        )


def _due(*, now: datetime, model=Delivery):
    return model.objects.filter(status=DeliveryStatus.PENDING, due_at__lte=now).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claimable(*, now: datetime, queue: EmailQueue):
    """Due rows a tick may send now: for drip deliveries, only within
    ``SEND_GRACE`` of their slot, so nothing goes out at an odd hour."""
    due = queue.ready(_due(now=now, model=queue.model))
    if queue.grace is not None:
        due = due.filter(due_at__gte=now - queue.grace)
    return due


def notices_hold_back(*, now: datetime) -> TickResult:
    """Cancel due notices whose learner unsubscribed or manager opted out."""
    result = TickResult()
    due = _due(now=now, model=Notice)
    result.cancelled += (
        due.filter(learner__isnull=False)
        .exclude(learner__subscription=SubscriptionStatus.SUBSCRIBED)
        .update(status=DeliveryStatus.CANCELLED, status_reason=NOT_SUBSCRIBED)
    )
    result.cancelled += due.filter(manager__opted_out_at__isnull=False).update(
        status=DeliveryStatus.CANCELLED, status_reason=MANAGER_OPTED_OUT
    )
    result.skipped += _notices_wait_for_pause(due=due, now=now)
    return result


def _notices_wait_for_pause(*, due, now: datetime) -> int:
    """Due notices of a learner who paused their emails wait until the pause
    ends, at the start of that day in their zone (or their cohort's send
    time); weekly ones are skipped. Returns how many were skipped."""
    # A day's margin catches every zone; the exact check is per learner.
    paused = due.filter(
        learner__paused_until__gt=(now - timedelta(days=1)).date()
    ).select_related("learner", "cohort")
    skipped, zones = 0, {}
    for notice in paused:
        learner = notice.learner
        if learner.pk not in zones:
            zones[learner.pk] = learner_home_zone(learner=learner)
        zone = zones[learner.pk]
        if now.astimezone(zone).date() >= learner.paused_until:
            continue
        if notice.kind in WEEKLY_KINDS:
            notice.status = DeliveryStatus.SKIPPED
            notice.status_reason = PAUSED_WEEKLY
            skipped += 1
        else:
            send_time = notice.cohort.send_time if notice.cohort else time()
            notice.due_at = local_to_utc(
                local_date=learner.paused_until, send_time=send_time, zone=zone
            )
            notice.status_reason = NOTICE_PAUSED
        notice.save(update_fields=["status", "status_reason", "due_at"])
    return skipped


def deliveries_hold_back(*, now: datetime) -> TickResult:
    """Cancel due deliveries nobody should get; note why paused ones wait."""
    result = TickResult()
    due = _due(now=now)
    result.cancelled += due.exclude(
        enrollment__learner__subscription=SubscriptionStatus.SUBSCRIBED
    ).update(status=DeliveryStatus.CANCELLED, status_reason=NOT_SUBSCRIBED)
    result.cancelled += due.exclude(enrollment__status=EnrollmentStatus.ACTIVE).update(
        status=DeliveryStatus.CANCELLED, status_reason=WITHDRAWN
    )
    due.filter(enrollment__cohort__paused=True).exclude(
        status_reason=COHORT_PAUSED
    ).update(status_reason=COHORT_PAUSED)
    # Plan sync keeps a paused learner's deliveries past the pause; one due
    # inside it (the pause set without a re-plan) is re-planned, not sent.
    held = due.filter(local_date__lt=F("enrollment__learner__paused_until"))
    enrollment_ids = set(held.values_list("enrollment_id", flat=True))
    if enrollment_ids:
        result.replanned += enrollments_plan_sync(
            enrollment_ids=enrollment_ids, now=now
        ).retimed
    return result


def deliveries_recover_stale(*, now: datetime, model=Delivery) -> int:
    """Put emails stuck in ``sending`` (a crashed tick) back in the queue."""
    return model.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_AFTER
    ).update(
        status=DeliveryStatus.PENDING,
        claim_token="",
        status_reason="Re-queued: a send was interrupted.",
    )


def delivery_claim_batch(*, now: datetime, limit: int = BATCH_SIZE) -> list[Delivery]:
    """Claim up to ``limit`` due deliveries for this tick and return them."""
    return _claim_batch(queue=DELIVERIES, now=now, limit=limit)


def _claim_batch(*, queue: EmailQueue, now: datetime, limit: int) -> list:
    token = uuid.uuid4().hex
    model = queue.model
    candidates = (
        _claimable(now=now, queue=queue)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        if db_connection.features.has_select_for_update_skip_locked:
            # Lock candidates without waiting for rows another tick holds.
            candidates = candidates.select_for_update(skip_locked=True, of=("self",))
        ids = list(candidates[:limit])
        if not ids:
            return []
        # The conditional update is what guarantees a single owner.
        model.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, claim_token=token, claimed_at=now
        )
    return list(
        model.objects.filter(claim_token=token, status=DeliveryStatus.SENDING)
        .select_related(*queue.related)
        .order_by("due_at", "pk")
    )


def delivery_send_batch(
    *, deliveries: list[Delivery], now: datetime
) -> tuple[TickResult, list[Learner]]:
    """Send claimed deliveries (over ``sending.SENDERS`` connections).

    Each delivery's new state is set on it in memory (``_record`` saves the
    batch). Returns the counts and the learners whose address was refused.
    """
    return _send_batch(queue=DELIVERIES, items=deliveries, now=now)


def _send_batch(*, queue: EmailQueue, items: list, now: datetime):
    queue.prepare(items)  # a few queries for the whole batch
    outcomes, suppressed = batch_send(
        items=items,
        build=queue.build,
        on_sent=queue.on_sent,
        learner_of=queue.learner_of,
        now=now,
    )
    return TickResult(**outcomes), suppressed


def rows_update(*, model, objects: list, fields: list[str]) -> None:
    """Write ``fields`` of each of ``objects`` with one prepared ``UPDATE`` run
    for every row (``executemany``).

    Does what ``bulk_update`` does for a batch whose rows all differ, without
    its ``CASE WHEN`` per row and field: building that expression cost more
    than rendering and sending the batch's emails.
    """
    if not objects:
        return
    model_fields = [model._meta.get_field(name) for name in fields]
    # As save() would: ``auto_now`` fields (a delivery's ``updated_at``, which
    # says when a failure happened) take the time of writing.
    stamped = [
        field
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) and field not in model_fields
    ]
    if stamped:
        written_at = timezone.now()
        for obj in objects:
            for field in stamped:
                setattr(obj, field.attname, written_at)
        model_fields += stamped
    quote = db_connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in model_fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    # A batch's rows mostly share their values (status, reason, sent_at, the
    # revision): each distinct value of a field is prepared for the database once.
    prepared: dict[tuple, object] = {}
    rows = []
    for obj in objects:
        row = []
        for field in model_fields:
            value = getattr(obj, field.attname)
            key = (field.attname, value.__class__, value)
            try:
                row.append(prepared[key])
            except KeyError:
                row.append(prepared.setdefault(key, _prepared(field, value)))
            except TypeError:  # unhashable: prepared on its own
                row.append(_prepared(field, value))
        row.append(obj.pk)
        rows.append(row)
    with db_connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _prepared(field, value):
    return field.get_db_prep_save(value, db_connection)


def _record(*, queue: EmailQueue, items: list, suppressed: list[Learner], now) -> int:
    """Write a batch's outcomes in a constant number of queries."""
    cancelled = 0
    with transaction.atomic():
        rows_update(
            model=queue.model,
            objects=items,
            fields=[
                "status",
                "status_reason",
                "attempts",
                "next_attempt_at",
                "sent_at",
                "message_id",
                "last_error",
                "claim_token",
                *queue.fields,
            ],
        )
        if suppressed:
            learner_ids = {learner.pk for learner in suppressed}
            Learner.objects.filter(pk__in=learner_ids).update(
                subscription=SubscriptionStatus.SUPPRESSED,
                subscription_changed_at=now,
                subscription_reason="The mail server refused the address.",
            )
            cancelled = Delivery.objects.filter(
                enrollment__learner_id__in=learner_ids, status=DeliveryStatus.PENDING
            ).update(status=DeliveryStatus.CANCELLED, status_reason=NOT_SUBSCRIBED)
            cancelled += Notice.objects.filter(
                learner_id__in=learner_ids, status=DeliveryStatus.PENDING
            ).update(status=DeliveryStatus.CANCELLED, status_reason=NOT_SUBSCRIBED)
    return cancelled


def drip_tick(
    *, now: datetime, batch_size: int = BATCH_SIZE, max_batches: int = 200
) -> TickResult:
    """Run one tick: recover stale claims, hold back who shouldn't get mail,
    re-plan overdue deliveries and skip stale notices, then claim, send and
    record batches until nothing is due."""
    total = TickResult()
    if not _work_waiting(now=now):
        return total  # the common case: two indexed lookups and nothing else
    total.recovered = deliveries_recover_stale(now=now)
    total.recovered += deliveries_recover_stale(now=now, model=Notice)
    total.add(deliveries_hold_back(now=now))
    total.add(notices_hold_back(now=now))
    replanned = deliveries_replan_overdue(now=now)
    total.replanned += replanned.retimed
    total.skipped += replanned.skipped + notices_skip_stale(now=now)
    for queue in (DELIVERIES, NOTICES):
        for _ in range(max_batches):
            batch = _claim_batch(queue=queue, now=now, limit=batch_size)
            if not batch:
                break
            result, suppressed = _send_batch(queue=queue, items=batch, now=now)
            result.cancelled += _record(
                queue=queue, items=batch, suppressed=suppressed, now=now
            )
            total.add(result)
    return total


def drip_helpers_wanted(*, now: datetime, workers: int) -> int:
    """How many more workers should drain deliveries beside this tick: one per
    further full batch that is due, up to the cluster's other ``workers - 1``.

    Ticks claim batches safely side by side, so a backlog (a cohort's 9:00 in
    a big office) drains on every worker the cluster has instead of one.
    """
    if workers < 2:
        return 0
    limit = BATCH_SIZE * workers
    due = _claimable(now=now, queue=DELIVERIES).order_by()
    backlog = due.values("pk")[:limit].count()
    return min(workers - 1, max(0, backlog - 1) // BATCH_SIZE)


def _work_waiting(*, now: datetime) -> bool:
    """Whether anything is due, or stuck in ``sending`` long enough to re-queue."""
    for model in (Delivery, Notice):
        waiting = _due(now=now, model=model) | model.objects.filter(
            status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_AFTER
        )
        if waiting.exists():
            return True
    return False


def drip_tick_preview(*, now: datetime) -> dict[str, int]:
    """What a tick at ``now`` would do, without claiming or sending anything."""
    due = _due(now=now)
    return {
        "due": _claimable(now=now, queue=DELIVERIES).count(),
        "overdue": deliveries_overdue(now=now).count(),
        "notices": _due(now=now, model=Notice).count(),
        "paused": due.filter(enrollment__cohort__paused=True).count(),
        "stale": Delivery.objects.filter(
            status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_AFTER
        ).count(),
    }
