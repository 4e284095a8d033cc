"""Every page type renders for readers and previews for editors."""

from django.contrib.auth import get_user_model

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from boosters.factories import booster_with_choices
from home.factories import (
    ArticlePageFactory,
    HomePageFactory,
    ScreencastPageFactory,
    TopicPageFactory,
)
from tests.media import captions_document, video_media
from tests.page_forms import (
    article_page_data,
    booster_page_data,
    home_page_data,
    screencast_page_data,
    topic_page_data,
)


class PagesRenderTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root)
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)
        cls.topic = TopicPageFactory(parent=cls.home, title="Giving feedback")
        cls.article = ArticlePageFactory(parent=cls.topic)
        cls.screencast = ScreencastPageFactory(
            parent=cls.topic, video=video_media(), captions=captions_document()
        )
        cls.booster = booster_with_choices(parent=cls.topic)
        cls.pages = [cls.home, cls.topic, cls.article, cls.screencast, cls.booster]

    def setUp(self):
        self.user = get_user_model().objects.create_superuser(
            "editor", "editor@example.com", "pw"
        )
        self.client.force_login(self.user)

    def test_each_page_type_renders(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def editor_data(self):
        return [
            (self.home, home_page_data(self.home)),
            (self.topic, topic_page_data(self.topic)),
            (self.article, article_page_data(self.article)),
            (self.screencast, screencast_page_data(self.screencast)),
            (self.booster, booster_page_data(self.booster)),
        ]

    def test_each_page_type_is_previewable_by_editors(self):
        for page, data in self.editor_data():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=data)

    def test_each_page_type_opens_and_saves_in_the_editor(self):
        for page, data in self.editor_data():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsEditable(page, post_data=data)

    def test_each_page_type_keeps_its_title_to_one_clean_line(self):
        for page, data in self.editor_data():
            with self.subTest(page=type(page).__name__):
                url = f"/admin/pages/{page.pk}/edit/"
                broken = self.client.post(url, data | {"title": "Giving\nfeedback"})
                self.assertEqual(broken.status_code, 200)
                self.assertContains(broken, "This contains a line break")

                pasted = self.client.post(
                    url, data | {"title": "\u202eGiving\u200b  feedback\ufeff"}
                )
                self.assertEqual(pasted.status_code, 302)
                page.refresh_from_db()
                self.assertEqual(page.draft_title, "Giving feedback")
