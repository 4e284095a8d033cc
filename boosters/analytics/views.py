"""Admin views for analytics: the cohort dashboard and question analytics.

Thin: they parse the filters, call ``boosters.analytics`` and render. Bad
filter input is shown on the form, never a server error. Each needs
``boosters.view_analytics`` (a 403 page without it).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from boosters.analytics.attention import (
    ATTENTION_DISCRIMINATION_TOO_LOW,
    ATTENTION_FIRST_TRY_TOO_HIGH,
    ATTENTION_FIRST_TRY_TOO_LOW,
    ATTENTION_MIN_ANSWERS,
    question_attention_list,
)
from boosters.analytics.charts import proficiency_chart, weekly_answer_rate_chart
from boosters.analytics.checkins import application_rates
from boosters.analytics.cohorts import cohort_dashboard
from boosters.analytics.languages import question_proficiency_by_language
from boosters.analytics.questions import question_analytics
from boosters.analytics.reports import LearnerProgressFilterSet
from boosters.models import BoosterQuestionPage, Enrollment
from hub.admin_permissions import ANALYTICS_PERMISSION, admin_permission_required

TEMPLATES = "boosters/admin/analytics"


@admin_permission_required(ANALYTICS_PERMISSION)
def dashboard_view(request):
    """Per-cohort figures, weekly answer rate and proficiency by topic."""
    filterset = LearnerProgressFilterSet(
        data=request.GET, queryset=Enrollment.objects.none(), request=request
    )
    dashboard = None
    if filterset.is_valid():
        dashboard = cohort_dashboard(
            filters=filterset.analytics_filters(), now=timezone.now()
        )
    context = {
        "form": filterset.form,
        "dashboard": dashboard,
        "query": request.GET.urlencode(),
    }
    if dashboard is not None:
        context["weekly_chart"] = weekly_answer_rate_chart(
            chart_id="weekly-answer-rate", weeks=dashboard.weeks
        )
        context["proficiency_chart"] = proficiency_chart(
            chart_id="proficiency-by-topic", topics=dashboard.topics
        )
        context["application"] = application_rates(
            filters=filterset.analytics_filters()
        )
    return TemplateResponse(request, f"{TEMPLATES}/dashboard.html", context)


@admin_permission_required(ANALYTICS_PERMISSION)
def question_view(request, page_id: int):
    """One question's figures at one delivered revision, with a revision picker."""
    page = get_object_or_404(BoosterQuestionPage, pk=page_id)
    revision = request.GET.get("revision", "")
    if revision and not revision.isdigit():
        raise Http404("No such revision.")
    analytics = question_analytics(
        page=page, revision_id=int(revision) if revision else None
    )
    by_language = question_proficiency_by_language(
        page=page, revision_id=analytics.revision_id
    )
    return TemplateResponse(
        request,
        f"{TEMPLATES}/question.html",
        {"page": page, "analytics": analytics, "by_language": by_language},
    )


@admin_permission_required(ANALYTICS_PERMISSION)
def attention_view(request):
    """Every answered question, the ones that need a look first."""
    questions = question_attention_list()
    return TemplateResponse(
        request,
        f"{TEMPLATES}/attention.html",
        {
            "questions": questions,
            "flagged": sum(1 for q in questions if q.reasons),
            "min_answers": ATTENTION_MIN_ANSWERS,
            "too_low": ATTENTION_FIRST_TRY_TOO_LOW,
            "too_high": ATTENTION_FIRST_TRY_TOO_HIGH,
            "discrimination_low": ATTENTION_DISCRIMINATION_TOO_LOW,
        },
    )
