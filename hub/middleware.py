"""Project middleware."""

from django.http import HttpResponseBadRequest

from hub.page_cache import page_cache_fetch, page_cache_key, page_cache_store

NUL_REFUSED = (
    "Bad request: the address or the form contains a NUL character (%00). "
    "Nothing on this site uses one; remove it and try again."
)


class NulByteRefuseMiddleware:
    """Answer 400 when the path, a query or form key or value holds a NUL.

    PostgreSQL cannot store or compare text with NUL, so one in ``?tag=`` or an
    admin search raised a 500 there (SQLite let it through). Refusing is
    clearer than stripping: no real link or form sends NUL, and a quietly
    altered search would show results for something nobody typed. Uploaded
    file contents are not checked here; the roster import names NULs per row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponseBadRequest(NUL_REFUSED, content_type="text/plain")
        return self.get_response(request)


def _has_nul(request) -> bool:
    if "\x00" in request.path_info:
        return True
    data = [request.GET]
    if request.method == "POST":
        data.append(request.POST)  # parsed once; Django keeps it for the view
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in data
        for key, values in query.lists()
    )


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
