"""The "Managers" admin menu: line managers synced from the roster, read only.

Registered when ``community.notices`` is imported (from the app's ``ready``),
because Wagtail only auto-imports ``wagtail_hooks`` modules.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Lower

from wagtail_modeladmin.options import ModelAdmin

from boosters.models import EnrollmentStatus, Learner, Manager
from hub.admin_permissions import ReadOnlyPermissionHelper


class ManagerAdmin(ModelAdmin):
    """Who gets a weekly digest, where it is timed, and who opted out."""

    model = Manager
    menu_label = "Managers"
    menu_icon = "user"
    menu_order = 210
    add_to_admin_menu = True
    permission_helper_class = ReadOnlyPermissionHelper  # written by roster sync
    inspect_view_enabled = True
    list_display = ("email", "name", "time_zone", "opted_out_at", "team_size")
    list_filter = ("time_zone",)
    search_fields = ("email", "name")

    def get_queryset(self, request):
        # One subquery for the whole list, not a count per row.
        team = (
            Learner.objects.filter(
                manager_email__iexact=OuterRef("email"),
                enrollments__status=EnrollmentStatus.ACTIVE,
            )
            .order_by()
            .values(key=Lower("manager_email"))
            .annotate(total=Count("pk", distinct=True))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(team_total=Coalesce(Subquery(team), 0))
        )

    @staticmethod
    def team_size(manager):
        return manager.team_total

    team_size.short_description = "Team size"
    team_size.admin_order_field = "team_total"
