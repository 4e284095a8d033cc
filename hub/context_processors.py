"""Template context shared by every hub page."""

from django.utils.functional import SimpleLazyObject

from wagtail.models import Site

from boosters.learners.sign_in import learner_from_request


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


def hub_learner(request):
    """Give templates ``hub_learner``: the signed-in learner, or a falsy ``None``.

    Lazy, so pages that never ask for it don't touch the session.
    """
    return {"hub_learner": SimpleLazyObject(lambda: learner_from_request(request))}
