"""setup_schedules creates the hub's recurring jobs once, however often it runs."""

from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

import pytest
from django_q.models import Schedule

from home.factories import ArticlePageFactory
from hub.schedules import SCHEDULES
from hub.tasks import publish_scheduled_pages

pytestmark = pytest.mark.django_db


def test_setup_schedules_is_idempotent():
    call_command("setup_schedules")
    call_command("setup_schedules")
    assert Schedule.objects.count() == len(SCHEDULES)
    publish = Schedule.objects.get(func="hub.tasks.publish_scheduled_pages")
    assert publish.schedule_type == Schedule.MINUTES
    assert publish.minutes == 1


def test_a_renamed_hub_job_does_not_keep_running_under_its_old_name():
    Schedule.objects.create(name="Old name", func="hub.tasks.publish_scheduled_pages")
    call_command("setup_schedules")
    assert not Schedule.objects.filter(name="Old name").exists()


def test_scheduled_page_goes_live_only_when_the_task_runs(topic):
    page = ArticlePageFactory(parent=topic, title="Next week")
    page.unpublish()
    page.go_live_at = timezone.now() + timedelta(hours=1)  # as set in the editor
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, waiting for its time

    publish_scheduled_pages()
    page.refresh_from_db()
    assert not page.live  # too early

    an_hour_later = timezone.now() + timedelta(hours=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=an_hour_later):
        publish_scheduled_pages()
    page.refresh_from_db()
    assert page.live
