"""What the hub's pages share: a meta description; and for every piece of
microlearning, a type label, a summary and a card."""

from html import unescape
from typing import ClassVar

from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator

from hub.page_forms import HubPageForm

# Search engines show about this many characters of a description.
META_DESCRIPTION_CHARS = 160


class MetaDescriptionMixin:
    """Page mixin: the ``<meta name="description">`` text (``base.html``).

    The editor's search description if given, else the page's own summary
    (``meta_description_source`` names the field or property), as plain text.
    """

    meta_description_source: ClassVar[str] = ""

    @cached_property
    def meta_description(self) -> str:
        text = self.search_description or (
            getattr(self, self.meta_description_source, "")
            if self.meta_description_source
            else ""
        )
        plain = " ".join(unescape(strip_tags(str(text or ""))).split())
        return Truncator(plain).chars(META_DESCRIPTION_CHARS)


class HubContentMixin(MetaDescriptionMixin):
    """Mixin for the pages editors publish as microlearning.

    Articles, screencasts and booster questions all appear in topic listings,
    on the home page and in search results. Each says how it is labelled there
    (``content_type_label``), how it is filtered (``content_type_slug``), and
    which text and image stand for it in a card.
    """

    content_type_label: ClassVar[str]
    content_type_slug: ClassVar[str]
    # The image field that stands for the page on a card, if any.
    card_image_field: ClassVar[str | None] = None
    # Content lives in topics, so a topic's listing and filters see all of it.
    parent_page_types: ClassVar[list[str]] = ["home.TopicPage"]
    base_form_class: ClassVar[type] = HubPageForm
    subpage_types: ClassVar[list[str]] = []
    meta_description_source: ClassVar[str] = "listing_summary"

    @cached_property
    def listing_summary(self) -> str:
        """The sentence or two that stands for this page in cards and search."""
        return getattr(self, "summary", "") or self.search_description or ""

    @property
    def listing_image(self):
        """The image shown on this page's card, or ``None``."""
        return getattr(self, self.card_image_field) if self.card_image_field else None
