"""The demo's first start: ``make run`` loads the demo, then the scheduler ticks.

However long after the demo's course ended the scheduler first runs, no demo
learner gets a burst: at most one drip email a local day, each at their local
send time; what is too late is skipped with the reason.
"""

import collections
import datetime as dt
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.utils import timezone

from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedNotFoundException

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.models import Delivery, DeliveryStatus
from boosters.planning.scheduling import SEND_GRACE, learner_zone
from demo.builder import demo_hub_load

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_embed_requests(monkeypatch):
    def unreachable(url, *args, **kwargs):
        raise EmbedNotFoundException(url)

    monkeypatch.setattr(embeds, "get_embed", unreachable)


@pytest.fixture
def demo(django_db_setup, django_db_blocker, tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with override_settings(VAR_DIR=tmp_path):
        return demo_hub_load()


def test_a_first_start_weeks_after_the_course_sends_no_burst(demo):
    # The first tick is three weeks after loading, at 23:01 in New York; then
    # the scheduler ticks every 20 minutes for two days.
    start = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=21),
        dt.time(23, 1),
        tzinfo=ZoneInfo("America/New_York"),
    )
    first = drip_tick(now=start)
    # Only Bengaluru is at its 09:00 (09:31): the rest is moved or skipped.
    assert first.sent <= 1 and first.replanned and first.skipped
    for tick in range(1, 3 * 48):
        drip_tick(now=start + dt.timedelta(minutes=20 * tick))

    sent = Delivery.objects.filter(status=DeliveryStatus.SENT).select_related(
        "enrollment__learner", "enrollment__cohort"
    )
    assert sent.exists()
    per_day = collections.Counter()
    for delivery in sent:
        cohort, learner = delivery.enrollment.cohort, delivery.enrollment.learner
        zone = learner_zone(
            learner_zone_name=learner.time_zone, cohort_zone_name=cohort.time_zone
        )
        local = delivery.sent_at.astimezone(zone)
        slot = dt.datetime.combine(local.date(), cohort.send_time, tzinfo=zone)
        assert slot <= local <= slot + SEND_GRACE, (learner.email, local)
        per_day[learner.email, local.date()] += 1
    assert max(per_day.values()) == 1
    skipped = Delivery.objects.filter(status=DeliveryStatus.SKIPPED)
    assert skipped.exists()
    assert all("days late (planned" in d.status_reason for d in skipped)
