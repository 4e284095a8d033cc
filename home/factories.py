"""factory_boy factories for hub pages, used by the tests."""

from wagtail.rich_text import RichText

import factory
import wagtail_factories

from home.models import (
    ArticlePage,
    HomePage,
    ScreencastChapter,
    ScreencastPage,
    TopicPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Feedback Conversations Hub"
    slug = "hub"

    class Meta:
        model = HomePage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Topic {n}")
    show_in_menus = True

    class Meta:
        model = TopicPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "How to open a feedback conversation so it lands well."
    body = factory.LazyFunction(
        lambda: [
            ("heading_block", {"text": "Start with the situation", "level": "h2"}),
            (
                "paragraph_block",
                RichText(
                    "<p>Describe the situation, the behaviour and its impact.</p>"
                ),
            ),
        ]
    )

    class Meta:
        model = ArticlePage


class ScreencastPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Screencast {n}")
    summary = "A short tour of logging a feedback note."

    class Meta:
        model = ScreencastPage


class ScreencastChapterFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ScreencastPageFactory)
    timestamp = "0:00"
    title = "Introduction"

    class Meta:
        model = ScreencastChapter
