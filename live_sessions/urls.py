"""Learner-facing live session addresses (the page itself is in the page tree)."""

from django.urls import path

from live_sessions import views

urlpatterns = [
    path(
        "<int:page_id>/questions/",
        views.session_question_post,
        name="live_session_question",
    ),
]
