"""Topic pages: the hub's sections, each listing the microlearning inside it."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.selectors import content_listing, content_tags_in, content_type_choices
from hub.page_cache import ReaderCacheMixin
from hub.page_forms import HubPageForm

from .mixins import MetaDescriptionMixin

TOPIC_PAGE_SIZE = 12


class TopicPage(ReaderCacheMixin, MetaDescriptionMixin, Page):
    """A section of the hub, such as "Giving feedback".

    Lists the articles, screencasts and booster questions filed under it, newest
    first, with filters by content type and tag. Topics can hold sub-topics.
    """

    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="One or two sentences shown at the top of the topic.",
    )

    meta_description_source = "introduction"

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    base_form_class = HubPageForm
    parent_page_types = ["home.HomePage", "home.TopicPage"]
    subpage_types = [
        "home.TopicPage",
        "home.ArticlePage",
        "home.ScreencastPage",
        "boosters.BoosterQuestionPage",
        "community.DiscussionPage",
        "live_sessions.LiveSessionPage",
    ]

    class Meta:
        verbose_name = "topic"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        type_choices = content_type_choices()
        selected_type = request.GET.get("type", "")
        if selected_type not in dict(type_choices):
            selected_type = ""
        selected_tag = request.GET.get("tag", "")[:100]

        listing = content_listing(
            parent=self, content_type=selected_type or None, tag=selected_tag or None
        )
        paginator = Paginator(listing, TOPIC_PAGE_SIZE)
        try:
            items = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)

        context.update(
            items=items,
            subtopics=self.get_children().live().type(TopicPage),
            type_choices=type_choices,
            selected_type=selected_type,
            tags=content_tags_in(parent=self),
            selected_tag=selected_tag,
        )
        return context
