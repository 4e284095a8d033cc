"""Blocks that show something to look at: images, video clips and embeds."""

from urllib.parse import urlsplit

from django.core.cache import cache

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import VideoChooserBlock

from .base import PREVIEW_TEMPLATE


class CaptionedImageValue(blocks.StructValue):
    """Says whether there is anything to put in the figure caption."""

    @property
    def has_caption(self) -> bool:
        return bool(self.get("caption") or self.get("attribution"))


class CaptionedImageBlock(blocks.StructBlock):
    """An image with required alt text, an optional caption and a credit."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe the image for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Who took or owns the image."
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = CaptionedImageValue
        # Previews cannot point at a stored image, so the caption stands alone.
        preview_value = {
            "image": None,
            "alt_text": "Two colleagues talking across a small meeting table.",
            "caption": "A quick check-in after a client call is a natural moment "
            "for feedback.",
            "attribution": "Photo: Learning Hub",
        }
        description = "An image with alt text, a caption and a credit."


class VideoClipValue(blocks.StructValue):
    """The `<source>` list, poster and running time of the chosen video."""

    @property
    def sources(self) -> list[dict]:
        video = self.get("video")
        return video.sources if video else []

    @property
    def poster_url(self) -> str:
        video = self.get("video")
        return video.thumbnail.url if video and video.thumbnail else ""

    @property
    def duration_display(self) -> str:
        video = self.get("video")
        seconds = round(video.duration) if video and video.duration else 0
        if not seconds:
            return ""
        return f"{seconds // 60}:{seconds % 60:02d}"


class VideoClipBlock(blocks.StructBlock):
    """A short uploaded video from the media library, with a title and caption."""

    video = VideoChooserBlock()
    title = blocks.CharBlock(max_length=120)
    caption = blocks.TextBlock(required=False)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = VideoClipValue
        # Previews cannot point at a stored video, so the title and caption stand
        # alone.
        preview_value = {
            "video": None,
            "title": "Giving feedback in under two minutes",
            "caption": "A team lead gives feedback to a new starter after their "
            "first client presentation.",
        }
        description = "A video clip from the media library, with a caption."


# How long a provider that could not be reached is left alone before it is
# asked again: as long as a page may be served from the page cache anyway.
EMBED_RETRY_SECONDS = 300


def embed_html_unless_unreachable(embed: EmbedValue) -> str:
    """The embed's HTML, or "" when its provider could not be reached.

    Wagtail stores an embed it fetched, but not a failure: without this every
    render of a page whose provider is down (or of every page, offline) would
    ask the provider again and wait for its answer.
    """
    key = "embed-unreachable:" + get_embed_hash(
        embed.url, embed.max_width, embed.max_height
    )
    if cache.get(key):
        return ""
    html = embed.html  # "" when the fetch failed
    if not html:
        cache.set(key, True, EMBED_RETRY_SECONDS)
    return html


class CaptionedEmbedValue(blocks.StructValue):
    """The embed's HTML, or what to link to when the provider cannot be reached."""

    @property
    def url(self) -> str:
        embed = self.get("embed")
        return embed.url if embed else ""

    @property
    def embed_html(self) -> str:
        embed = self.get("embed")
        return embed_html_unless_unreachable(embed) if embed else ""

    @property
    def host(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


class CaptionedEmbedBlock(blocks.StructBlock):
    """Content embedded from another site, such as a talk or a slide deck."""

    embed = EmbedBlock(help_text="A link to a video or slides, e.g. on YouTube.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "globe"
        template = "blocks/embed_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = CaptionedEmbedValue
        preview_value = {
            "embed": "https://www.ted.com/talks/"
            "leeann_renninger_the_secret_to_giving_great_feedback",
            "caption": "LeeAnn Renninger on the four parts of useful feedback.",
        }
        description = "A video or other content embedded from another website."
