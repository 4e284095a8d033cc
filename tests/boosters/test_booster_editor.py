"""The booster editor refuses choice sets learners could not answer."""

from django.urls import reverse

import pytest

from boosters.factories import BoosterQuestionPageFactory
from boosters.questions.choices import choice_set_problems
from boosters.questions.pages import BoosterQuestionPage
from tests.page_forms import booster_page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return client


def add_booster(editor, topic, choices):
    page = BoosterQuestionPageFactory.build(title="Interrupting", slug="interrupting")
    url = reverse(
        "wagtailadmin_pages:add", args=("boosters", "boosterquestionpage", topic.pk)
    )
    return editor.post(url, booster_page_data(page, choices=choices))


def test_a_valid_question_is_saved(editor, topic):
    response = add_booster(editor, topic, [("Right", True), ("Wrong", False)])
    assert response.status_code == 302
    page = BoosterQuestionPage.objects.get(slug="interrupting")
    assert page.choices.count() == 2


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (
            [("A", False), ("B", False)],
            "Mark exactly one choice as correct; none is marked.",
        ),
        (
            [("A", True), ("B", True), ("C", False)],
            "Mark exactly one choice as correct; 2 are marked.",
        ),
        ([("A", True)], "A booster question needs at least 2 choices; it has 1."),
        (
            [("A", True)] + [(f"W{n}", False) for n in range(6)],
            "A booster question can have at most 6 choices; it has 7.",
        ),
    ],
)
def test_editor_names_the_problem_with_the_choices(editor, topic, choices, message):
    response = add_booster(editor, topic, choices)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BoosterQuestionPage.objects.filter(slug="interrupting").exists()


def test_the_editor_says_choices_are_shuffled_and_how_to_keep_the_order(editor, topic):
    url = reverse(
        "wagtailadmin_pages:add", args=("boosters", "boosterquestionpage", topic.pk)
    )

    html = editor.get(url).content.decode()

    assert "shows them in its own shuffled order" in html
    assert "Tick this to keep them in the order above" in html


def test_keep_choice_order_is_saved_from_the_editor(editor, topic):
    page = BoosterQuestionPageFactory.build(title="Interrupting", slug="interrupting")
    data = booster_page_data(page, choices=[("All of the above", True), ("B", False)])
    url = reverse(
        "wagtailadmin_pages:add", args=("boosters", "boosterquestionpage", topic.pk)
    )

    editor.post(url, {**data, "keep_choice_order": "on"})

    assert BoosterQuestionPage.objects.get(slug="interrupting").keep_choice_order


def test_choice_rules_as_a_pure_function():
    assert choice_set_problems([True, False]) == []
    assert choice_set_problems([]) == [
        "A booster question needs at least 2 choices; it has 0."
    ]
