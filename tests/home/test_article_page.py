"""Articles: what a reader sees."""

from django.core.exceptions import ValidationError

from wagtail.rich_text import RichText

import pytest

from home.factories import ArticlePageFactory
from tests.media import sample_image

pytestmark = pytest.mark.django_db


def test_article_shows_summary_body_and_reading_time(client, topic):
    words = " ".join(["feedback"] * 450)
    article = ArticlePageFactory(
        parent=topic,
        title="Open with the situation",
        summary="Start from what happened.",
        body=[("paragraph_block", RichText(f"<p>{words}</p>"))],
    )
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Start from what happened." in html
    assert "3 min read" in html  # 454 words at 200 a minute
    assert article.reading_time == 3


def test_hero_image_is_shown_with_its_alt_text(client, topic):
    article = ArticlePageFactory(
        parent=topic, hero_image=sample_image(), hero_alt_text="Two colleagues talking"
    )
    html = client.get(article.url).content.decode()
    assert 'alt="Two colleagues talking"' in html


def test_hero_image_without_alt_text_is_rejected(topic):
    article = ArticlePageFactory.build(
        hero_image=sample_image(), hero_alt_text="", title="No alt", slug="no-alt"
    )
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "hero_alt_text" in error.value.message_dict


def test_article_tags_link_to_the_filtered_topic(client, topic):
    article = ArticlePageFactory(parent=topic)
    article.tags.add("SBI model")
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert f'href="{topic.url}?tag=sbi-model"' in html
