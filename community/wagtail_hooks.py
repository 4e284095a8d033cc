"""The "Community" admin menu: threads and open reports, for facilitators.

Read-only lists; each row links to the thread in its cohort space, where
facilitators pin, lock, hide, move, resolve reports and curate.
"""

from django.contrib.admin import SimpleListFilter
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html

from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from community.managers.admin import ManagerAdmin
from community.membership import is_facilitator
from community.models import PostReport, Thread
from community.pulse.admin import PulseResponseAdmin
from hub.admin_permissions import ReadOnlyPermissionHelper


def _thread_link(thread: Thread, *, anchor: int | None = None):
    url = reverse(
        "community_thread",
        kwargs={"cohort_slug": thread.cohort.slug, "thread_id": thread.pk},
    )
    if anchor:
        url = f"{url}#post-{anchor}"
    return format_html('<a href="{}">Open in the space</a>', url)


class ThreadAdmin(ModelAdmin):
    """Every thread in every cohort space, most recently active first."""

    model = Thread
    menu_label = "Threads"
    menu_icon = "comment"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = (
        "title",
        "cohort",
        "kind",
        "author",
        "pinned",
        "locked",
        "is_hidden",
        "view_count",
        "last_activity_at",
        "open_link",
    )
    list_filter = ("cohort", "kind", "pinned", "locked")
    search_fields = ("title", "author__email", "author__last_name")
    list_select_related = ("cohort", "author")
    ordering = ("-last_activity_at",)

    @staticmethod
    def is_hidden(thread):
        return thread.is_hidden

    is_hidden.short_description = "Hidden"
    is_hidden.boolean = True

    @staticmethod
    def open_link(thread):
        return _thread_link(thread)

    open_link.short_description = "Thread"


class ReportStatusFilter(SimpleListFilter):
    """Open reports, or those already dealt with."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Dealt with")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


class PostReportAdmin(ModelAdmin):
    """Reports members filed, open ones first."""

    model = PostReport
    menu_label = "Reports"
    menu_icon = "warning"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = (
        "thread",
        "cohort",
        "reason",
        "reporter",
        "created_at",
        "state",
        "open_link",
    )
    list_filter = (ReportStatusFilter, "thread__cohort")
    list_select_related = ("thread__cohort", "reporter", "post")
    search_fields = ("reason", "thread__title", "reporter__email")

    @staticmethod
    def cohort(report):
        return report.thread.cohort

    @staticmethod
    def state(report):
        return "Dealt with" if report.resolved_at else "Open"

    state.short_description = "Status"

    @staticmethod
    def open_link(report):
        return _thread_link(report.thread, anchor=report.post_id)

    open_link.short_description = "Thread"


class CohortSpacesMenuItem(MenuItem):
    """A link from the admin to the cohort spaces, where facilitators act."""

    def is_shown(self, request):
        return is_facilitator(request.user)


class CommunityGroup(ModelAdminGroup):
    menu_label = "Community"
    menu_icon = "group"
    menu_order = 210
    items = (ThreadAdmin, PostReportAdmin)

    def get_submenu_items(self):
        return [
            CohortSpacesMenuItem(
                "Cohort spaces",
                reverse_lazy("community_spaces"),
                name="community-spaces",
                icon_name="group",
                order=0,
            ),
            *super().get_submenu_items(),
        ]


modeladmin_register(CommunityGroup)
modeladmin_register(ManagerAdmin)
modeladmin_register(PulseResponseAdmin)
