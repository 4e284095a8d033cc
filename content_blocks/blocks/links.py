"""Blocks that point readers elsewhere: resource links and cards for hub pages."""

from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.models import Page
from wagtail.rich_text import RichText

from content_blocks.reading import html_to_text

from .base import PREVIEW_TEMPLATE

LINK_TEMPLATE = "blocks/resource_link.html"
FEEDBACK_FALLACY_LINK = {
    "link_url": "https://hbr.org/2019/03/the-feedback-fallacy",
    "link_text": "The Feedback Fallacy (Harvard Business Review)",
}
GREAT_FEEDBACK_TALK_LINK = {
    "link_url": "https://www.ted.com/talks/"
    "leeann_renninger_the_secret_to_giving_great_feedback",
    "link_text": "The secret to giving great feedback (TED talk)",
}
RESOURCE_LINKS_PREVIEW = [
    ("external_link", FEEDBACK_FALLACY_LINK),
    ("external_link", GREAT_FEEDBACK_TALK_LINK),
]


class ResourceLinkValue(blocks.StructValue):
    """What every resource link offers its template: url, label and kind.

    A link whose target has gone (a deleted document, an unpublished page) has
    an empty ``url`` and is left out of lists.
    """

    kind = ""

    @property
    def url(self) -> str:
        return ""

    @property
    def label(self) -> str:
        return self.get("link_text") or ""

    @property
    def is_external(self) -> bool:
        return self.kind == "external"

    @property
    def file_info(self) -> str:
        return ""


class PageLinkValue(ResourceLinkValue):
    """Links to a hub page, labelled with its title unless the editor says otherwise."""

    kind = "page"

    @property
    def url(self) -> str:
        page = self.get("page")
        return (page.url or "") if page and page.live else ""

    @property
    def label(self) -> str:
        page = self.get("page")
        return self.get("link_text") or (page.title if page else "")


class DocumentLinkValue(ResourceLinkValue):
    """Links to a document, labelled with its title and described by type and size."""

    kind = "document"

    @property
    def url(self) -> str:
        document = self.get("document")
        return document.url if document else ""

    @property
    def label(self) -> str:
        document = self.get("document")
        return self.get("link_text") or (document.title if document else "")

    @property
    def file_info(self) -> str:
        document = self.get("document")
        if not document:
            return ""
        # file_size is stored on the document, so this needs no storage access.
        parts = [document.file_extension.upper()]
        if document.file_size:
            parts.append(filesizeformat(document.file_size))
        return ", ".join(part for part in parts if part)


class ExternalLinkValue(ResourceLinkValue):
    """Links to another website with the label the editor wrote."""

    kind = "external"

    @property
    def url(self) -> str:
        return self.get("link_url") or ""


class PageLinkBlock(blocks.StructBlock):
    """A link to a page on the hub."""

    page = blocks.PageChooserBlock()
    link_text = blocks.CharBlock(
        required=False, max_length=120, label="Label", help_text="Defaults to title."
    )

    class Meta:
        icon = "doc-empty-inverse"
        template = LINK_TEMPLATE
        preview_template = PREVIEW_TEMPLATE
        value_class = PageLinkValue
        preview_value = {"page": None, "link_text": "Planning a feedback conversation"}
        description = "A link to another page on the hub."


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a downloadable document, such as a worksheet."""

    document = DocumentChooserBlock()
    link_text = blocks.CharBlock(
        required=False, max_length=120, label="Label", help_text="Defaults to title."
    )

    class Meta:
        icon = "doc-full"
        template = LINK_TEMPLATE
        preview_template = PREVIEW_TEMPLATE
        value_class = DocumentLinkValue
        preview_value = {"document": None, "link_text": "Feedback planning worksheet"}
        description = "A link to a document from the documents library."


class ExternalLinkBlock(blocks.StructBlock):
    """A link to another website."""

    link_url = blocks.URLBlock(label="URL")
    link_text = blocks.CharBlock(max_length=120, label="Label")

    class Meta:
        icon = "link-external"
        template = LINK_TEMPLATE
        preview_template = PREVIEW_TEMPLATE
        value_class = ExternalLinkValue
        preview_value = FEEDBACK_FALLACY_LINK
        description = "A link to a page on another website."


class ResourceLinkStreamBlock(blocks.StreamBlock):
    """A list of links to hub pages, documents and other websites."""

    page_link = PageLinkBlock()
    document_link = DocumentLinkBlock()
    external_link = ExternalLinkBlock()

    class Meta:
        icon = "link"
        template = "blocks/resource_link_stream_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = RESOURCE_LINKS_PREVIEW
        description = "Links to pages, documents and other websites."


class ResourceLinksBlock(blocks.StructBlock):
    """A headed list of further resources."""

    heading = blocks.CharBlock(required=False, max_length=120, default="Resources")
    links = ResourceLinkStreamBlock()

    class Meta:
        icon = "link"
        template = "blocks/resource_links_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "heading": "Go further",
            "links": RESOURCE_LINKS_PREVIEW,
        }
        description = "A list of links to further reading and downloads."


@dataclass(frozen=True)
class PageCard:
    """What a card shows about a page."""

    title: str
    summary: str
    url: str


class PageCardsValue(blocks.StructValue):
    """Cards for the chosen pages that are live, in the order the editor chose."""

    @cached_property
    def cards(self) -> list[PageCard]:
        chosen = [page for page in self.get("pages") or [] if page]
        # One query per page type, instead of one .specific lookup per card.
        specific = {
            page.pk: page
            for page in Page.objects.live()
            .filter(pk__in=[page.pk for page in chosen])
            .specific()
        }
        return [_page_card(specific[page.pk]) for page in chosen if page.pk in specific]


def _page_card(page) -> PageCard:
    summary = getattr(page, "summary", None) or page.search_description or ""
    source = summary.source if isinstance(summary, RichText) else str(summary)
    return PageCard(title=page.title, summary=html_to_text(source), url=page.url)


class PageCardsBlock(blocks.StructBlock):
    """Cards linking to other hub pages, each with its title and summary."""

    heading = blocks.CharBlock(required=False, max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), min_num=1)

    class Meta:
        icon = "grid"
        template = "blocks/page_cards_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = PageCardsValue
        # Previews cannot point at stored pages, so only the heading shows.
        preview_value = {"heading": "Keep practising", "pages": []}
        description = "Cards that link to other pages on the hub."
