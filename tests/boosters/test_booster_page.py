"""Trying a booster question on the web: immediate feedback, nothing stored."""

import pytest

from boosters.factories import booster_with_choices

pytestmark = pytest.mark.django_db


@pytest.fixture
def booster(topic):
    page = booster_with_choices(parent=topic)
    page.resource_links = [
        (
            "external_link",
            {"link_url": "https://example.com/sbi", "link_text": "The SBI model"},
        )
    ]
    page.save_revision().publish()
    return page


def choice(page, text):
    return page.choices.get(text=text)


def test_question_shows_choices_and_no_feedback_yet(client, booster):
    html = client.get(booster.url).content.decode()
    assert "Describe the meeting" in html
    assert "Say nothing" in html
    assert "What successful application looks like" not in html


def test_picking_the_right_choice_shows_why_and_what_good_looks_like(client, booster):
    picked = choice(booster, "Describe the meeting")
    response = client.post(booster.url, {"choice": picked.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Right!" in html
    assert "Feedback for Describe the meeting." in html
    assert "Naming a specific situation" in html  # explanation
    assert "What successful application looks like" in html
    assert "You describe one meeting and one behaviour." in html
    assert "Fewer defensive replies" in html  # results you can expect
    assert "The SBI model" in html  # resource link
    assert "When did specific feedback change how you work?" in html


def test_picking_a_wrong_choice_says_so_and_names_the_best_one(client, booster):
    picked = choice(booster, "Say nothing")
    html = client.post(booster.url, {"choice": picked.pk}).content.decode()
    assert "Not quite." in html
    assert "Feedback for Say nothing." in html
    assert "The best choice: <strong>Describe the meeting</strong>" in html


@pytest.mark.parametrize("value", ["", "999999", "abc"])
def test_a_missing_or_foreign_choice_asks_again_without_error(client, booster, value):
    response = client.post(booster.url, {"choice": value})
    assert response.status_code == 400
    assert "Pick one of the choices" in response.content.decode()


def test_a_choice_from_another_question_is_not_accepted(client, booster, topic):
    other = booster_with_choices(parent=topic, title="Another")
    response = client.post(booster.url, {"choice": other.choices.first().pk})
    assert response.status_code == 400
