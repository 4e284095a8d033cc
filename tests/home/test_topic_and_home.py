"""Topic listings (filters, pagination) and the home page."""

import pytest

from boosters.factories import booster_with_choices
from home.factories import ArticlePageFactory, ScreencastPageFactory, TopicPageFactory
from home.models.topics import TOPIC_PAGE_SIZE
from tests.media import video_media

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_topic(topic):
    article = ArticlePageFactory(parent=topic, title="SBI in practice")
    article.tags.add("SBI")
    article.save()
    ScreencastPageFactory(parent=topic, title="Logging a note", video=video_media())
    booster = booster_with_choices(parent=topic, title="Interrupting colleague")
    booster.tags.add("SBI")
    booster.save()
    return topic


def titles(response):
    return [item.title for item in response.context["items"]]


def test_topic_lists_its_content_with_type_labels(client, mixed_topic):
    response = client.get(mixed_topic.url)
    html = response.content.decode()
    assert set(titles(response)) == {
        "SBI in practice",
        "Logging a note",
        "Interrupting colleague",
    }
    for label in ("Article", "Screencast", "Booster question"):
        assert label in html


def test_topic_filters_by_type(client, mixed_topic):
    response = client.get(mixed_topic.url, {"type": "screencast"})
    assert titles(response) == ["Logging a note"]


def test_topic_filters_by_tag_across_types(client, mixed_topic):
    response = client.get(mixed_topic.url, {"tag": "sbi"})
    assert set(titles(response)) == {"SBI in practice", "Interrupting colleague"}
    assert "SBI" in response.content.decode()  # the tag is offered as a filter


def test_unknown_type_filter_is_ignored(client, mixed_topic):
    response = client.get(mixed_topic.url, {"type": "<script>"})
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_topic_paginates_and_survives_bad_page_numbers(client, topic):
    for n in range(TOPIC_PAGE_SIZE + 2):
        ArticlePageFactory(parent=topic, title=f"Note {n}")
    first = client.get(topic.url)
    assert len(titles(first)) == TOPIC_PAGE_SIZE
    assert "Page 1 of 2" in first.content.decode()
    assert len(titles(client.get(topic.url, {"page": 2}))) == 2
    assert client.get(topic.url, {"page": "x"}).status_code == 200
    assert len(titles(client.get(topic.url, {"page": 99}))) == 2


def test_drafts_are_not_listed(client, topic):
    draft = ArticlePageFactory(parent=topic, title="Draft idea")
    draft.unpublish()
    assert "Draft idea" not in titles(client.get(topic.url))


def test_home_shows_topics_featured_and_latest_of_each_type(
    client, home_page, mixed_topic
):
    TopicPageFactory(parent=home_page, title="Receiving feedback")
    featured = ArticlePageFactory(parent=mixed_topic, title="Feed-forward")
    home_page.featured = [("page", featured)]
    home_page.save_revision().publish()

    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Receiving feedback" in html
    assert [p.title for p in response.context["featured_pages"]] == ["Feed-forward"]
    latest = {
        model.content_type_slug: items
        for model, items in response.context["latest_by_type"]
    }
    assert [p.title for p in latest["screencast"]] == ["Logging a note"]
    assert [p.title for p in latest["booster"]] == ["Interrupting colleague"]
    assert "Latest articles" in html


def test_home_shows_each_item_once_the_latest_lists_leave_out_featured_ones(
    client, home_page, topic
):
    articles = [
        ArticlePageFactory(parent=topic, title=f"Article {n}") for n in range(5)
    ]
    newest, second = articles[4], articles[3]
    # The editor features the two newest articles (one of them twice).
    home_page.featured = [("page", newest), ("page", second), ("page", newest)]
    home_page.save_revision().publish()

    response = client.get("/")

    html = response.content.decode()
    assert [p.title for p in response.context["featured_pages"]] == [
        "Article 4",
        "Article 3",
    ]
    latest = {
        model.content_type_slug: items
        for model, items in response.context["latest_by_type"]
    }
    # "Latest articles" fills up with the next newest instead.
    assert [p.title for p in latest["article"]] == [
        "Article 2",
        "Article 1",
        "Article 0",
    ]
    for article in articles:
        assert html.count(f">{article.title}<") == 1, article.title


def test_home_page_query_count_does_not_grow_with_content(
    client, mixed_topic, django_assert_max_num_queries
):
    for n in range(6):
        ArticlePageFactory(parent=mixed_topic, title=f"More {n}")
    with django_assert_max_num_queries(30):
        client.get("/")


def test_missing_page_returns_the_hubs_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_signed_in_learners_home_takes_few_queries_on_a_full_render(
    client, mixed_topic, home_page, sign_in, django_assert_max_num_queries
):
    """Featured items, the latest of each type and their card images, for a
    signed-in learner: one query per content type, two for every card image."""
    from boosters.factories import LearnerFactory
    from tests.media import sample_image

    image = sample_image()
    featured = ArticlePageFactory(
        parent=mixed_topic,
        title="Featured note",
        hero_image=image,
        hero_alt_text="Two colleagues",
    )
    for n in range(4):
        ArticlePageFactory(
            parent=mixed_topic, title=f"More {n}", hero_image=image, hero_alt_text="."
        )
    home_page.featured = [("page", featured)]
    home_page.save_revision().publish()
    sign_in(client, LearnerFactory(first_name="Ana"))
    client.get("/?warm=1")  # renditions made once, as on any first showing

    with django_assert_max_num_queries(14):
        html = client.get("/?after=change").content.decode()

    assert "My learning" in html
    assert html.index("Featured note") < html.index("More 3")
    assert html.count("Featured note") == 1
    for title in ("Logging a note", "Interrupting colleague"):
        assert title in html
