"""What the hub's pages share: a meta description; for every piece of
microlearning, a type label, a summary and a card; and being sendable by a
program (``DrippablePageMixin``)."""

from html import unescape
from typing import ClassVar

from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail import hooks
from wagtail.models import Page, get_page_models

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
    # "Articles": the filter's option and the home page's "Latest articles".
    content_type_label_plural: ClassVar[str]
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


EMAIL_PREVIEW_MODE = "email"
# The Wagtail hook through which the drip engine renders a page's email for the
# "Email" preview: ``fn(*, page) -> HttpResponse``. Content declares that a page
# can be emailed; the engine, which sits above content, knows how.
EMAIL_PREVIEW_HOOK = "render_email_preview"


class DrippablePageMixin:
    """A page a program step may send by email (articles, screencasts, booster
    and discussion questions): the one definition of "drippable".

    It adds an "Email" preview mode showing the email exactly as a learner gets
    it, rendered by whatever registered ``EMAIL_PREVIEW_HOOK``.
    """

    @property
    def preview_modes(self):
        return [("", "Web page"), (EMAIL_PREVIEW_MODE, "Email")]

    def serve_preview(self, request, mode_name):
        if mode_name == EMAIL_PREVIEW_MODE:
            for render in hooks.get_hooks(EMAIL_PREVIEW_HOOK):
                return render(page=self)
            return HttpResponse("<p>No email preview is available.</p>")
        return super().serve_preview(request, mode_name)


def is_drippable(page_or_class) -> bool:
    """Whether a program step may send this page (or page class) by email."""
    if isinstance(page_or_class, type):
        cls = page_or_class
    else:
        cls = page_or_class.specific_class
    return cls is not None and issubclass(cls, DrippablePageMixin)


def drippable_page_models() -> list[type[Page]]:
    """Every page model a program step may send, in Wagtail's model order."""
    return [model for model in get_page_models() if is_drippable(model)]
