"""Public URLs reached from drip emails, mounted under ``/email/``.

Every page here is one learner's (their question, their answer, their
subscription), so none may be kept by a browser or a shared proxy: each view
is wrapped in ``never_cache`` here, in one place (``private, no-store``).
"""

from django.urls import path
from django.views.decorators.cache import never_cache

from boosters.checkins.views import checkin_story_view, checkin_view
from boosters.learners.unsubscribe_views import unsubscribe_view
from boosters.questions.views import answer_fresh_link_view, answer_view

urlpatterns = [
    path(
        "unsubscribe/<str:token>/",
        never_cache(unsubscribe_view),
        name="boosters_unsubscribe",
    ),
    path("answer/<str:token>/", never_cache(answer_view), name="boosters_answer"),
    path(
        "answer/<str:token>/fresh-link/",
        never_cache(answer_fresh_link_view),
        name="boosters_answer_fresh_link",
    ),
    path("check-in/<str:token>/", never_cache(checkin_view), name="boosters_checkin"),
    path(
        "check-in/<str:token>/story/",
        never_cache(checkin_story_view),
        name="boosters_checkin_story",
    ),
]
