"""Tabular booster reports with CSV and XLSX export: deliveries, answers, progress.

Wagtail's ``ReportView`` lists and paginates; ``hub.exports`` exports
(``?export=csv`` or ``?export=xlsx``), streamed. The filters are the
dashboard's (program, cohort, office or region, dates), so an export holds
exactly the rows on screen. Reports need ``boosters.view_analytics``, exports
``boosters.export_learner_data`` as well.
"""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, Trim

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

import django_filters

from boosters.analytics.filters import (
    AnalyticsFilters,
    answers_filtered,
    deliveries_filtered,
    enrollments_filtered,
)
from boosters.models import Answer, Cohort, Delivery, Enrollment, Program, QuestionState
from hub.admin_permissions import (
    ANALYTICS_PERMISSION,
    EXPORT_PERMISSION,
    AdminPermissionRequiredMixin,
)
from hub.exports import StreamingExportMixin


def region_choices() -> list[tuple[str, str]]:
    """Every cohort region and learner office, for the "office or region" filter."""
    from boosters.models import Learner

    names = set(Cohort.objects.exclude(region="").values_list("region", flat=True))
    names |= set(Learner.objects.exclude(office="").values_list("office", flat=True))
    return [(name, name) for name in sorted(names)]


class AnalyticsFilterSet(WagtailFilterSet):
    """The dashboard's filters; subclasses say how they apply to their rows."""

    # Labels are explicit: a method filter can't derive one from a model field.
    program = django_filters.ModelChoiceFilter(
        label="Program", queryset=Program.objects.all(), method="filter_noop"
    )
    cohort = django_filters.ModelChoiceFilter(
        label="Cohort",
        queryset=Cohort.objects.select_related("program"),
        method="filter_noop",
    )
    region = django_filters.ChoiceFilter(
        label="Office or region", choices=region_choices, method="filter_noop"
    )
    date_from = django_filters.DateFilter(
        label="From", widget=AdminDateInput, method="filter_noop"
    )
    date_to = django_filters.DateFilter(
        label="To", widget=AdminDateInput, method="filter_noop"
    )

    def filter_noop(self, queryset, name, value):
        return queryset

    def analytics_filters(self) -> AnalyticsFilters:
        data = self.form.cleaned_data
        return AnalyticsFilters(
            program_id=data["program"].pk if data.get("program") else None,
            cohort_id=data["cohort"].pk if data.get("cohort") else None,
            region=data.get("region") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def filter_queryset(self, queryset):
        filters = self.analytics_filters()
        if filters == AnalyticsFilters():
            return queryset  # no filter: skip a "pk IN (every row)" subquery
        return queryset.filter(pk__in=self.rows(filters=filters))

    def rows(self, *, filters: AnalyticsFilters):
        raise NotImplementedError


class DeliveryFilterSet(AnalyticsFilterSet):
    def rows(self, *, filters):
        return deliveries_filtered(filters=filters).values("pk")

    class Meta:
        model = Delivery
        fields = []


class AnswerFilterSet(AnalyticsFilterSet):
    def rows(self, *, filters):
        return answers_filtered(filters=filters).values("pk")

    class Meta:
        model = Answer
        fields = []


class LearnerProgressFilterSet(AnalyticsFilterSet):
    """Filters learners; the dates limit which answers count (see the view)."""

    def rows(self, *, filters):
        return enrollments_filtered(filters=filters).values("pk")

    class Meta:
        model = Enrollment
        fields = []


class AnalyticsReportView(
    AdminPermissionRequiredMixin, StreamingExportMixin, ReportView
):
    """A report of learner data whose invalid filters show no rows rather than all."""

    header_icon = "table"
    required_permission = ANALYTICS_PERMISSION
    export_permission = EXPORT_PERMISSION

    def filter_queryset(self, queryset):
        if self.filters and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)


class DeliveriesReportView(AnalyticsReportView):
    page_title = "Deliveries"
    filterset_class = DeliveryFilterSet
    index_url_name = "boosters_report_deliveries"
    index_results_url_name = "boosters_report_deliveries_results"
    export_filename = "deliveries"
    columns = [
        Column("learner", label="Learner", accessor="enrollment.learner.email"),
        Column("cohort", label="Cohort", accessor="enrollment.cohort.name"),
        Column("page", label="Item", accessor="page.title"),
        Column("showing", label="Showing"),
        Column("status", label="Status"),
        Column("sent_at", label="Sent"),
        Column("answered", label="Answered", accessor="answered"),
    ]
    list_export = [
        "enrollment.learner.email",
        "enrollment.cohort.name",
        "enrollment.learner.office",
        "page.title",
        "showing",
        "revision_id",
        "status",
        "status_reason",
        "due_at",
        "sent_at",
        "answered",
    ]
    export_headings = {
        "enrollment.learner.email": "Learner",
        "enrollment.cohort.name": "Cohort",
        "enrollment.learner.office": "Office",
        "page.title": "Item",
        "revision_id": "Revision",
        "answered": "Answered",
    }

    def get_queryset(self):
        # 1 or 0: an EXISTS per row, not a GROUP BY over every delivery.
        answered = Exists(Answer.objects.filter(delivery_id=OuterRef("pk")))
        return (
            Delivery.objects.select_related(
                "enrollment__learner", "enrollment__cohort", "page"
            )
            .annotate(answered=Cast(answered, output_field=IntegerField()))
            .order_by("-sent_at", "pk")
        )


