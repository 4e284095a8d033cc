"""What the demo hub is made of, described as data: pages, files and references.

Specs are plain values, so the demo's content reads like a table of contents
and the builder can check what exists before it creates anything. Nothing here
touches the database.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

RefKind = Literal["image", "document", "media", "page"]


@dataclass(frozen=True)
class Ref:
    """A pointer to another demo object, resolved when the page is built.

    ``key`` is the object's stable key: the title of an image, document or
    media item, or a page's slug path below the home page
    (``"giving-feedback/the-sbi-model"``).
    """

    kind: RefKind
    key: str


def image(title: str) -> Ref:
    return Ref("image", title)


def document(title: str) -> Ref:
    return Ref("document", title)


def media(title: str) -> Ref:
    return Ref("media", title)


def page(path: str) -> Ref:
    return Ref("page", path)


@dataclass(frozen=True)
class FileSpec:
    """An image, document or video in the demo, made from a file in demo/files.

    ``title`` is the stable key: a library item with this title is the demo's.
    ``extra`` holds model fields besides title and file (a video's duration).
    """

    title: str
    filename: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageSpec:
    """A demo page and the pages below it.

    ``fields`` are model field values; ``Ref`` values in them (also deep inside
    StreamField data) are resolved first. ``inlines`` fill child relations such
    as a screencast's chapters or a question's choices, one dict per row.
    """

    model: type
    slug: str
    title: str
    fields: dict[str, Any] = field(default_factory=dict)
    inlines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    show_in_menus: bool = False
    children: tuple["PageSpec", ...] = ()


def refs_resolve(value: Any, *, resolve: Callable[[Ref], Any]) -> Any:
    """Replace every ``Ref`` in ``value`` (nested dicts, lists, tuples).

    Returns a new value; ``resolve`` turns one ``Ref`` into what belongs in its
    place, such as a model instance or, in StreamField data, a primary key.
    """
    if isinstance(value, Ref):
        return resolve(value)
    if isinstance(value, dict):
        return {key: refs_resolve(item, resolve=resolve) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(refs_resolve(item, resolve=resolve) for item in value)
    return value


def page_specs_walk(specs, *, parent_path: str = ""):
    """Yield ``(path, spec)`` for every page spec, parents before children."""
    for spec in specs:
        path = f"{parent_path}/{spec.slug}" if parent_path else spec.slug
        yield path, spec
        yield from page_specs_walk(spec.children, parent_path=path)


def stream(*blocks: tuple[str, Any]) -> list[dict[str, Any]]:
    """StreamField data in its stored JSON form, from ``(block type, value)`` pairs."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]
