"""Search queries."""

from wagtail.models import Page

from home.selectors import content_page_models


def content_search(*, query: str):
    """Live microlearning matching ``query``, best match first, as specific pages."""
    return (
        Page.objects.live()
        .type(*content_page_models())
        .specific()
        .search(query, operator="and")
    )
