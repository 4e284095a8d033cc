"""The hub's home page."""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from home.selectors import home_sections
from hub.page_cache import ReaderCacheMixin
from hub.page_forms import HubPageForm
from hub.page_routing import page_route_by_url_path

from .mixins import MetaDescriptionMixin
from .topics import TopicPage

FEATURABLE_PAGE_TYPES = [
    "home.ArticlePage",
    "home.ScreencastPage",
    "boosters.BoosterQuestionPage",
]


class HomePage(ReaderCacheMixin, MetaDescriptionMixin, Page):
    """The front door: featured items, the latest of each type, and the topics."""

    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A welcome line for alumni, under the site title.",
    )
    featured = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(
                    page_type=FEATURABLE_PAGE_TYPES, label="Featured item"
                ),
            )
        ],
        blank=True,
        max_num=6,
        help_text="Up to six articles, screencasts or questions to put first.",
    )

    meta_description_source = "introduction"

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("featured"),
    ]

    base_form_class = HubPageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def featured_ids(self) -> list[int]:
        """The featured pages' ids, in the editor's order (from the stored ids:
        loading the chosen pages here would cost a query the sections repeat)."""
        return [item["value"] for item in self.featured.raw_data if item["value"]]

    def route(self, request, path_components):
        # Every page below the site root is found from its full path in two
        # queries rather than two per level (hub.page_routing).
        found = page_route_by_url_path(root=self, path_components=path_components)
        return found or super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each item once: the latest lists leave out what is featured.
        sections = home_sections(home=self, featured_ids=self.featured_ids())
        context["featured_pages"] = sections.featured
        context["latest_by_type"] = sections.latest_by_type
        children = list(self.get_children().live())
        context["topics"] = [
            page
            for page in children
            if page.specific_class and issubclass(page.specific_class, TopicPage)
        ]
        site = Site.find_for_request(request)
        if site is not None and site.root_page_id == self.pk:
            # The menu's topics (hub.context_processors) are this page's
            # children too: one query for both.
            context["hub_topics"] = [page for page in children if page.show_in_menus]
        return context
