"""Admin URLs of the booster engine, added to Wagtail's admin by a hook."""

from django.urls import path

from boosters.learners.admin_views import (
    roster_import_view,
    roster_problem_rows_view,
    roster_template_view,
)
from boosters.learners.bulk_views import enrollments_bulk_view, learners_bulk_view

urlpatterns = [
    path(
        "boosters/roster-import/<int:cohort_id>/",
        roster_import_view,
        name="boosters_roster_import",
    ),
    path(
        "boosters/roster-import/<int:cohort_id>/rows-with-problems/<str:token>/",
        roster_problem_rows_view,
        name="boosters_roster_problem_rows",
    ),
    path(
        "boosters/roster-import/template.csv",
        roster_template_view,
        name="boosters_roster_template",
    ),
    path("boosters/learners/bulk/", learners_bulk_view, name="boosters_learners_bulk"),
    path(
        "boosters/enrolments/bulk/",
        enrollments_bulk_view,
        name="boosters_enrollments_bulk",
    ),
]
