"""The facilitator's admin screens: sessions, questions, attendance; and the
attendance report for L&D.

A session's questions and attendance are for its facilitator and holders of
``live_sessions.run_live_sessions``; anyone else gets the hub's 403 page. The
attendance report is learner data: ``boosters.view_analytics``. Views parse
input and call ``live_sessions.services``; a bad file or form comes back with
the reason, never a server error.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hub.admin_permissions import (
    ANALYTICS_PERMISSION,
    admin_permission_required,
    permission_denied_response,
)
from live_sessions.forms import AttendanceImportForm
from live_sessions.models import LiveSessionPage
from live_sessions.selectors import (
    RUN_PERMISSION,
    attendance_by_cohort,
    attendance_report,
    questions_grouped,
    sessions_run_by,
    user_can_run_session,
)
from live_sessions.services import (
    SessionRejected,
    attendance_import_csv,
    attendance_mark,
)

TEMPLATES = "live_sessions/admin"
QUESTIONS_REFRESH_SECONDS = 30


def _session_for(request, page_id: int):
    """The session and ``None``, or ``None`` and the 403 response."""
    page = get_object_or_404(LiveSessionPage, pk=page_id)
    if not user_can_run_session(user=request.user, page=page):
        return None, permission_denied_response(request, permission=RUN_PERMISSION)
    return page, None


def sessions_view(request):
    """The sessions this user runs, with links to their questions and attendance."""
    sessions = list(sessions_run_by(user=request.user))
    if not sessions and not request.user.has_perm(RUN_PERMISSION):
        return permission_denied_response(request, permission=RUN_PERMISSION)
    return TemplateResponse(
        request,
        f"{TEMPLATES}/sessions.html",
        {"sessions": sessions, "now": timezone.now()},
    )


def questions_view(request, page_id: int):
    """The learners' questions by agenda item; reloads itself during the session."""
    page, denied = _session_for(request, page_id)
    if denied:
        return denied
    groups = questions_grouped(page=page)
    now = timezone.now()
    return TemplateResponse(
        request,
        f"{TEMPLATES}/questions.html",
        {
            "page": page,
            "groups": groups,
            "total": sum(group.count for group in groups),
            "refresh_seconds": (
                QUESTIONS_REFRESH_SECONDS
                if page.starts_at and now < page.ends_at
                else None
            ),
            "checked_at": now,
        },
    )


@require_http_methods(["GET", "POST"])
def attendance_view(request, page_id: int):
    """Tick who attended, by cohort; or import an attendee report."""
    page, denied = _session_for(request, page_id)
    if denied:
        return denied
    url = reverse("live_sessions_attendance", args=[page.pk])
    import_form = AttendanceImportForm()
    result = None
    status = 200
    if request.method == "POST" and "import" in request.POST:
        import_form = AttendanceImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            try:
                result = attendance_import_csv(
                    page=page,
                    data=import_form.cleaned_data["report"].read(),
                    user=request.user,
                    now=timezone.now(),
                )
            except SessionRejected as rejected:
                import_form.add_error("report", rejected.message)
                status = 400
        else:
            status = 400
    elif request.method == "POST":
        ids = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
        changed = attendance_mark(
            page=page, attended_ids=ids, user=request.user, now=timezone.now()
        )
        messages.success(request, f"Attendance saved ({changed} changed).")
        return HttpResponseRedirect(url)
    return TemplateResponse(
        request,
        f"{TEMPLATES}/attendance.html",
        {
            "page": page,
            "cohorts": attendance_by_cohort(page=page),
            "import_form": import_form,
            "result": result,
        },
        status=status,
    )


@admin_permission_required(ANALYTICS_PERMISSION)
def attendance_report_view(request):
    """Attendance per session, cohort and office (groups under 5 not shown)."""
    return TemplateResponse(
        request,
        f"{TEMPLATES}/attendance_report.html",
        {"sessions": attendance_report()},
    )
