"""Where each page type may live, so the tree stays sensible for editors."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from boosters.questions.pages import BoosterQuestionPage
from community.pages import DiscussionPage
from home.models import ArticlePage, HomePage, ScreencastPage, TopicPage
from live_sessions.pages import LiveSessionPage

CONTENT_TYPES = {
    ArticlePage,
    ScreencastPage,
    BoosterQuestionPage,
    DiscussionPage,
    LiveSessionPage,
}


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_and_holds_only_topics(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {TopicPage})

    def test_topics_nest_and_hold_every_content_type(self):
        self.assertAllowedParentPageTypes(TopicPage, {HomePage, TopicPage})
        self.assertAllowedSubpageTypes(TopicPage, {TopicPage} | CONTENT_TYPES)

    def test_content_lives_only_in_topics_and_has_no_children(self):
        for model in CONTENT_TYPES:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {TopicPage})
                self.assertAllowedSubpageTypes(model, set())

    def test_content_cannot_be_created_on_the_home_page(self):
        for model in CONTENT_TYPES:
            with self.subTest(model=model.__name__):
                self.assertCanNotCreateAt(HomePage, model)
                self.assertCanCreateAt(TopicPage, model)
