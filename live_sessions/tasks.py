"""django-q2 tasks for live sessions: thin wrappers around services.

Planning is idempotent and the drip tick sends whatever is due, so a lost or
duplicated task is harmless.
"""

from django.utils import timezone

from live_sessions.planning import live_session_notices_plan


def live_session_notices_plan_task() -> str:
    """Queue the week-before, follow-up and recording notices now known."""
    queued = live_session_notices_plan(now=timezone.now())
    return f"planned {queued} live session notices"
