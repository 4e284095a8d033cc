"""Screencast pages: a short captioned video with chapters and takeaways."""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail_localize.fields import SynchronizedField

from content_blocks.blocks import HubStreamBlock
from home.captions import (
    CaptionsError,
    format_timestamp,
    parse_timestamp,
    parse_webvtt,
    transcript_paragraphs,
)
from hub.page_cache import ReaderCacheMixin

from .mixins import DrippablePageMixin, HubContentMixin

logger = logging.getLogger(__name__)


def validate_timestamp(value: str) -> None:
    try:
        parse_timestamp(value)
    except ValueError as exc:
        raise ValidationError("Use minutes and seconds, like 1:05.") from exc


class ScreencastPageTag(TaggedItemBase):
    """Topic tags on screencasts."""

    content_object = ParentalKey(
        "home.ScreencastPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ScreencastChapter(TranslatableMixin, Orderable):
    """A chapter mark: clicking it moves the player to ``timestamp``.

    Translatable with its screencast (P12): a translator words the title; the
    timestamp stays the source's.
    """

    page = ParentalKey(
        "home.ScreencastPage", on_delete=models.CASCADE, related_name="chapters"
    )
    timestamp = models.CharField(
        max_length=12, validators=[validate_timestamp], help_text="For example 1:05"
    )
    title = models.CharField(max_length=120)

    panels = [FieldPanel("timestamp"), FieldPanel("title")]
    override_translatable_fields = [SynchronizedField("timestamp")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass

    @property
    def start_seconds(self) -> int:
        return int(parse_timestamp(self.timestamp))

    @property
    def start_label(self) -> str:
        return format_timestamp(self.start_seconds)


class ScreencastPage(ReaderCacheMixin, DrippablePageMixin, HubContentMixin, Page):
    """A short screencast, such as a 3-minute tour of a new system.

    The video plays with captions from a WebVTT file, which also becomes a
    readable transcript. Chapters jump the player; takeaways sum it up.
    """

    content_type_label = _("Screencast")
    content_type_label_plural = _("Screencasts")
    content_type_slug = "screencast"
    card_image_field = "poster_image"

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for cards, search results and emails.",
    )
    video = models.ForeignKey(
        "wagtailmedia.Media",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="An MP4 (H.264) or WebM video. Set its duration in the media library.",
    )
    poster_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown before the video plays, on cards and in emails.",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A WebVTT (.vtt) captions file. It also becomes the transcript.",
    )
    captions_language = models.CharField(
        max_length=16, default="en", help_text="Language code, such as en or pt-BR."
    )
    takeaways = StreamField(
        [("takeaway", blocks.CharBlock(max_length=200, icon="tick"))],
        blank=True,
        help_text="What viewers should remember, one point each.",
    )
    body = StreamField(HubStreamBlock(), blank=True)
    tags = ClusterTaggableManager(through=ScreencastPageTag, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("poster_image"),
                FieldPanel("captions"),
                FieldPanel("captions_language"),
            ],
            heading="Video",
        ),
        InlinePanel("chapters", heading="Chapters", label="Chapter"),
        FieldPanel("takeaways"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    # Captions per language (P12): a translation keeps the source's captions
    # file until its translator overrides it (and its language) with their own.
    override_translatable_fields = [
        SynchronizedField("captions", overridable=True),
        SynchronizedField("captions_language", overridable=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("takeaways"),
        index.SearchField("body"),
        index.SearchField("transcript_text"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "screencast"

    def clean(self):
        super().clean()
        if self.captions_id:
            if self.captions.file_extension.lower() != "vtt":
                raise ValidationError({"captions": "Captions must be a .vtt file."})
            try:
                parse_webvtt(self._captions_text())
            except (CaptionsError, UnicodeDecodeError) as exc:
                raise ValidationError({"captions": f"Captions file: {exc}"}) from exc

    def _captions_text(self) -> str:
        with self.captions.open_file() as handle:
            return handle.read().decode("utf-8-sig")

    @property
    def duration_seconds(self) -> int:
        return int(self.video.duration) if self.video_id and self.video else 0

    @property
    def duration_label(self) -> str:
        """The video's length as ``m:ss``, or "" when unknown."""
        seconds = self.duration_seconds
        return format_timestamp(seconds) if seconds else ""

    def transcript_text(self) -> str:
        """The narration as plain text, so search finds what the video says."""
        return " ".join(text for _, text, _ in self.transcript)

    @cached_property
    def transcript(self) -> list[tuple[str, str, int]]:
        """The captions as paragraphs: ``(start label, text, start seconds)``.

        Parsed once per captions file (keyed by its hash) and cached, so a page
        view does not re-read the file. A file that can no longer be read gives
        an empty transcript and a log line, never a broken page.
        """
        if not self.captions_id or self.captions is None:
            return []
        key = f"screencast-transcript:{self.captions_id}:{self.captions.file_hash}"
        paragraphs = cache.get(key)
        if paragraphs is None:
            try:
                cues = parse_webvtt(self._captions_text())
            except (OSError, CaptionsError, UnicodeDecodeError):
                logger.exception("Captions of %s could not be read", self)
                return []
            paragraphs = [
                (format_timestamp(start), text, int(start))
                for start, text in transcript_paragraphs(cues)
            ]
            cache.set(key, paragraphs, 60 * 60 * 24)
        return paragraphs
