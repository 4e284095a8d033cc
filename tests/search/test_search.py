"""One search across articles, screencasts and booster questions."""

from wagtail.rich_text import RichText

import pytest

from boosters.factories import booster_with_choices
from home.factories import ArticlePageFactory, ScreencastPageFactory
from search.views import RESULTS_PER_PAGE
from tests.media import video_media

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(topic):
    ArticlePageFactory(
        parent=topic,
        title="Open with the situation",
        body=[
            ("paragraph_block", RichText("<p>Mention the quarterly retrospective.</p>"))
        ],
    )
    ScreencastPageFactory(
        parent=topic,
        title="Logging a note",
        video=video_media(),
        takeaways=[("takeaway", "Tag the note with a competency")],
    )
    booster_with_choices(
        parent=topic,
        title="Interrupting colleague",
        question="<p>During the standup, Priya talks over a new hire.</p>",
    )


@pytest.mark.parametrize(
    ("word", "title", "label"),
    [
        ("retrospective", "Open with the situation", "Article"),
        ("competency", "Logging a note", "Screencast"),
        ("standup", "Interrupting colleague", "Booster question"),
    ],
)
def test_search_finds_each_type_by_a_word_from_its_body(
    client, content, word, title, label
):
    response = client.get("/search/", {"query": word})
    html = response.content.decode()
    assert response.status_code == 200
    assert [r.title for r in response.context["search_results"]] == [title]
    assert label in html


def test_results_show_a_summary(client, content):
    html = client.get("/search/", {"query": "standup"}).content.decode()
    assert "Priya talks over a new hire" in html


def test_drafts_are_not_found(client, topic):
    draft = ArticlePageFactory(parent=topic, title="Secret plan")
    draft.unpublish()
    response = client.get("/search/", {"query": "secret"})
    assert list(response.context["search_results"]) == []
    assert "Nothing matches" in response.content.decode()


def test_results_are_paginated(client, topic):
    for n in range(RESULTS_PER_PAGE + 3):
        ArticlePageFactory(parent=topic, title=f"Feedforward tip {n}")
    first = client.get("/search/", {"query": "feedforward"})
    second = client.get("/search/", {"query": "feedforward", "page": 2})
    assert len(first.context["search_results"]) == RESULTS_PER_PAGE
    assert len(second.context["search_results"]) == 3


@pytest.mark.parametrize("query", ["", "   ", '"unbalanced', "x" * 5000, "AND OR NOT"])
def test_odd_queries_never_fail(client, content, query):
    assert client.get("/search/", {"query": query}).status_code == 200


def test_a_page_of_mixed_results_costs_a_query_per_type_not_per_result(
    client, topic, django_assert_num_queries
):
    """The count, the search, the menu, the site, then each type's results
    (without their bodies): the same for 3 results as for a full page."""
    for n in range(4):
        ArticlePageFactory(parent=topic, title=f"Feedforward article {n}")
        booster_with_choices(parent=topic, title=f"Feedforward question {n}")
    client.get("/search/", {"query": "feedforward", "warm": 1})

    with django_assert_num_queries(6):
        response = client.get("/search/", {"query": "feedforward"})

    html = response.content.decode()
    assert html.count("Booster question") == 4
    assert html.count(">Article<") == 4
    assert "Feedforward question 3" in html
