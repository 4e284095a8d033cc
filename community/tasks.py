"""django-q2 tasks for the community app: thin wrappers around services.

The database is the source of truth, so a lost or duplicated task is harmless:
planning is idempotent and the drip tick sends whatever is due.
"""

from django.utils import timezone

from community.digests import cohort_digests_plan
from community.managers.services import manager_digests_plan
from community.prompts import discussion_threads_close
from community.pulse.services import pulse_plan


def manager_digests_plan_task() -> str:
    """Sync managers from the roster and queue this week's digests."""
    queued = manager_digests_plan(now=timezone.now())
    return f"planned {queued} manager digests"


def cohort_digests_plan_task() -> str:
    """Queue next Monday's cohort-space digests and the pre-course pulse
    questions, and close discussions whose window has passed."""
    now = timezone.now()
    digests = cohort_digests_plan(now=now)
    pulses = pulse_plan(now=now)
    closed = discussion_threads_close(now=now)
    return (
        f"planned {digests} cohort digests and {pulses} pulse questions; "
        f"closed {closed} discussions"
    )
