"""Discussion question pages: two or three open questions, previewable and editable."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from community.pages import DiscussionPage
from home.factories import HomePageFactory, TopicPageFactory


class DiscussionPageTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from wagtail.models import Page, Site

        home = HomePageFactory(parent=Page.get_first_root_node())
        Site.objects.filter(is_default_site=True).update(root_page=home)
        cls.topic = TopicPageFactory(parent=home, title="Receiving feedback")
        cls.page = DiscussionPage(
            title="Feedback that changed how you work",
            slug="feedback-that-changed",
            intro="<p>Swap stories with your cohort.</p>",
            questions=[
                ("question", "What made feedback land for you?"),
                ("question", "Where has SBI been hard to use?"),
            ],
        )
        cls.topic.add_child(instance=cls.page)
        cls.page.save_revision().publish()

    def setUp(self):
        self.login()

    def test_renders_its_questions_and_invites_signing_in(self):
        response = self.client.get(self.page.url)
        html = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn("What made feedback land for you?", html)
        self.assertIn("Where has SBI been hard to use?", html)
        self.assertIn("7 days", html)

    def test_is_renderable_previewable_and_editable(self):
        data = nested_form_data(
            {
                "title": self.page.title,
                "slug": self.page.slug,
                "intro": rich_text("<p>Swap stories with your cohort.</p>"),
                "questions": streamfield(
                    [("question", "What made it land?"), ("question", "What was hard?")]
                ),
                "window_days": 7,
            }
        )
        self.assertPageIsRenderable(self.page)
        self.assertPageIsPreviewable(self.page, post_data=data)
        self.assertPageIsEditable(self.page, post_data=data)

    def test_editors_create_it_in_a_topic_with_two_or_three_questions(self):
        data = nested_form_data(
            {
                "title": "What got in the way?",
                "slug": "what-got-in-the-way",
                "intro": rich_text("<p>Share one obstacle.</p>"),
                "questions": streamfield(
                    [("question", "What got in the way?"), ("question", "What helped?")]
                ),
                "window_days": 5,
            }
        )
        self.assertCanCreate(self.topic, DiscussionPage, data)

    def test_one_question_is_not_enough(self):
        data = nested_form_data(
            {
                "title": "Too short",
                "slug": "too-short",
                "intro": rich_text("<p>One.</p>"),
                "questions": streamfield([("question", "Only one?")]),
                "window_days": 7,
            }
        )
        data["action-publish"] = "publish"
        response = self.client.post(
            f"/admin/pages/add/community/discussionpage/{self.topic.pk}/", data
        )
        self.assertFalse(
            DiscussionPage.objects.filter(slug="too-short", live=True).exists()
        )
        self.assertContains(response, "The minimum number of items is 2")
