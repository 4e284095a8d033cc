"""Read-side queries for listings of microlearning (topics, home page, search)."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from wagtail.fields import StreamField
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

    Built from plain queries, because on Wagtail's multi-table pages Django
    spends far longer building a query with subqueries and joins than SQLite
    spends answering it (5 ms against 1 for each type's "featured or latest"):
    which are the newest of each type (one query on the page table, ranked by
    a window function), then each type's pages among those and the featured
    ones, by id (one per type), and their card images (two).
    """
    featured_ids = list(dict.fromkeys(featured_ids))
    type_ids = {
        ContentType.objects.get_for_model(model).pk: model
        for model in content_page_models()
    }
    newest = _newest_ids_by_type(
        home=home,
        type_ids=list(type_ids),
        per_type=per_type,
        exclude_ids=featured_ids,
    )
    found: dict[int, Page] = {}
    for type_id, model in type_ids.items():
        # The featured pages are looked for among every type's: no query to
        # learn their types first.
        ids = [pk for pk, of_type in newest if of_type == type_id] + featured_ids
        # A card never shows a body: not parsing its JSON halves the fetch.
        pages = model.objects.live().filter(pk__in=ids)
        found.update((page.pk, page) for page in pages.defer(*_stream_fields(model)))
    missing = [pk for pk in featured_ids if pk not in found]
    if missing:
        # Featured pages of another type (not microlearning) or no longer live.
        found.update(
            (page.pk, page)
            for page in Page.objects.filter(pk__in=missing).live().specific()
        )
    featured = [found[pk] for pk in featured_ids if pk in found]
    latest_by_type = [
        (
            model,
            [found[pk] for pk, type_id in newest if type_id == type_pk and pk in found],
        )
        for type_pk, model in type_ids.items()
    ]
    with_card_images(
        [*featured, *(page for _, pages in latest_by_type for page in pages)]
    )
    return HomeSections(featured=featured, latest_by_type=latest_by_type)


def specific_for_cards(pages: Sequence[Page]) -> list[Page]:
    """``pages`` as their specific pages, in the same order, without their
    StreamField bodies (which a card or a search result never shows): one
    query per type, where ``PageQuerySet.specific()`` would parse every body.
    """
    ids_by_type: dict[int, list[int]] = {}
    for page in pages:
        ids_by_type.setdefault(page.content_type_id, []).append(page.pk)
    found: dict[int, Page] = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class() or Page
        found.update(model.objects.defer(*_stream_fields(model)).in_bulk(ids))
    return [found.get(page.pk, page) for page in pages]


def _stream_fields(model: type[Page]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField)
    ]


def _newest_ids_by_type(
    *,
    home: Page,
    type_ids: list[int],
    per_type: int,
    exclude_ids: Collection[int],
) -> list[tuple[int, int]]:
    """(id, content type id) of the ``per_type`` newest live pages of each
    type below ``home``, newest first within a type, leaving out
    ``exclude_ids``."""
    pages = Page.objects.descendant_of(home).live().filter(content_type_id__in=type_ids)
    if exclude_ids:
        pages = pages.exclude(pk__in=list(exclude_ids))
    newest_first = [F("first_published_at").desc(), F("pk").desc()]
    return list(
        pages.annotate(
            rank=Window(
                RowNumber(), partition_by=F("content_type_id"), order_by=newest_first
            )
        )
        .filter(rank__lte=per_type)
        .order_by(*newest_first)
        .values_list("pk", "content_type_id")
    )


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
