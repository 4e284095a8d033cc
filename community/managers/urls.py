"""Manager digest pages and the learner's sharing choice, mounted under ``/managers/``."""

from django.urls import path

from community.managers.views import (
    learner_share_results_view,
    manager_optout_view,
    manager_page_view,
    manager_talked_view,
)

urlpatterns = [
    path("share/", learner_share_results_view, name="learner_share_results"),
    path("opt-out/<str:token>/", manager_optout_view, name="manager_optout"),
    path("talked/<str:token>/", manager_talked_view, name="manager_talked"),
    path("<str:token>/", manager_page_view, name="manager_page"),
]
