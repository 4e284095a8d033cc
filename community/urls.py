"""Cohort spaces, mounted under ``/community/``."""

from django.urls import path

from community import views

urlpatterns = [
    path("", views.spaces_view, name="community_spaces"),
    # Before the cohort routes, which would otherwise read it as a cohort slug.
    path(
        "email-preferences/",
        views.notification_preferences_view,
        name="community_notification_preferences",
    ),
    path("<slug:cohort_slug>/", views.space_page_view, name="community_space"),
    path("<slug:cohort_slug>/new/", views.thread_new_view, name="community_thread_new"),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/",
        views.thread_view,
        name="community_thread",
    ),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/edit/",
        views.thread_edit_view,
        name="community_thread_edit",
    ),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/reply/",
        views.reply_view,
        name="community_reply",
    ),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/report/",
        views.report_view,
        name="community_thread_report",
    ),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/replies/<int:post_id>/report/",
        views.report_view,
        name="community_post_report",
    ),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/moderate/",
        views.thread_moderate_view,
        name="community_thread_moderate",
    ),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/move/",
        views.thread_move_view,
        name="community_thread_move",
    ),
    path(
        "<slug:cohort_slug>/threads/<int:thread_id>/curate/",
        views.thread_curate_view,
        name="community_thread_curate",
    ),
    path(
        "<slug:cohort_slug>/replies/<int:post_id>/edit/",
        views.post_edit_view,
        name="community_post_edit",
    ),
    path(
        "<slug:cohort_slug>/replies/<int:post_id>/delete/",
        views.post_delete_view,
        name="community_post_delete",
    ),
    path(
        "<slug:cohort_slug>/replies/<int:post_id>/helpful/",
        views.helpful_view,
        name="community_post_helpful",
    ),
    path(
        "<slug:cohort_slug>/replies/<int:post_id>/accept/",
        views.accept_view,
        name="community_post_accept",
    ),
    path(
        "<slug:cohort_slug>/replies/<int:post_id>/moderate/",
        views.post_moderate_view,
        name="community_post_moderate",
    ),
    path(
        "<slug:cohort_slug>/reports/<int:report_id>/resolve/",
        views.report_resolve_view,
        name="community_report_resolve",
    ),
    path(
        "<slug:cohort_slug>/members/<int:learner_id>/",
        views.profile_view,
        name="community_profile",
    ),
]
