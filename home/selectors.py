"""Read-side queries for listings of microlearning (topics, home page, search)."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db.models import Q

from wagtail.images import get_image_model
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
    return with_card_images(
        _latest(root=root, model=model, limit=limit, exclude_ids=exclude_ids)
    )


def _latest(*, root: Page, model: type[Page], limit: int, exclude_ids: Collection[int]):
    pages = model.objects.descendant_of(root).live()
    if exclude_ids:
        pages = pages.exclude(pk__in=list(exclude_ids))
    return pages.order_by("-first_published_at", "-pk")[:limit]


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
    """The home page's sections, no item in more than one: the latest of each
    type leave out what is featured, and fill up from older items.

    One query per content type finds both that type's featured pages and its
    latest (the sections of different types never share a page), and the card
    images of every section come in two more queries.
    """
    featured_ids = list(dict.fromkeys(featured_ids))
    found: dict[int, Page] = {}
    latest_by_type = []
    for model in content_page_models():
        latest = _latest(
            root=home, model=model, limit=per_type, exclude_ids=featured_ids
        )
        wanted = Q(pk__in=latest.values("pk"))
        if featured_ids:
            wanted |= Q(pk__in=featured_ids)
        pages = (
            model.objects.live().filter(wanted).order_by("-first_published_at", "-pk")
        )
        newest = []
        for page in pages:
            if page.pk in featured_ids:
                found[page.pk] = page
            else:
                newest.append(page)
        latest_by_type.append((model, newest))
    missing = [pk for pk in featured_ids if pk not in found]
    if missing:
        # Featured pages of another type (not microlearning) or no longer live.
        found.update(
            (page.pk, page)
            for page in Page.objects.filter(pk__in=missing).live().specific()
        )
    featured = [found[pk] for pk in featured_ids if pk in found]
    with_card_images(
        [*featured, *(page for _, pages in latest_by_type for page in pages)]
    )
    return HomeSections(featured=featured, latest_by_type=latest_by_type)


def with_card_images(pages) -> list[Page]:
    """Load the card image (and its renditions) of every page, whatever its
    type, in two queries: a listing of twelve pages doesn't cost one per card.
    """
    pages = list(pages)
    fields = {}
    for page in pages:
        name = getattr(type(page), "card_image_field", None)
        if name and not type(page)._meta.get_field(name).is_cached(page):
            fields[page] = type(page)._meta.get_field(name)
    image_ids = {getattr(page, field.attname) for page, field in fields.items()}
    image_ids.discard(None)
    images = {}
    if image_ids:
        images = (
            get_image_model().objects.prefetch_related("renditions").in_bulk(image_ids)
        )
    for page, field in fields.items():
        field.set_cached_value(page, images.get(getattr(page, field.attname)))
    return pages
