"""Live sessions in the Wagtail admin: the facilitator's screens (questions,
attendance) and L&D's attendance report. Publishing a session updates its
invites through the ``page_published`` signal (``live_sessions.signals``)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub.admin_permissions import user_can_view_analytics
from live_sessions import admin_views
from live_sessions.models import LiveSessionPage
from live_sessions.selectors import RUN_PERMISSION, user_can_run_session


@hooks.register("register_admin_urls")
def register_live_session_urls():
    return [
        path("live-sessions/", admin_views.sessions_view, name="live_sessions_index"),
        path(
            "live-sessions/<int:page_id>/questions/",
            admin_views.questions_view,
            name="live_sessions_questions",
        ),
        path(
            "live-sessions/<int:page_id>/attendance/",
            admin_views.attendance_view,
            name="live_sessions_attendance",
        ),
        path(
            "live-sessions/attendance-report/",
            admin_views.attendance_report_view,
            name="live_sessions_attendance_report",
        ),
    ]


class SessionsMenuItem(MenuItem):
    """ "Live sessions", for those who run one."""

    def is_shown(self, request):
        user = request.user
        return user.has_perm(RUN_PERMISSION) or (
            LiveSessionPage.objects.filter(facilitator=user).exists()
        )


class AttendanceReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_analytics(request.user)


@hooks.register("register_admin_menu_item")
def register_live_sessions_menu():
    return SessionsMenuItem(
        "Live sessions", reverse("live_sessions_index"), icon_name="date", order=205
    )


@hooks.register("register_admin_menu_item")
def register_attendance_report_menu():
    return AttendanceReportMenuItem(
        "Session attendance",
        reverse("live_sessions_attendance_report"),
        icon_name="date",
        order=211,
    )


@hooks.register("register_page_header_buttons")
def live_session_buttons(page, user, view_name=None, next_url=None):
    """ "Questions" and "Attendance" in a live session's header menu."""
    from wagtail.admin.ui.menus.pages import PageMenuItem

    if page.specific_class is not LiveSessionPage:
        return
    if not user_can_run_session(user=user, page=page.specific):
        return
    for label, name, icon, priority in (
        ("Questions", "live_sessions_questions", "help", 67),
        ("Attendance", "live_sessions_attendance", "group", 68),
    ):
        yield PageMenuItem(
            label=label,
            url=reverse(name, args=[page.pk]),
            icon_name=icon,
            priority=priority,
            page=page,
        )
