"""Learner sign-in and My learning, mounted under ``/learn/``."""

from django.urls import path

from boosters.learners.settings_views import (
    language_view,
    pause_view,
    resume_view,
    time_zone_view,
)
from boosters.learners.views import (
    my_learning_view,
    sign_in_confirm_view,
    sign_in_view,
    sign_out_view,
)

urlpatterns = [
    path("sign-in/", sign_in_view, name="learner_sign_in"),
    path("sign-in/<str:token>/", sign_in_confirm_view, name="learner_sign_in_confirm"),
    path("sign-out/", sign_out_view, name="learner_sign_out"),
    path("my-learning/", my_learning_view, name="my_learning"),
    path("my-learning/pause/", pause_view, name="my_learning_pause"),
    path("my-learning/resume/", resume_view, name="my_learning_resume"),
    path("my-learning/time-zone/", time_zone_view, name="my_learning_time_zone"),
    path("my-learning/language/", language_view, name="my_learning_language"),
]
