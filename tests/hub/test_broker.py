"""The task broker carries the hub's scheduled work on both deployment paths.

Embedded default: the ORM broker. Scale path (``REDIS_URL`` set): Redis. The
suite runs once on each (``make test`` and ``make test-scale``).
"""

import datetime as dt
import importlib
import os
import uuid

from django.core import mail
from django.utils import timezone

import pytest
from django_q.brokers import get_broker
from django_q.signing import SignedPackage
from django_q.tasks import async_task

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery
from boosters.planning.sync import cohort_plan_sync

pytestmark = pytest.mark.django_db


def run_like_a_worker(payload):
    """Decode a queued task and call its function, as a django-q2 worker does."""
    task = SignedPackage.loads(payload)
    module, name = task["func"].rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(
        *task["args"], **task["kwargs"]
    )


def test_the_configured_broker_matches_the_deployment_path():
    broker = get_broker()
    expected = "Redis" if os.environ.get("REDIS_URL") else "ORM"
    assert type(broker).__name__ == expected
    assert broker.ping()


def test_a_queued_drip_tick_reaches_a_worker_and_sends_what_is_due(topic, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=0)
    cohort = CohortFactory(
        program=step.program, anchor_date=timezone.localdate() - dt.timedelta(days=7)
    )
    EnrollmentFactory(cohort=cohort, enrolled_at=timezone.now() - dt.timedelta(days=30))
    cohort_plan_sync(cohort=cohort)
    # Due a minute ago, inside the send-time grace (one due days ago would be
    # re-planned to the learner's next send slot, not sent).
    Delivery.objects.update(due_at=timezone.now() - dt.timedelta(minutes=1))

    broker = get_broker(list_key=f"hub-test-{uuid.uuid4().hex}")
    try:
        async_task("boosters.tasks.drip_tick_task", broker=broker, sync=False)
        assert broker.queue_size() == 1
        task_id, payload = broker.dequeue()[0]
        result = run_like_a_worker(payload)
        broker.acknowledge(task_id)
    finally:
        broker.delete_queue()

    assert "sent 1" in result
    assert len(mail.outbox) == 1
