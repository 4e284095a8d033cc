"""The "Boosters" admin menu: programs, cohorts, learners, enrolments, deliveries."""

from django.contrib import messages
from django.contrib.admin import BooleanFieldListFilter
from django.urls import reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import CreateView, EditView, IndexView

from boosters.drip.editor import (
    EMAIL_TEST_URL_NAME,
    email_test_buttons,
    page_email_test_view,
    pending_sends_warn,
)
from boosters.drip.missing_translations_views import missing_translations_noted
from boosters.drip.previews import email_preview_response
from boosters.learners.admin_forms import LearnerAdminForm
from boosters.learners.bulk_views import ENROLLMENT_ACTIONS, LEARNER_ACTIONS
from boosters.models import (
    Answer,
    Cohort,
    Delivery,
    Enrollment,
    Learner,
    Program,
    QuestionState,
)
from boosters.models.programs import PAUSED_LABEL, SENDING_LABEL
from boosters.planning.admin_views import CohortPlanView, ProgramTimelineView
from boosters.planning.sync import (
    cohort_plan_sync,
    enrollment_plan_sync,
    learners_plan_sync,
    program_plan_sync,
)
from home.models.mixins import EMAIL_PREVIEW_HOOK
from hub.admin_permissions import (
    LearnerResultsPermissionHelper,
    ReadOnlyPermissionHelper,
    user_can_view_analytics,
)


class PlanSyncMixin:
    """After a save, bring the affected deliveries in line with the plan."""

    def plan_sync(self, instance):
        raise NotImplementedError

    def form_valid(self, form):
        response = super().form_valid(form)
        result = self.plan_sync(self.instance)
        if result.changed:
            messages.info(
                self.request,
                f"Plan updated: {result.created} deliveries planned, "
                f"{result.retimed} re-timed, {result.cancelled} cancelled.",
            )
        return response


def plan_sync_views(sync):
    """Create and edit views for a model admin that run ``sync`` after saving."""

    class Create(PlanSyncMixin, CreateView):
        def plan_sync(self, instance):
            return sync(instance)

    class Edit(PlanSyncMixin, EditView):
        def plan_sync(self, instance):
            return sync(instance)

    return Create, Edit


class ProgramButtonHelper(ButtonHelper):
    """A program's inspect view is its timeline, and says so."""

    def inspect_button(self, pk, *args, **kwargs):
        button = super().inspect_button(pk, *args, **kwargs)
        button.update(label="Timeline", title="See this program's steps by day")
        return button


class ProgramAdmin(ModelAdmin):
    model = Program
    button_helper_class = ProgramButtonHelper
    inspect_view_enabled = True
    inspect_view_class = ProgramTimelineView
    index_view_extra_css = ["boosters/css/plan.css"]
    create_view_class, edit_view_class = plan_sync_views(
        lambda program: program_plan_sync(program_id=program.pk)
    )
    # A note when some cohort's language lacks translations (P12).
    edit_view_class = missing_translations_noted(edit_view_class)
    menu_icon = "list-ol"
    list_display = ("name", "slug", "step_count")
    search_fields = ("name", "slug")

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(step_total=Count("steps"))

    @staticmethod
    def step_count(program):
        return program.step_total

    step_count.short_description = "Steps"


class CohortButtonHelper(ButtonHelper):
    """A cohort's inspect view is its plan; adds "Import roster" to each cohort
    editors may edit."""

    def inspect_button(self, pk, *args, **kwargs):
        button = super().inspect_button(pk, *args, **kwargs)
        button.update(label="Plan", title="Who gets what, day by day")
        return button

    def get_buttons_for_obj(self, obj, *args, **kwargs):
        buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
        if self.permission_helper.user_can_edit_obj(self.request.user, obj):
            buttons.append(
                {
                    "url": reverse("boosters_roster_import", args=[obj.pk]),
                    "label": "Import roster",
                    "classname": self.finalise_classname(self.edit_button_classnames),
                    "title": f"Import learners into {obj} from a CSV file",
                }
            )
        return buttons


