"""Template context shared by every hub page."""

from wagtail.models import Site


def hub_navigation(request):
    """Give the base template the site's home page and its menu topics.

    Returned as a callable so admin views and error pages that never print the
    menu make no query.
    """

    def topics():
        site = Site.find_for_request(request) if request else None
        if site is None:
            return []
        return list(site.root_page.get_children().live().in_menu())

    return {"hub_topics": topics}
