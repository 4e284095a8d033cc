"""Planning a live session's notices: a week before, after, and the recording.

``live_session_notices_plan`` is a tick planner (registered in
``LiveSessionsConfig.ready``): every run queues what is missing, re-times what
is pending if the session moved, and never queues the same notice twice
(dedupe keys). Like the community's notices it leaves out unsubscribed
learners and paused cohorts; a learner's own pause is honoured when sending.
"""

from datetime import datetime, timedelta

from boosters.models import (
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    Notice,
    NoticeKind,
    SubscriptionStatus,
)
from live_sessions.models import LiveSessionPage, SessionCalendar
from live_sessions.selectors import enrollment_zone, session_steps
from live_sessions.timing import after_due, before_due, next_send_slot

# Sessions that ended longer ago than this get nothing new (a recording
# attached months later is not news).
FOLLOW_UP_HORIZON = timedelta(days=30)


def _key(kind: str, page_id: int, enrollment_id: int, *extra) -> str:
    return ":".join(str(part) for part in (kind, page_id, enrollment_id, *extra))


def live_session_notices_plan(*, now: datetime) -> int:
    """Queue the before, after and recording notices now known; returns how
    many were queued. A few queries per session, whatever the cohort sizes."""
    sessions = list(
        LiveSessionPage.objects.live()
        .filter(cancelled=False, starts_at__isnull=False)
        .filter(ends_at__gte=now - FOLLOW_UP_HORIZON)
    )
    if not sessions:
        return 0
    calendars = {
        c.page_id: c for c in SessionCalendar.objects.filter(page__in=sessions)
    }
    steps = list(session_steps(page_ids=[s.pk for s in sessions]))
    queued = 0
    for session in sessions:
        session_step = {s.program_id: s for s in steps if s.page_id == session.pk}
        if not session_step:
            continue
        enrollments = Enrollment.objects.filter(
            status=EnrollmentStatus.ACTIVE,
            learner__subscription=SubscriptionStatus.SUBSCRIBED,
            cohort__paused=False,
            cohort__program_id__in=list(session_step),
        ).select_related("learner", "cohort")
        planned = _session_plan(
            session=session,
            calendar=calendars.get(session.pk),
            enrollments=list(enrollments),
            steps=session_step,
            now=now,
        )
        queued += _queue(planned)
    return queued


def _session_plan(*, session, calendar, enrollments, steps, now) -> list[Notice]:
    planned = []
    recording_news = bool(
        session.recording_id
        and calendar is not None
        and calendar.recording_attached_at is not None
        and now >= session.ends_at
    )
    after_notices = {}
    if recording_news:
        after_notices = {
            n.dedupe_key: n
            for n in Notice.objects.filter(
                kind=NoticeKind.SESSION_AFTER, subject_id=session.pk
            ).only("dedupe_key", "status", "sent_at")
        }
    wants_after = bool(session.post_discussion_id or session.practice_assignment)
    for enrollment in enrollments:
        cohort = enrollment.cohort
        timing = {
            "zone": enrollment_zone(enrollment),
            "send_time": steps[cohort.program_id].send_time or cohort.send_time,
            "weekend": cohort.weekend_days,
            "working_days_only": cohort.working_days_only,
        }

        def notice(kind, due_at, *extra, enrollment=enrollment):
            return Notice(
                kind=kind,
                dedupe_key=_key(kind, session.pk, enrollment.pk, *extra),
                due_at=due_at,
                learner=enrollment.learner,
                cohort=enrollment.cohort,
                subject_id=session.pk,
            )

        if session.pre_discussion_id and now < session.starts_at:
            due = before_due(starts_at=session.starts_at, now=now, **timing)
            if due is not None:
                planned.append(notice(NoticeKind.SESSION_BEFORE, due))
        if wants_after:
            due = after_due(ends_at=session.ends_at, **timing)
            if due >= now - FOLLOW_UP_HORIZON:
                planned.append(notice(NoticeKind.SESSION_AFTER, due))
        if recording_news:
            after = after_notices.get(
                _key(NoticeKind.SESSION_AFTER, session.pk, enrollment.pk)
            )
            # A follow-up still to go (or queued just now) carries the
            # recording itself; so did one sent after it was attached.
            if after is None:
                carried = wants_after
            else:
                carried = after.status == DeliveryStatus.PENDING or bool(
                    after.sent_at and after.sent_at >= calendar.recording_attached_at
                )
            if not carried:
                due = next_send_slot(
                    after=max(now, session.ends_at),
                    zone=timing["zone"],
                    send_time=timing["send_time"],
                    weekend=timing["weekend"],
                    working_days_only=timing["working_days_only"],
                )
                planned.append(
                    notice(NoticeKind.SESSION_RECORDING, due, session.recording_id)
                )
    return planned


def _queue(planned: list[Notice]) -> int:
    """Queue the new notices and re-time pending ones whose time moved."""
    if not planned:
        return 0
    existing = {
        n.dedupe_key: n
        for n in Notice.objects.filter(
            dedupe_key__in=[n.dedupe_key for n in planned]
        ).only("pk", "dedupe_key", "due_at", "status")
    }
    new, moved = [], []
    for notice in planned:
        old = existing.get(notice.dedupe_key)
        if old is None:
            new.append(notice)
        elif (
            old.status == DeliveryStatus.PENDING
            and old.due_at != notice.due_at
            # The recording notice is planned once, when it is first news.
            and notice.kind != NoticeKind.SESSION_RECORDING
        ):
            old.due_at = notice.due_at
            moved.append(old)
    # ignore_conflicts: a parallel planner may have queued some meanwhile.
    Notice.objects.bulk_create(new, ignore_conflicts=True)
    if moved:
        Notice.objects.bulk_update(moved, ["due_at"])
    return len(new)
