"""django-q2 tasks for the drip engine: thin wrappers around services.

The database is the source of truth, so a lost or duplicated task is harmless:
the next tick picks up whatever is due.
"""

from django.utils import timezone

from boosters.dispatch import drip_tick


def drip_tick_task() -> str:
    """Send every delivery that is due now; returns the counts for the task log."""
    return str(drip_tick(now=timezone.now()))
