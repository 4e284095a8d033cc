"""The demo's simulated weeks of answers: analytics with something to show."""

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedNotFoundException

import pytest

from boosters.analytics.attention import questions_needing_attention
from boosters.analytics.cohorts import cohort_dashboard
from boosters.analytics.filters import AnalyticsFilters
from boosters.drip.dispatch import drip_tick
from boosters.models import Answer
from demo.builder import demo_hub_load
from demo.simulate import CONFUSING_SLUG, demo_answers_simulate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def simulated(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo with four simulated weeks, loaded once and rolled back after."""

    def unreachable(url, *args, **kwargs):
        raise EmbedNotFoundException(url)

    original = embeds.get_embed
    embeds.get_embed = unreachable
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=tmp_path_factory.mktemp("var")),
        transaction.atomic(),
    ):
        demo_hub_load()
        now = timezone.now()
        # As after `make run`: the scheduler has already sent what was due.
        drip_tick(now=now)
        result = demo_answers_simulate(weeks=4, now=now)
        yield result, now
        transaction.set_rollback(True)
    embeds.get_embed = original


def test_simulation_answers_questions_and_repeats(simulated):
    result, _ = simulated

    assert result.cohorts == 4
    assert result.answered > 50
    assert Answer.objects.filter(showing__gt=1).exists()


def test_current_proficiency_is_above_initial(simulated):
    _, now = simulated

    total = cohort_dashboard(filters=AnalyticsFilters(), now=now).total

    assert total.proficiency_current > total.proficiency_initial


def test_the_confusing_question_is_flagged(simulated):
    flagged = {q.title: q for q in questions_needing_attention()}

    assert "Praise that helps" in flagged
    assert any("wrong choice" in r for r in flagged["Praise that helps"].reasons)
    assert Answer.objects.filter(page__slug=CONFUSING_SLUG).exists()


def test_simulating_again_adds_nothing(simulated):
    _, now = simulated
    before = Answer.objects.count()

    again = demo_answers_simulate(weeks=4, now=now)

    assert again.cohorts == 0
    assert Answer.objects.count() == before
