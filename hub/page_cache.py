"""Whole-page cache for readers who aren't signed in.

Most of the hub's traffic is people reading published pages without a session:
alumni arriving from an email link, regional staff browsing a topic. Rendering
such a page (navigation, listings, StreamField blocks, renditions) costs several
times what routing to it does, and the result is the same for every one of them.
So the rendered response is stored once and served to the next reader.

What is stored, and for whom:

- Only responses a view marks as cacheable (``reader_cacheable`` for views,
  ``ReaderCacheMixin`` for pages): 200s to a GET that set no cookie (a page
  with a CSRF token sets one, so forms are never shared) and aren't private.
- Only for requests without a session or messages cookie: a signed-in learner,
  an editor (userbar, previews) or anyone with a pending message always gets
  a fresh render.
- Keyed by host and full path, query string included (topic filters, search).

Invalidation: every cached entry belongs to a *generation*. Any change that can
alter what a reader sees (a page saved, published, unpublished, moved or
deleted; an image, document, video, site or redirect changed) starts a new
generation, so the next request renders afresh. The change may happen in the
admin or in the scheduler (scheduled publishing), and the reader may hit any
web process, so the cache is shared: files under ``var/`` on one machine, Redis
when ``REDIS_URL`` is set. Entries also expire after
``HUB_PAGE_CACHE_SECONDS`` as a safety net for what no signal reports;
``0`` turns the cache off.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
# A response attribute set by the views that may be shared between readers.
CACHEABLE_ATTRIBUTE = "hub_reader_cacheable"
HIT_HEADER = "X-Hub-Cache"


def _cache():
    return caches[CACHE_ALIAS]


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


def _reader_request(request: HttpRequest) -> bool:
    """A GET or HEAD from someone with no session and no pending messages."""
    return (
        page_cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def _key(request: HttpRequest, generation: int) -> str:
    # Hashed: a query string can be any length, a cache key can't.
    url = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"page:{generation}:{hashlib.sha256(url).hexdigest()}"


def page_cache_fetch(request: HttpRequest) -> HttpResponse | None:
    """The stored response for this reader's request, or ``None`` to render it."""
    if not _reader_request(request):
        return None
    stored = _cache().get(_key(request, _generation()))
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content, headers=headers)
    response[HIT_HEADER] = "hit"
    return response


def page_cache_store(request: HttpRequest, response: HttpResponse) -> None:
    """Keep a rendered response for the next reader, if it may be shared."""
    if not (
        request.method == "GET"
        and _reader_request(request)
        and getattr(response, CACHEABLE_ATTRIBUTE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    ):
        return
    # Vary: Cookie stays, so a proxy in front never shares a signed-in page.
    headers = dict(response.items())
    _cache().set(
        _key(request, _generation()),
        (response.content, headers),
        timeout=page_cache_seconds(),
    )
    response[HIT_HEADER] = "miss"


def reader_cacheable(view):
    """Mark a view's responses as the same for every reader without a session."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    return wrapped


class ReaderCacheMixin:
    """Page mixin: a GET of this page may be served from the reader cache.

    Pages whose template depends on who is asking beyond "signed in or not"
    must not use it.
    """

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.method == "GET":
            setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response
