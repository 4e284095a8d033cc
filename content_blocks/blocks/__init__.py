"""The hub's StreamField blocks, split by kind and re-exported here.

Pages import from ``content_blocks.blocks``; the modules behind it may move.
"""

from .links import (
    DocumentLinkBlock,
    ExternalLinkBlock,
    PageCardsBlock,
    PageLinkBlock,
    ResourceLinksBlock,
    ResourceLinkStreamBlock,
)
from .media import CaptionedEmbedBlock, CaptionedImageBlock, VideoClipBlock
from .stream import HubStreamBlock
from .text import (
    AccordionBlock,
    AccordionItemBlock,
    CalloutBlock,
    HeadingBlock,
    KeyTakeawaysBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
    TryThisBlock,
)

__all__ = [
    "AccordionBlock",
    "AccordionItemBlock",
    "CalloutBlock",
    "CaptionedEmbedBlock",
    "CaptionedImageBlock",
    "DocumentLinkBlock",
    "ExternalLinkBlock",
    "HeadingBlock",
    "HubStreamBlock",
    "KeyTakeawaysBlock",
    "PageCardsBlock",
    "PageLinkBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "ResourceLinkStreamBlock",
    "ResourceLinksBlock",
    "TableBlock",
    "TryThisBlock",
    "VideoClipBlock",
]
