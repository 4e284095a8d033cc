"""Search queries."""

import re

from wagtail.models import Page

from home.selectors import content_page_models

WORD_RE = re.compile(r"\w+")


def search_terms(query: str) -> str:
    """The words of ``query``, without the quotes and operators full-text engines parse.

    SQLite FTS5 and PostgreSQL each have their own query syntax; an unbalanced
    quote would otherwise be a database error instead of a search.
    """
    return " ".join(WORD_RE.findall(query))


def content_search(*, query: str):
    """Live microlearning matching every word of ``query``, best match first,
    as plain pages: ``specific_for_cards`` makes a page of them specific (the
    search itself is twice as fast without ``.specific()``)."""
    terms = search_terms(query)
    if not terms:
        return Page.objects.none()
    return (
        Page.objects.live().type(*content_page_models()).search(terms, operator="and")
    )
