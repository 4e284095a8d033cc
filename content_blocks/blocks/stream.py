"""The StreamBlock shared by article and screencast bodies."""

from wagtail import blocks

from .base import PREVIEW_TEMPLATE
from .links import PageCardsBlock, ResourceLinksBlock
from .media import CaptionedEmbedBlock, CaptionedImageBlock, VideoClipBlock
from .text import (
    AccordionBlock,
    CalloutBlock,
    HeadingBlock,
    KeyTakeawaysBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
    TryThisBlock,
)


class HubStreamBlock(blocks.StreamBlock):
    """Every block an article or screencast body can be built from."""

    heading_block = HeadingBlock()
    paragraph_block = ParagraphBlock()
    image_block = CaptionedImageBlock()
    callout_block = CalloutBlock()
    takeaways_block = KeyTakeawaysBlock()
    quote_block = QuoteBlock()
    video_block = VideoClipBlock()
    embed_block = CaptionedEmbedBlock()
    resource_links_block = ResourceLinksBlock()
    try_this_block = TryThisBlock()
    accordion_block = AccordionBlock()
    table_block = TableBlock()
    page_cards_block = PageCardsBlock()

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/hub_stream_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = [
            ("heading_block", {"text": "Open with what you observed", "level": "h2"}),
            (
                "paragraph_block",
                "<p>Start with a specific moment you both remember, then say "
                "what effect it had.</p>",
            ),
            (
                "callout_block",
                {
                    "kind": "tip",
                    "title": "Ask before you tell",
                    "body": "<p>Asking <i>How do you think it went?</i> first "
                    "often brings up the point you wanted to make.</p>",
                },
            ),
        ]
        description = "The body of an article or screencast page."
