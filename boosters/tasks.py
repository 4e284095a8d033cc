"""django-q2 tasks for the drip engine: thin wrappers around services.

The database is the source of truth, so a lost or duplicated task is harmless:
the next tick picks up whatever is due.
"""

from django.utils import timezone

from boosters.answers import deliveries_expire_unanswered
from boosters.dispatch import drip_tick


def drip_tick_task() -> str:
    """Send every delivery that is due now; returns the counts for the task log."""
    return str(drip_tick(now=timezone.now()))


def answers_expire_task() -> str:
    """Count questions whose answer window has closed as missed, and space them."""
    missed = deliveries_expire_unanswered(now=timezone.now())
    return f"counted {missed} unanswered questions as missed"