class AnswersReportView(AnalyticsReportView):
    page_title = "Answers"
    filterset_class = AnswerFilterSet
    index_url_name = "boosters_report_answers"
    index_results_url_name = "boosters_report_answers_results"
    export_filename = "answers"
    columns = [
        Column("learner", label="Learner", accessor="learner.email"),
        Column("cohort", label="Cohort", accessor="delivery.enrollment.cohort.name"),
        Column("page", label="Question", accessor="page.title"),
        Column("choice_text", label="Choice"),
        Column("is_correct", label="Correct"),
        Column("showing", label="Showing"),
        Column("answered_at", label="Answered"),
    ]
    list_export = [
        "learner.email",
        "delivery.enrollment.cohort.name",
        "page.title",
        "revision_id",
        "showing",
        "choice_text",
        "is_correct",
        "channel",
        "answered_at",
        "seconds_to_answer",
    ]
    export_headings = {
        "learner.email": "Learner",
        "delivery.enrollment.cohort.name": "Cohort",
        "page.title": "Question",
        "revision_id": "Revision",
    }

    def get_queryset(self):
        return Answer.objects.select_related(
            "learner", "page", "delivery__enrollment__cohort"
        ).order_by("-answered_at", "pk")


class LearnerProgressReportView(AnalyticsReportView):
    """One row per learner in a cohort: answers, first-try successes, retired."""

    page_title = "Learner progress"
    filterset_class = LearnerProgressFilterSet
    index_url_name = "boosters_report_progress"
    index_results_url_name = "boosters_report_progress_results"
    export_filename = "learner-progress"
    columns = [
        Column("learner", label="Learner", accessor="learner.email"),
        Column("cohort", label="Cohort", accessor="cohort.name"),
        Column("answered", label="Answered"),
        Column("correct_first_try", label="Correct first try"),
        Column("retired_count", label="Retired"),
        Column("last_answer_at", label="Last answer"),
    ]
    list_export = [
        "learner.email",
        "learner.full_name",
        "learner.office",
        "cohort.name",
        "status",
        "answered",
        "first_try",
        "correct_first_try",
        "retired_count",
        "last_answer_at",
    ]
    export_headings = {
        "learner.email": "Learner",
        "learner.full_name": "Name",
        "learner.office": "Office",
        "cohort.name": "Cohort",
        "status": "Enrolment",
        "answered": "Answered",
        "first_try": "Answered first try",
        "correct_first_try": "Correct first try",
        "retired_count": "Retired questions",
        "last_answer_at": "Last answer",
    }
    export_expressions = {
        "learner.full_name": Trim(
            Concat("learner__first_name", Value(" "), "learner__last_name")
        ),
    }

    def get_queryset(self):
        period = AnalyticsFilters()
        if self.filters and self.filters.is_valid():
            period = self.filters.analytics_filters()
        answer = Q()
        if period.starts_at:
            answer &= Q(deliveries__answer__answered_at__gte=period.starts_at)
        if period.ends_before:
            answer &= Q(deliveries__answer__answered_at__lt=period.ends_before)
        retired = (
            QuestionState.objects.filter(enrollment_id=OuterRef("pk"), retired=True)
            .values("enrollment_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        # All counts follow one join path (deliveries -> answer), so they don't
        # multiply; retired questions come from a subquery for the same reason.
        return (
            Enrollment.objects.select_related("learner", "cohort")
            .annotate(
                answered=Count("deliveries__answer", filter=answer),
                first_try=Count(
                    "deliveries__answer",
                    filter=answer & Q(deliveries__answer__showing=1),
                ),
                correct_first_try=Count(
                    "deliveries__answer",
                    filter=answer
                    & Q(
                        deliveries__answer__showing=1,
                        deliveries__answer__is_correct=True,
                    ),
                ),
                last_answer_at=Max("deliveries__answer__answered_at", filter=answer),
                retired_count=Coalesce(
                    Subquery(retired, output_field=IntegerField()), 0
                ),
            )
            .order_by("cohort__name", "learner__email")
        )
