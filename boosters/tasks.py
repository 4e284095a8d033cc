"""django-q2 tasks for the drip engine: thin wrappers around services.

The database is the source of truth, so a lost or duplicated task is harmless:
the next tick picks up whatever is due.
"""

from django.conf import settings
from django.utils import timezone

from django_q.tasks import async_task

from boosters.drip.dispatch import drip_helpers_wanted
from boosters.drip.tick import drip_tick_run
from boosters.learners.sign_in import sign_in_link_send
from boosters.questions.answers import deliveries_expire_unanswered


def drip_tick_task() -> str:
    """Send every delivery that is due now; returns the counts for the task log.

    With more than a batch due, the cluster's other workers are asked to help
    (``drip_drain_task``), so a backlog drains on every worker.
    """
    now = timezone.now()
    workers = settings.Q_CLUSTER.get("workers", 1)
    for _ in range(drip_helpers_wanted(now=now, workers=workers)):
        async_task("boosters.tasks.drip_drain_task", group="drip-drain")
    return str(drip_tick_run(now=now).sent)


def drip_drain_task() -> str:
    """Help drain due deliveries beside the scheduled tick (no further helpers)."""
    return str(drip_tick_run(now=timezone.now()).sent)


def answers_expire_task() -> str:
    """Count questions whose answer window has closed as missed, and space them."""
    missed = deliveries_expire_unanswered(now=timezone.now())
    return f"counted {missed} unanswered questions as missed"


def sign_in_link_send_task(email: str, next_url: str = "") -> str:
    """Send a requested sign-in link, if the address is a learner's."""
    sign_in_link_send(email=email, next_url=next_url)
    # The same answer either way: the task log must not tell learners apart.
    return "done"
