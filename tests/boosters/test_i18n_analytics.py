"""Question analytics compare proficiency across the languages a question
was read in (P12), with the small-group rule."""

from django.urls import reverse

import pytest

from boosters.analytics.languages import question_proficiency_by_language
from boosters.factories import CohortFactory, EnrollmentFactory, booster_with_choices
from boosters.models import Answer
from tests.boosters.test_analytics_views import answered, editor  # noqa: F401

pytestmark = pytest.mark.django_db


def answers_in(page, language, *, right, wrong):
    cohort = CohortFactory(language=language or "en")
    for index in range(right + wrong):
        enrollment = EnrollmentFactory(cohort=cohort)
        answer = answered(enrollment, page, correct=index < right)
        Answer.objects.filter(pk=answer.pk).update(language=language)


@pytest.fixture
def question(topic):
    page = booster_with_choices(parent=topic)
    answers_in(page, "", right=2, wrong=1)  # before languages: English
    answers_in(page, "en", right=2, wrong=1)
    answers_in(page, "pt-br", right=2, wrong=3)
    answers_in(page, "es", right=1, wrong=2)  # too few to show
    return page


def test_proficiency_by_language_follows_the_small_group_rule(question):
    rows = {
        row.language: row for row in question_proficiency_by_language(page=question)
    }

    assert list(rows) == ["en", "pt-br", "es"]
    assert rows["en"].first_try_answers == 6
    assert rows["en"].right_label == "4 of 6 (67%)"
    assert rows["pt-br"].right_label == "2 of 5 (40%)"
    assert rows["es"].right is None
    assert rows["es"].right_label == "Shown from 5 learners"


def test_repeats_do_not_count(question, topic):
    enrollment = Answer.objects.filter(language="pt-br").first().delivery.enrollment
    answered(enrollment, question, correct=True, showing=2)
    rows = {
        row.language: row for row in question_proficiency_by_language(page=question)
    }
    assert rows["pt-br"].first_try_answers == 5


def test_the_question_analytics_page_shows_it(client, editor, question):  # noqa: F811
    html = client.get(
        reverse("boosters_analytics_question", args=[question.pk])
    ).content.decode()
    assert 'id="proficiency-by-language"' in html
    assert "Português (Brasil)" in html and "2 of 5 (40%)" in html
    assert "Shown from 5 learners" in html
