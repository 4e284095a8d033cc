"""Permission helpers shared by the hub's admin: modeladmin lists, analytics, exports."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from wagtail_modeladmin.helpers import PermissionHelper

# Learner data leaves the hub only through these two (see README, "Who sees
# learner data"); the demo's "L&D leads" group holds both.
ANALYTICS_PERMISSION = "boosters.view_analytics"
EXPORT_PERMISSION = "boosters.export_learner_data"

_PERMISSION_NAMES = {
    ANALYTICS_PERMISSION: "view learning analytics",
    EXPORT_PERMISSION: "export learner data",
}


class ReadOnlyPermissionHelper(PermissionHelper):
    """Rows the hub writes itself (deliveries, answers, managers, reports...):
    editors read them in the admin and act elsewhere, nobody edits them by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class LearnerResultsPermissionHelper(ReadOnlyPermissionHelper):
    """Read-only rows that are learners' results (answers, question states):
    they count as analytics, so listing them needs ``view_analytics`` too."""

    def user_can_list(self, user):
        return user_can_view_analytics(user) and super().user_can_list(user)

    def user_can_inspect_obj(self, user, obj):
        return user_can_view_analytics(user) and super().user_can_inspect_obj(user, obj)


def user_can_view_analytics(user) -> bool:
    return user.has_perm(ANALYTICS_PERMISSION)


def user_can_export_learner_data(user) -> bool:
    return user.has_perm(EXPORT_PERMISSION)


def permission_denied_response(
    request: HttpRequest, *, permission: str
) -> HttpResponse:
    """A 403 admin page that says which permission is missing.

    Wagtail's own ``PermissionDenied`` handling redirects to the dashboard
    with a flash message (a 302); learner data answers a plain 403 instead.
    """
    return TemplateResponse(
        request,
        "hub/admin_permission_denied.html",
        {"permission_name": _PERMISSION_NAMES.get(permission, permission)},
        status=403,
    )


def admin_permission_required(permission: str) -> Callable:
    """Decorate an admin function view: without ``permission``, a 403 page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                return permission_denied_response(request, permission=permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class AdminPermissionRequiredMixin:
    """For an admin class-based view: without ``required_permission``, a 403 page."""

    required_permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            return permission_denied_response(
                request, permission=self.required_permission
            )
        return super().dispatch(request, *args, **kwargs)
