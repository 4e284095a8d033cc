"""Read-side queries for listings of microlearning (topics, home page, search)."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db.models import Q, prefetch_related_objects

from wagtail.models import Page, PageQuerySet

from taggit.models import Tag


@cache
def content_page_models() -> tuple[type[Page], ...]:
    """Every concrete page model that is microlearning (uses ``HubContentMixin``)."""
    from home.models.mixins import HubContentMixin

    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, HubContentMixin) and not model._meta.abstract
    )


def content_type_choices() -> list[tuple[str, str]]:
    """(slug, plural label) for each content type, in the order editors think of
    them: a topic's filter offers "Articles", "Screencasts"."""
    return [
        (m.content_type_slug, m.content_type_label_plural)
        for m in content_page_models()
    ]


def _model_for_slug(slug: str) -> type[Page] | None:
    return next((m for m in content_page_models() if m.content_type_slug == slug), None)


def content_listing(
    *, parent: Page, content_type: str | None = None, tag: str | None = None
) -> PageQuerySet:
    """Live microlearning directly under ``parent``, newest first.

    ``content_type`` is a slug from ``content_type_choices``; ``tag`` a tag slug.
    An unknown type gives an empty listing rather than everything.
    """
    models = content_page_models()
    if content_type:
        model = _model_for_slug(content_type)
        models = (model,) if model else ()
    pages = Page.objects.child_of(parent).live().type(*models) if models else None
    if pages is None:
        return Page.objects.none()
    if tag:
        tagged = Q()
        for model in models:
            tagged |= Q(pk__in=model.objects.filter(tags__slug=tag).values("pk"))
        pages = pages.filter(tagged)
    return pages.order_by("-first_published_at", "-pk").specific()


def content_tags_in(*, parent: Page) -> list[Tag]:
    """The tags used by live microlearning directly under ``parent``, by name."""
    child_ids = Page.objects.child_of(parent).live().values("pk")
    tag_ids = Q()
    for model in content_page_models():
        through = model.tags.through
        tag_ids |= Q(
            pk__in=through.objects.filter(content_object__in=child_ids).values("tag_id")
        )
    return list(Tag.objects.filter(tag_ids).order_by("name"))


def latest_content(
    *,
    root: Page,
    model: type[Page],
    limit: int = 3,
    exclude_ids: Collection[int] = (),
) -> list[Page]:
    """The ``limit`` newest live pages of ``model`` anywhere below ``root``,
    leaving out ``exclude_ids``."""
    pages = model.objects.descendant_of(root).live()
    if exclude_ids:
        pages = pages.exclude(pk__in=list(exclude_ids))
    pages = list(pages.order_by("-first_published_at", "-pk")[:limit])
    with_card_images(pages)
    return pages


def featured_content(*, ids: Sequence[int]) -> list[Page]:
    """The live pages among ``ids``, in that order, each once."""
    live = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().specific()}
    ordered = [live[pk] for pk in dict.fromkeys(ids) if pk in live]
    return with_card_images(ordered)


@dataclass(frozen=True)
class HomeSections:
    """What the home page lists, in page order: the editor's featured items,
    then the latest of each content type."""

    featured: list[Page]
    latest_by_type: list[tuple[type[Page], list[Page]]]


def home_sections(
    *, home: Page, featured_ids: Sequence[int], per_type: int = 3
) -> HomeSections:
    """The home page's sections, no item in more than one: each section
    leaves out what the sections above it show, and fills up from older items."""
    featured = featured_content(ids=featured_ids)
    shown = {page.pk for page in featured}
    latest_by_type = []
    for model in content_page_models():
        pages = latest_content(
            root=home, model=model, limit=per_type, exclude_ids=shown
        )
        shown.update(page.pk for page in pages)
        latest_by_type.append((model, pages))
    return HomeSections(featured=featured, latest_by_type=latest_by_type)


def with_card_images(pages) -> list[Page]:
    """Prefetch the card image (and its renditions) of each page, by type.

    A listing of twelve pages then costs a few queries, not one per card.
    """
    pages = list(pages)
    by_model: dict[type, list[Page]] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        field = getattr(model, "card_image_field", None)
        if field:
            prefetch_related_objects(group, f"{field}__renditions")
    return pages
