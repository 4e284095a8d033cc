"""Routing a URL to its page in one query instead of two per path level.

Wagtail routes ``/topic/article/`` by asking the site root for its child
``topic`` and that child's specific page, then the topic for ``article`` and
its specific page: two queries per level. Every page stores its full path of
slugs (``url_path``, kept up to date by Wagtail on moves and renames), so the
page and its parent can be found in one query and the page made specific in a
second, whatever the depth.

Only an exact match of a live page is taken this way, and only while no page
model routes by itself (``RoutablePageMixin``, a custom ``route()``): anything
else (a 404, a draft, a sub-route) goes through Wagtail's own routing, so it
behaves exactly as before. View restrictions (passwords, sign-in) are checked
when the page is served, after routing, either way.
"""

from functools import cache

from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult


@cache
def _pages_route_alike(root_model: type[Page]) -> bool:
    """Whether every page model but the root's (which routes through here)
    routes as ``Page`` does: no sub-routes."""
    return all(
        model.route is Page.route
        for model in get_page_models()
        if model is not root_model
    )


def page_route_by_url_path(*, root: Page, path_components: list[str]):
    """The ``RouteResult`` of the live page at ``path_components`` below
    ``root``, or ``None`` to let Wagtail route the request its own way."""
    if not path_components or not _pages_route_alike(type(root)):
        return None
    url_path = root.url_path + "/".join(path_components) + "/"
    parent_url_path = url_path.rsplit("/", 2)[0] + "/"
    depth = root.depth + len(path_components)
    rows = list(
        Page.objects.filter(
            path__startswith=root.path,
            depth__in=(depth - 1, depth),
            url_path__in=(url_path, parent_url_path),
        )[:3]
    )
    pages = [row for row in rows if row.depth == depth]
    parents = [row for row in rows if row.depth == depth - 1]
    if len(pages) != 1 or len(parents) != 1 or not pages[0].live:
        return None
    page = pages[0].specific
    # As Wagtail's routing does: the parent is known, so get_parent() is free.
    page._cached_parent_obj = parents[0] if depth - 1 > root.depth else root
    return RouteResult(page)