class CohortSendingFilter(BooleanFieldListFilter):
    """The "paused" filter, in the words the list uses instead of Yes and No."""

    LABELS = ("All", PAUSED_LABEL, SENDING_LABEL)  # the parent's order: all, 1, 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "sending"

    def choices(self, changelist):
        for choice, label in zip(
            super().choices(changelist), self.LABELS, strict=False
        ):
            yield {**choice, "display": label}


class CohortAdmin(ModelAdmin):
    model = Cohort
    button_helper_class = CohortButtonHelper
    inspect_view_enabled = True
    inspect_view_class = CohortPlanView
    index_view_extra_css = ["boosters/css/plan.css"]
    create_view_class, edit_view_class = plan_sync_views(
        lambda cohort: cohort_plan_sync(cohort=cohort)
    )
    edit_view_class = missing_translations_noted(edit_view_class)
    menu_icon = "group"
    # Sending second: on a phone it is the column still in view beside the name.
    list_display = (
        "name",
        "sending",
        "program",
        "region",
        "time_zone",
        "anchor_date",
        "send_time",
    )
    list_filter = ("program", ("paused", CohortSendingFilter), "region")
    search_fields = ("name", "slug", "region")

    @staticmethod
    def sending(cohort):
        return cohort.sending_label

    sending.short_description = "Sending"


class BulkActionsMixin:
    """A checkbox on each row and an action bar above the list, for those who
    may change the rows (the actions are ``boosters.learners.bulk_views``)."""

    bulk_url_name = ""
    bulk_actions: dict = {}
    bulk_noun = ""

    def bulk_allowed(self, request) -> bool:
        return self.permission_helper.user_can_edit_obj(request.user, None)

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        return ("bulk_select", *columns) if self.bulk_allowed(request) else columns

    def get_list_display_add_buttons(self, request):
        # The edit link and buttons stay on the first real column.
        return self.list_display[0]

    def bulk_select(self, obj):
        return format_html(
            '<input type="checkbox" name="id" value="{}" form="bulk-form" '
            'aria-label="Choose {}">',
            obj.pk,
            obj,
        )

    bulk_select.short_description = "Choose"
    bulk_select.allow_tags = True


