"""Project middleware."""

from hub.page_cache import page_cache_fetch, page_cache_store


class ReaderPageCacheMiddleware:
    """Serve readers without a session from the page cache (``hub.page_cache``).

    Placed before the session, CSRF and message middleware, so a stored page is
    answered without touching them, and a response is stored only once they
    have added their cookies and headers (and so can refuse it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cached = page_cache_fetch(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        page_cache_store(request, response)
        return response
