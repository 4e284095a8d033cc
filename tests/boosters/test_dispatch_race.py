"""Two ticks racing over the same due deliveries send each one exactly once."""

import datetime as dt
import threading

from django.core import mail
from django.db import connection

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus
from boosters.planning.sync import cohort_plan_sync
from home.factories import HomePageFactory, TopicPageFactory

DUE = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)
LEARNERS = 60


@pytest.mark.django_db(transaction=True)
def test_two_ticks_racing_send_each_delivery_exactly_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from wagtail.models import Locale, Page

    # Transactional tests flush the database, data migrations included.
    Locale.objects.get_or_create(language_code="en")
    topic = TopicPageFactory(parent=HomePageFactory(parent=Page.get_first_root_node()))
    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 2))
    for _ in range(LEARNERS):
        EnrollmentFactory(cohort=cohort, enrolled_at=DUE - dt.timedelta(days=30))
    cohort_plan_sync(cohort=cohort)
    mail.outbox = []

    results, errors = [], []
    start = threading.Barrier(2)

    def tick():
        try:
            start.wait()
            results.append(drip_tick(now=DUE, batch_size=7))
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    recipients = [address for message in mail.outbox for address in message.to]
    assert len(recipients) == LEARNERS
    assert len(set(recipients)) == LEARNERS  # nobody got it twice
    assert sum(r.sent for r in results) == LEARNERS
    assert all(r.sent for r in results), "both ticks should have taken part"
    assert set(Delivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.SENT
    }