class BulkIndexView(IndexView):
    """A model admin's list with the bulk action bar (``BulkActionsMixin``)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        admin = self.model_admin
        if admin.bulk_allowed(self.request):
            context |= {
                "bulk_url": reverse(admin.bulk_url_name),
                "bulk_actions": admin.bulk_actions,
                "bulk_noun": admin.bulk_noun,
            }
        return context


class LearnerAdmin(BulkActionsMixin, ModelAdmin):
    model = Learner
    bulk_url_name = "boosters_learners_bulk"
    bulk_actions = LEARNER_ACTIONS
    bulk_noun = "learner"
    index_view_class = BulkIndexView
    edit_handler = ObjectList(Learner.panels, base_form_class=LearnerAdminForm)
    # A learner's own time zone times their deliveries in every cohort.
    create_view_class, edit_view_class = plan_sync_views(
        lambda learner: learners_plan_sync(learner_ids=[learner.pk])
    )
    menu_icon = "user"
    list_display = (
        "email",
        "first_name",
        "last_name",
        "office",
        "time_zone",
        "language",
        "subscription",
    )
    list_filter = ("subscription", "office", "language")
    search_fields = ("email", "first_name", "last_name", "office", "manager_email")


class EnrollmentAdmin(BulkActionsMixin, ModelAdmin):
    model = Enrollment
    bulk_url_name = "boosters_enrollments_bulk"
    bulk_actions = ENROLLMENT_ACTIONS
    bulk_noun = "enrolment"
    index_view_class = BulkIndexView
    create_view_class, edit_view_class = plan_sync_views(
        lambda enrollment: enrollment_plan_sync(enrollment=enrollment)
    )
    menu_icon = "link"
    list_display = ("learner", "cohort", "status", "enrolled_at")
    list_filter = ("cohort", "status")
    search_fields = ("learner__email", "learner__last_name", "cohort__name")
    list_select_related = ("learner", "cohort")


class EnrollmentColumns:
    """List columns for rows that belong to an enrolment."""

    @staticmethod
    def learner_email(obj):
        return obj.enrollment.learner.email

    @staticmethod
    def cohort(obj):
        return obj.enrollment.cohort


class DeliveryAdmin(EnrollmentColumns, ModelAdmin):
    """Deliveries are written by the drip engine only; editors read them."""

    model = Delivery
    permission_helper_class = ReadOnlyPermissionHelper
    menu_icon = "mail"
    inspect_view_enabled = True
    list_display = (
        "page",
        "learner_email",
        "cohort",
        "local_date",
        "due_at",
        "showing",
        "status",
        "status_reason",
    )
    list_filter = ("enrollment__cohort", "status", "showing", "local_date")
    search_fields = ("enrollment__learner__email", "page__title")
    list_select_related = ("page", "enrollment__learner", "enrollment__cohort")


class AnswerAdmin(ModelAdmin):
    """Every recorded answer: who, which question, which choice, how fast."""

    model = Answer
    menu_icon = "tick-inverse"
    permission_helper_class = LearnerResultsPermissionHelper
    inspect_view_enabled = True
    list_display = (
        "learner",
        "page",
        "choice_text",
        "is_correct",
        "showing",
        "channel",
        "answered_at",
        "time_to_answer",
    )
    list_filter = ("is_correct", "channel", "showing", "delivery__enrollment__cohort")
    search_fields = ("learner__email", "page__title", "choice_text")
    list_select_related = ("learner", "page")

    @staticmethod
    def time_to_answer(answer):
        seconds = answer.seconds_to_answer
        if seconds is None:
            return "—"
        if seconds < 3600:
            return f"{seconds // 60} min"
        if seconds < 86400:
            return f"{seconds // 3600} h {seconds % 3600 // 60} min"
        return f"{seconds // 86400} d {seconds % 86400 // 3600} h"

    time_to_answer.short_description = "Time to answer"


class QuestionStateAdmin(EnrollmentColumns, ModelAdmin):
    """Where each learner stands with each question: next due, streak, retired."""

    model = QuestionState
    menu_label = "Question states"
    menu_icon = "history"
    permission_helper_class = LearnerResultsPermissionHelper
    inspect_view_enabled = True
    list_display = (
        "learner_email",
        "page",
        "cohort",
        "showings",
        "correct_streak",
        "retired",
        "next_due_on",
        "last_result",
    )
    list_filter = ("retired", "last_result", "enrollment__cohort")
    search_fields = ("enrollment__learner__email", "page__title")
    list_select_related = ("enrollment__learner", "enrollment__cohort", "page")


class BoostersGroup(ModelAdminGroup):
    menu_label = "Boosters"
    menu_icon = "mail"
    menu_order = 200
    items = (
        ProgramAdmin,
        CohortAdmin,
        LearnerAdmin,
        EnrollmentAdmin,
        DeliveryAdmin,
        AnswerAdmin,
        QuestionStateAdmin,
    )


modeladmin_register(BoostersGroup)


@hooks.register("register_admin_urls")
def register_missing_translations_url():
    from django.urls import path

    from boosters.drip.missing_translations_views import missing_translations_view

    return [
        path(
            "boosters/reports/missing-translations/",
            missing_translations_view,
            name="boosters_missing_translations",
        )
    ]


class MissingTranslationsMenuItem(MenuItem):
    """In Reports, for those who may submit translations."""

    def is_shown(self, request):
        from boosters.drip.missing_translations_views import TRANSLATE_PERMISSION

        return request.user.has_perm(TRANSLATE_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return MissingTranslationsMenuItem(
        "Missing translations",
        reverse("boosters_missing_translations"),
        icon_name="globe",
        order=900,
    )


@hooks.register("register_admin_urls")
def register_roster_import_urls():
    from boosters.urls import urlpatterns

    return urlpatterns


# --- Analytics: the cohort dashboard, question analytics and reports ---------


@hooks.register("register_admin_urls")
def register_analytics_urls():
    from django.urls import path

    from boosters.analytics.reports import (
        AnswersReportView,
        DeliveriesReportView,
        LearnerProgressReportView,
    )
    from boosters.analytics.views import attention_view, dashboard_view, question_view
    from boosters.checkins.admin_views import StoriesReportView, story_curate_view

    reports = [
        ("deliveries", DeliveriesReportView),
        ("answers", AnswersReportView),
        ("progress", LearnerProgressReportView),
    ]
    urls = [
        path(
            "boosters/analytics/", dashboard_view, name="boosters_analytics_dashboard"
        ),
        path(
            "boosters/analytics/questions/",
            attention_view,
            name="boosters_analytics_attention",
        ),
        path(
            "boosters/analytics/questions/<int:page_id>/",
            question_view,
            name="boosters_analytics_question",
        ),
        path(
            "boosters/reports/stories/<int:answer_id>/use/",
            story_curate_view,
            name="boosters_checkin_story_curate",
        ),
    ]
    reports.append(("stories", StoriesReportView))
    for slug, view in reports:
        urls += [
            path(
                f"boosters/reports/{slug}/",
                view.as_view(),
                name=f"boosters_report_{slug}",
            ),
            path(
                f"boosters/reports/{slug}/results/",
                view.as_view(results_only=True),
                name=f"boosters_report_{slug}_results",
            ),
        ]
    return urls


class AnalyticsMenuItem(MenuItem):
    """An analytics page in the menu, for those who may view analytics."""

    def is_shown(self, request):
        return user_can_view_analytics(request.user)


@hooks.register("register_admin_menu_item")
def register_analytics_menu():
    from wagtail.admin.menu import Menu, SubmenuMenuItem

    items = [
        ("Cohort dashboard", "boosters_analytics_dashboard", "table"),
        ("Questions needing attention", "boosters_analytics_attention", "warning"),
        ("Deliveries report", "boosters_report_deliveries", "mail"),
        ("Answers report", "boosters_report_answers", "tick-inverse"),
        ("Learner progress", "boosters_report_progress", "user"),
        ("Application stories", "boosters_report_stories", "openquote"),
    ]
    menu = Menu(
        items=[
            AnalyticsMenuItem(label, reverse(name), icon_name=icon, order=order)
            for order, (label, name, icon) in enumerate(items)
        ]
    )
    # Shown only when one of its items is: to holders of view_analytics.
    return SubmenuMenuItem("Analytics", menu, icon_name="table", order=210)


@hooks.register("construct_homepage_panels")
def hub_dashboard_panels(request, panels):
    """The hub dashboard on the admin home: the panels this user may see."""
    from boosters.analytics.panels import hub_panels_for

    panels.extend(hub_panels_for(user=request.user))


@hooks.register("register_page_header_buttons")
def question_analytics_button(page, user, view_name=None, next_url=None):
    """ "Answer analytics" in a booster question's header menu."""
    from wagtail.admin.ui.menus.pages import PageMenuItem

    from boosters.questions.pages import BoosterQuestionPage

    if page.specific_class is BoosterQuestionPage and user_can_view_analytics(user):
        yield PageMenuItem(
            label="Answer analytics",
            url=reverse("boosters_analytics_question", args=[page.pk]),
            icon_name="table",
            priority=66,
            page=page,
        )


# --- The drip engine in the page editor ----------------------------------------


@hooks.register(EMAIL_PREVIEW_HOOK)
def render_email_preview(*, page):
    """The "Email" preview of a drippable page: its email as a learner gets it."""
    return email_preview_response(page=page)


@hooks.register("register_admin_urls")
def register_email_test_url():
    from django.urls import path

    return [
        path(
            "pages/<int:page_id>/email-test/",
            page_email_test_view,
            name=EMAIL_TEST_URL_NAME,
        )
    ]


hooks.register("register_page_header_buttons", email_test_buttons)
hooks.register("before_edit_page", pending_sends_warn)
