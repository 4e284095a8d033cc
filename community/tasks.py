"""django-q2 tasks for the community app: thin wrappers around services.

The database is the source of truth, so a lost or duplicated task is harmless:
planning is idempotent and the drip tick sends whatever is due.
"""

from django.utils import timezone

from community.managers import manager_digests_plan


def manager_digests_plan_task() -> str:
    """Sync managers from the roster and queue this week's digests."""
    queued = manager_digests_plan(now=timezone.now())
    return f"planned {queued} manager digests"
