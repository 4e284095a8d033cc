"""Project middleware."""

from hub.page_cache import page_cache_fetch, page_cache_key, page_cache_store


class ReaderPageCacheMiddleware:
    """Serve stored pages, and store the pages views mark as shareable
    (``hub.page_cache``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_cache_key(request)
        if key is None:
            return self.get_response(request)
        cached = page_cache_fetch(request, key=key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        page_cache_store(request, response, key=key)
        return response
