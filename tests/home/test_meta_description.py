"""Every hub page tells search engines and link previews what it is about:
the editor's search description, else the page's own summary."""

import re
from html import unescape

import pytest

from boosters.factories import booster_with_choices
from home.factories import ArticlePageFactory, ScreencastPageFactory
from home.models.mixins import META_DESCRIPTION_CHARS
from tests.media import video_media

pytestmark = pytest.mark.django_db

META = re.compile(r'<meta name="description" content="([^"]*)">')


def meta_description(client, page) -> str | None:
    match = META.search(client.get(page.url).content.decode())
    return unescape(match.group(1)) if match else None


def test_an_article_without_a_search_description_is_described_by_its_summary(
    client, topic
):
    article = ArticlePageFactory(
        parent=topic, summary="Open with the situation & keep it short."
    )

    assert meta_description(client, article) == (
        "Open with the situation & keep it short."
    )


def test_the_editors_search_description_comes_first(client, topic):
    screencast = ScreencastPageFactory(
        parent=topic,
        video=video_media(),
        search_description="Logging a note in two minutes.",
    )

    assert meta_description(client, screencast) == "Logging a note in two minutes."


def test_topics_and_home_are_described_by_their_introduction_as_plain_text(
    client, home_page, topic
):
    home_page.introduction = "<p>Keep your <b>feedback</b> skills sharp.</p>"
    home_page.save()
    topic.introduction = (
        '<p>Say <a href="/x/">what you saw</a>, not what you think.</p>'
    )
    topic.save()

    assert meta_description(client, home_page) == "Keep your feedback skills sharp."
    assert meta_description(client, topic) == "Say what you saw, not what you think."


def test_a_booster_question_is_described_by_its_scenario_within_160_characters(
    client, topic
):
    question = booster_with_choices(parent=topic)
    question.question = "<p>" + "Your colleague interrupts you again. " * 10 + "</p>"
    question.save_revision().publish()

    described = meta_description(client, question)

    assert described.startswith("Your colleague interrupts you again.")
    assert len(described) <= META_DESCRIPTION_CHARS


def test_a_page_with_nothing_to_say_has_no_empty_description(client, topic):
    topic.introduction = ""
    topic.save()

    assert meta_description(client, topic) is None
