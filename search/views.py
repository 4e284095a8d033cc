"""One search page across articles, screencasts and booster questions."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse

from home.selectors import specific_for_cards
from hub.page_cache import reader_cacheable
from search.selectors import content_search

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@reader_cacheable
def search(request):
    """Search live microlearning; results show their type and summary."""
    query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    results = content_search(query=query) if query else []
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    page.object_list = specific_for_cards(page.object_list)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page},
    )
