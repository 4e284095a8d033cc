"""Public URLs reached from drip emails, mounted under ``/email/``."""

from django.urls import path

from boosters.learners.unsubscribe_views import unsubscribe_view
from boosters.questions.views import answer_fresh_link_view, answer_view

urlpatterns = [
    path("unsubscribe/<str:token>/", unsubscribe_view, name="boosters_unsubscribe"),
    path("answer/<str:token>/", answer_view, name="boosters_answer"),
    path(
        "answer/<str:token>/fresh-link/",
        answer_fresh_link_view,
        name="boosters_answer_fresh_link",
    ),
]
