"""The demo program asks "Have you tried it?" 7 and 30 days after the
feedback topic's items, and a São Paulo cohort has answered, with stories."""

from django.urls import reverse

import pytest

from boosters.analytics.checkins import application_rates
from boosters.analytics.filters import AnalyticsFilters
from boosters.models import ApplicationCheckInPage, CheckInAnswer, ProgramStep
from demo.checkins import demo_checkins_ensure
from tests.demo.test_demo import demo, no_embed_requests, var_dir  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def check_ins(demo):  # noqa: F811
    demo_checkins_ensure()


def test_demo_program_has_check_ins_a_week_and_a_month_after_the_topic(check_ins):
    steps = ProgramStep.objects.filter(
        page__in=ApplicationCheckInPage.objects.all()
    ).order_by("day_offset")

    first, second = steps.values_list("day_offset", flat=True)
    assert second - first == 23  # day 7 and day 30 after the same last item
    assert all(page.live for page in ApplicationCheckInPage.objects.all())
    assert ApplicationCheckInPage.objects.first().booster.slug == (
        "describe-the-behaviour"
    )


def test_demo_answers_fill_the_stories_and_the_figures(check_ins, client):
    stories = CheckInAnswer.objects.exclude(story="")
    assert set(stories.values_list("story_consent", flat=True)) == {
        "private",
        "cohort",
        "content",
    }
    rates = application_rates(filters=AnalyticsFilters())
    assert any(row.shown for row in rates.cohorts)
    assert any(row.shown for row in rates.teams)

    answers = CheckInAnswer.objects.count()
    demo_checkins_ensure()  # safe to run again
    assert CheckInAnswer.objects.count() == answers

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    html = client.get(reverse("boosters_report_stories")).content.decode()
    assert "Use in feedback" in html
