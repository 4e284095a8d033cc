"""Article pages: short reads built from the shared content blocks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from content_blocks.blocks import HubStreamBlock
from content_blocks.reading import reading_time_minutes, stream_plain_text
from hub.page_cache import ReaderCacheMixin

from .mixins import DrippablePageMixin, HubContentMixin


class ArticlePageTag(TaggedItemBase):
    """Topic tags on articles."""

    content_object = ParentalKey(
        "home.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(ReaderCacheMixin, DrippablePageMixin, HubContentMixin, Page):
    """A short article: a summary, a hero image and a body of content blocks.

    Readers see an estimated reading time worked out from the body.
    """

    content_type_label = _("Article")
    content_type_label_plural = _("Articles")
    content_type_slug = "article"
    card_image_field = "hero_image"

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for cards, search results and emails.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt_text = models.CharField(
        "hero image alt text",
        max_length=255,
        blank=True,
        help_text="Describe the image for people who can't see it.",
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    body = StreamField(HubStreamBlock())

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt_text")], heading="Hero"
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt_text.strip():
            raise ValidationError(
                {"hero_alt_text": "Add alt text describing the hero image."}
            )

    @cached_property
    def reading_time(self) -> int:
        """Estimated minutes to read the summary and body."""
        return reading_time_minutes(f"{self.summary} {stream_plain_text(self.body)}")
