"""Admin URLs of the booster engine, added to Wagtail's admin by a hook."""

from django.urls import path

from boosters.learners.admin_views import roster_import_view

urlpatterns = [
    path(
        "boosters/roster-import/<int:cohort_id>/",
        roster_import_view,
        name="boosters_roster_import",
    ),
]
