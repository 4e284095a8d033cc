"""The "Pulse responses" admin list: what learners want from the course, read only.

Editors (those who may change programs) and facilitators read it before the
course. Registered when ``community.notices`` is imported (from the app's
``ready``), because Wagtail only auto-imports ``wagtail_hooks`` modules.
"""

from django.utils.text import Truncator

from wagtail_modeladmin.options import ModelAdmin

from community.membership import is_facilitator
from community.models import PulseResponse
from hub.admin_permissions import ReadOnlyPermissionHelper

PROGRAM_EDITOR_PERMISSION = "boosters.change_program"
ANSWER_EXCERPT_CHARS = 160  # the inspect view shows the whole answer


class PulseResponsePermissionHelper(ReadOnlyPermissionHelper):
    """Answers are the learners' own words: listed for editors and facilitators,
    never created, edited or deleted here."""

    def user_can_list(self, user):
        return (
            is_facilitator(user)
            or user.has_perm(PROGRAM_EDITOR_PERMISSION)
            or super().user_can_list(user)
        )

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and self.user_can_list(user)


class PulseResponseAdmin(ModelAdmin):
    """Each learner's answer to their program's pulse question, newest first."""

    model = PulseResponse
    menu_label = "Pulse responses"
    menu_icon = "help"
    menu_order = 220
    add_to_admin_menu = True
    permission_helper_class = PulseResponsePermissionHelper
    inspect_view_enabled = True
    list_display = ("program", "cohort", "learner", "answer_excerpt", "answered_at")
    list_filter = ("enrollment__cohort__program", "enrollment__cohort")
    list_select_related = ("enrollment__cohort__program", "enrollment__learner")
    search_fields = ("answer", "enrollment__learner__email")
    ordering = ("-answered_at",)

    @staticmethod
    def program(response):
        return response.enrollment.cohort.program

    @staticmethod
    def cohort(response):
        return response.enrollment.cohort

    @staticmethod
    def learner(response):
        return response.enrollment.learner.full_name or response.enrollment.learner

    @staticmethod
    def answer_excerpt(response):
        return Truncator(response.answer).chars(ANSWER_EXCERPT_CHARS)

    program.short_description = "Program"
    cohort.short_description = "Cohort"
    learner.short_description = "Learner"
    answer_excerpt.short_description = "Answer"
