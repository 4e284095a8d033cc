"""Template context for every page: who the signed-in learner is."""

from django.utils.functional import SimpleLazyObject

from boosters.learners.sign_in import learner_from_request


def hub_learner(request):
    """Give templates ``hub_learner``: the signed-in learner, or a falsy ``None``.

    Lazy, so pages that never ask for it don't touch the session.
    """
    return {"hub_learner": SimpleLazyObject(lambda: learner_from_request(request))}
