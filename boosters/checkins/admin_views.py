"""Admin views for check-in stories: the listing editors curate from, and
"Use in feedback".

Who reads story text: stories are learners' answers, so the listing needs
``boosters.view_analytics`` (the demo's "L&D leads"), like every other list of
learners' results. It shows only stories their authors let others read:
"share with my cohort" and "L&D may use it in content". Private stories are
counted, never shown. Only "content" stories can be curated, by someone who
may also edit the booster question in Wagtail (its page permissions).
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

import django_filters

from boosters.analytics.reports import AnalyticsReportView
from boosters.checkins.curation import (
    StoryCurationRejected,
    story_credit,
    story_curate,
    story_curation_problem,
)
from boosters.checkins.pages import ApplicationCheckInPage
from boosters.models import BoosterQuestionPage, CheckInAnswer, Cohort, StoryConsent
from home.models import TopicPage
from hub.admin_permissions import ANALYTICS_PERMISSION, admin_permission_required

TEMPLATES = "boosters/admin/checkins"
STORY_PREVIEW_CHARS = 400
SHOWN_CONSENTS = (StoryConsent.COHORT, StoryConsent.CONTENT)
_REVIEW_MESSAGES = {
    "submitted": "The story is in a new draft of “{title}”, submitted for review.",
    "in review": "The story is in the draft of “{title}” that is in review now.",
    "draft": "The story is in a new draft of “{title}”. Publish it when ready.",
}


class StoryFilterSet(WagtailFilterSet):
    """Filter stories by check-in, topic, cohort and who may read them."""

    check_in = django_filters.ModelChoiceFilter(
        label="Check-in",
        queryset=ApplicationCheckInPage.objects.order_by("title"),
        method="filter_check_in",
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=TopicPage.objects.order_by("title"),
        method="filter_topic",
    )
    cohort = django_filters.ModelChoiceFilter(
        label="Cohort",
        queryset=Cohort.objects.select_related("program"),
        field_name="enrollment__cohort",
    )
    consent = django_filters.ChoiceFilter(
        label="Who may read it",
        choices=[(c.value, c.label) for c in SHOWN_CONSENTS],
        field_name="story_consent",
    )

    def filter_check_in(self, queryset, name, value):
        return queryset.filter(page_id=value.pk)

    def filter_topic(self, queryset, name, value):
        return queryset.filter(page__path__startswith=value.path)

    class Meta:
        model = CheckInAnswer
        fields = []


class StoryColumn(Column):
    """The story, who may read it and when it was told, with "Use in feedback"."""

    cell_template_name = f"{TEMPLATES}/story_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            story=Truncator(instance.story).chars(STORY_PREVIEW_CHARS),
            curatable=instance.story_consent == StoryConsent.CONTENT
            and instance.curated_page_id is None,
            curate_url=reverse("boosters_checkin_story_curate", args=[instance.pk]),
        )
        return context


def _learner(answer) -> str:
    return story_credit(answer=answer)


def _curated(answer):
    if answer.curated_page_id is None:
        return ""
    return format_html(
        '<a href="{}">{}</a>',
        reverse("wagtailadmin_pages:edit", args=[answer.curated_page_id]),
        answer.curated_page.title,
    )


class StoriesReportView(AnalyticsReportView):
    """Stories learners told after "I tried it" and let others read."""

    page_title = "Application stories"
    verbose_name_plural = "stories"
    header_icon = "openquote"
    template_name = f"{TEMPLATES}/stories.html"
    filterset_class = StoryFilterSet
    index_url_name = "boosters_report_stories"
    index_results_url_name = "boosters_report_stories_results"
    export_filename = "application-stories"
    columns = [
        Column("learner", label="Learner", accessor=_learner),
        Column("cohort", label="Cohort", accessor="enrollment.cohort.name"),
        Column("check_in", label="Check-in", accessor="page.title"),
        StoryColumn("story", label="Story"),
        Column("curated", label="In feedback of", accessor=_curated),
    ]
    list_export = [
        "enrollment.learner.full_name",
        "enrollment.learner.office",
        "enrollment.cohort.name",
        "page.title",
        "story_consent",
        "story",
        "story_at",
        "curated_page.title",
    ]
    export_headings = {
        "enrollment.learner.full_name": "Learner",
        "enrollment.learner.office": "Office",
        "enrollment.cohort.name": "Cohort",
        "page.title": "Check-in",
        "story_consent": "Who may read it",
        "story_at": "Told",
        "curated_page.title": "In feedback of",
    }

    def get_queryset(self):
        return (
            CheckInAnswer.objects.filter(
                story_at__isnull=False, story_consent__in=SHOWN_CONSENTS
            )
            .exclude(story="")
            .select_related(
                "enrollment__learner", "enrollment__cohort", "page", "curated_page"
            )
            .order_by("-story_at", "-pk")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["consent_counts"] = CheckInAnswer.objects.filter(
            story_at__isnull=False
        ).aggregate(
            private=Count("pk", filter=Q(story_consent=StoryConsent.PRIVATE)),
            cohort=Count("pk", filter=Q(story_consent=StoryConsent.COHORT)),
            content=Count("pk", filter=Q(story_consent=StoryConsent.CONTENT)),
        )
        return context


@admin_permission_required(ANALYTICS_PERMISSION)
def story_curate_view(request, answer_id: int):
    """GET: the story, its credit and the question it would go into; POST:
    add it to that question's feedback in a draft submitted for review."""
    answer = get_object_or_404(
        CheckInAnswer.objects.select_related("enrollment__learner", "page"),
        pk=answer_id,
        story_at__isnull=False,
        story_consent__in=SHOWN_CONSENTS,
    )
    check_in = answer.page.specific if answer.page_id else None
    default_id = getattr(check_in, "booster_id", None)
    questions = list(BoosterQuestionPage.objects.order_by("title"))
    context = {
        "answer": answer,
        "check_in": check_in,
        "credit": story_credit(answer=answer),
        "questions": questions,
        "selected_id": default_id,
        "problem": story_curation_problem(answer=answer, user=request.user),
        "back_url": reverse("boosters_report_stories"),
    }
    if request.method == "POST" and context["problem"] is None:
        page_id = request.POST.get("page", "")
        page = next((q for q in questions if str(q.pk) == page_id), None)
        if page is None:
            context["error"] = "Choose the booster question the story goes into."
            return TemplateResponse(
                request, f"{TEMPLATES}/curate.html", context, status=400
            )
        try:
            curated = story_curate(
                answer=answer, page=page, user=request.user, now=timezone.now()
            )
        except StoryCurationRejected as rejected:
            context.update(error=str(rejected), selected_id=page.pk)
            return TemplateResponse(
                request, f"{TEMPLATES}/curate.html", context, status=403
            )
        messages.success(
            request, _REVIEW_MESSAGES[curated.review].format(title=curated.page.title)
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    status = 200 if context["problem"] is None else 409
    return TemplateResponse(request, f"{TEMPLATES}/curate.html", context, status=status)
