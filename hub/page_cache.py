"""Whole-page cache: a hub page is rendered once and served to every visitor.

Most of the hub's traffic is people reading published pages: alumni arriving
from an email link, regional staff browsing a topic. Rendering such a page
(navigation, listings, StreamField blocks, renditions) costs several times what
routing to it does, and the result is the same for all of them but for one
spot: the account links in the header ("Sign in", or a learner's "My learning"
and "Sign out"). So a page is stored as a reader without a session sees it, and
a signed-in learner gets the stored page with their own account links rendered
into that spot (``<!--hub:account-->`` in ``base.html``), like an edge-side
include.

What is stored, and for whom:

- Only responses a view marks as cacheable (``reader_cacheable`` for views,
  ``ReaderCacheMixin`` for pages), only 200s to a GET from a visitor without a
  session, and only if rendering used no CSRF token (a page with a form is
  never shared), set no cookie and isn't private.
- Served to visitors without a session and to signed-in learners. Editors
  signed in to Wagtail (userbar, previews) and anyone with a pending message
  always get a fresh render.
- Keyed by host and full path, query string included (topic filters, search).

Invalidation: every entry belongs to a *generation*. Any change that can alter
what a reader sees (a page saved, published, unpublished, moved or deleted; an
image, document, video, site or redirect changed; ``hub.signals``) starts a
new generation, so the next request renders afresh. The change may happen in
the admin or in the scheduler (scheduled publishing) and the visitor may hit
any web process, so the cache is shared: files under ``var/`` on one machine,
Redis when ``REDIS_URL`` is set. Entries also expire after
``HUB_PAGE_CACHE_SECONDS`` as a safety net for what no signal reports; ``0``
turns the cache off.
"""

import hashlib
import itertools
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
# A response attribute set by the views whose pages may be shared.
CACHEABLE_ATTRIBUTE = "hub_reader_cacheable"
HIT_HEADER = "X-Hub-Cache"
ACCOUNT_START = b"<!--hub:account-->"
ACCOUNT_END = b"<!--/hub:account-->"
ACCOUNT_TEMPLATE = "includes/account_nav.html"


def _cache():
    return caches[CACHE_ALIAS]


class PageFileCache(FileBasedCache):
    """Django's file cache, counting its entries on one store in ``CULL_EVERY``
    rather than on every store.

    To keep under ``MAX_ENTRIES`` Django lists the whole cache folder before
    each store: with a few thousand pages stored that was 3 to 5 ms of every
    first render. Each process now looks every ``CULL_EVERY`` stores (and on
    its first), so the folder may run past ``MAX_ENTRIES`` by at most that
    many stores per process before it is culled as before.
    """

    CULL_EVERY = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stores = itertools.count()

    def _cull(self):
        if next(self._stores) % self.CULL_EVERY == 0:
            super()._cull()


def page_cache_seconds() -> int:
    """How long a stored page may be served; 0 means pages aren't stored."""
    return getattr(settings, "HUB_PAGE_CACHE_SECONDS", 0)


def _generation() -> int:
    """The current generation, starting one if the cache has none (e.g. evicted).

    Its value is a timestamp, not a counter, so a generation lost to eviction
    never comes back and revives entries stored under it.
    """
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def page_cache_invalidate() -> None:
    """Start a new generation: every page is rendered afresh on its next request."""
    _cache().set(GENERATION_KEY, time.time_ns(), timeout=None)


def _has_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _shared_page_request(request: HttpRequest) -> bool:
    """A GET or HEAD that may get (or give) a stored page: not an editor's,
    not a preview, no message waiting to be shown."""
    return (
        page_cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and CookieStorage.cookie_name not in request.COOKIES
        and not getattr(request, "is_preview", False)
        # Only reads the session when there is one: readers cost no query.
        and not (_has_session(request) and request.user.is_authenticated)
    )


def page_cache_key(request: HttpRequest) -> str | None:
    """Where this request's page is stored in the current generation, or
    ``None`` if the request may neither get nor give a stored page.

    Read once, before rendering: a page rendered while a change lands is
    stored under the generation it started in, which is never served again.
    """
    if not _shared_page_request(request):
        return None
    # Hashed: a query string can be any length, a cache key can't.
    url = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"page:{_generation()}:{hashlib.sha256(url).hexdigest()}"


def _with_account_links(content: bytes, request: HttpRequest) -> bytes | None:
    """``content`` with this visitor's own account links in the header, or
    ``None`` if the page has no place for them."""
    start = content.find(ACCOUNT_START)
    end = content.find(ACCOUNT_END, start)
    if start < 0 or end < 0:
        return None
    links = render_to_string(ACCOUNT_TEMPLATE, request=request).encode()
    return content[: start + len(ACCOUNT_START)] + links + content[end:]


def page_cache_fetch(request: HttpRequest, *, key: str) -> HttpResponse | None:
    """The page stored under ``key`` for this request, or ``None`` to render it."""
    stored = _cache().get(key)
    if stored is None:
        return None
    content, headers = stored
    if _has_session(request):
        content = _with_account_links(content, request)
        if content is None:
            return None
    response = HttpResponse(content, headers=headers)
    response[HIT_HEADER] = "hit"
    return response


def page_cache_store(request: HttpRequest, response: HttpResponse, *, key: str) -> None:
    """Keep a rendered page under ``key`` for the next visitor, if it may be
    shared."""
    if not (
        request.method == "GET"
        and not _has_session(request)
        and getattr(response, CACHEABLE_ATTRIBUTE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A CSRF token in the page is this visitor's: never hand it on.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    ):
        return
    # A proxy in front must not hand one visitor's page to another either.
    patch_vary_headers(response, ("Cookie",))
    _cache().set(
        key,
        (response.content, dict(response.items())),
        timeout=page_cache_seconds(),
    )
    response[HIT_HEADER] = "miss"


def reader_cacheable(view):
    """Mark a view's responses as the same for every visitor but for the
    header's account links."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    return wrapped


class ReaderCacheMixin:
    """Page mixin: a GET of this page may be served from the page cache.

    Only for pages whose template differs between visitors in nothing but the
    header's account links.
    """

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.method == "GET":
            setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response
