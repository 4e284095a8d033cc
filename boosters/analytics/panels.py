"""The hub dashboard on the Wagtail admin home: one panel per figure.

Each panel is a Wagtail ``Component`` that asks its selector for its figures
and links to where they are handled. ``hub_panels_for`` says which panels a
user may see, so nobody sees a figure they could not open.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import PermissionHelper

from boosters.analytics.attention import (
    ATTENTION_MIN_ANSWERS,
    questions_needing_attention,
)
from boosters.analytics.hub_dashboard import (
    answer_rate_recent_weeks,
    deliveries_failed_recent,
    reviews_pending,
    user_is_reviewer,
)
from boosters.models import Cohort, Delivery, DeliveryStatus
from boosters.planning.upcoming import deliveries_upcoming
from hub.admin_permissions import ReadOnlyPermissionHelper, user_can_view_analytics

TEMPLATES = "boosters/admin/home"
ATTENTION_LISTED = 5


class HubPanel(Component):
    """A dashboard panel; ``order`` puts the hub's before Wagtail's own (210+)."""

    order = 100

    def get_context_data(self, parent_context):
        return {"request": parent_context["request"], **self.figures(parent_context)}

    def figures(self, parent_context) -> dict:
        raise NotImplementedError


class UpcomingSendsPanel(HubPanel):
    """Emails going out in the next 7 days, per day and per program."""

    name = "hub_upcoming_sends"
    template_name = f"{TEMPLATES}/upcoming_sends.html"
    order = 101

    def figures(self, parent_context):
        return {
            "upcoming": deliveries_upcoming(now=timezone.now()),
            "zone": timezone.get_current_timezone_name(),
        }


class AnswerRatePanel(HubPanel):
    """This week's answer rate beside last week's."""

    name = "hub_answer_rate"
    template_name = f"{TEMPLATES}/answer_rate.html"
    order = 102

    def figures(self, parent_context):
        this_week, last_week = answer_rate_recent_weeks(now=timezone.now())
        dashboard = reverse("boosters_analytics_dashboard")
        return {
            "weeks": [
                (
                    label,
                    week,
                    f"{dashboard}?"
                    + urlencode({"date_from": week.starts_on, "date_to": week.ends_on}),
                )
                for label, week in (("This week", this_week), ("Last week", last_week))
            ],
        }


class QuestionsAttentionPanel(HubPanel):
    """The first questions that need a look, with why."""

    name = "hub_questions_attention"
    template_name = f"{TEMPLATES}/questions_attention.html"
    order = 103

    def figures(self, parent_context):
        flagged = questions_needing_attention()
        return {
            "questions": flagged[:ATTENTION_LISTED],
            "flagged": len(flagged),
            "min_answers": ATTENTION_MIN_ANSWERS,
        }


class FailedDeliveriesPanel(HubPanel):
    """Deliveries that failed in the last 7 days, by commonest reason."""

    name = "hub_failed_deliveries"
    template_name = f"{TEMPLATES}/failed_deliveries.html"
    order = 104

    def figures(self, parent_context):
        return {
            "failed": deliveries_failed_recent(now=timezone.now()),
            "list_url": f"{reverse('boosters_delivery_modeladmin_index')}?"
            + urlencode({"status__exact": DeliveryStatus.FAILED}),
        }


class PendingReviewsPanel(HubPanel):
    """Pages waiting for this reviewer's group, and all pages in review."""

    name = "hub_pending_reviews"
    template_name = f"{TEMPLATES}/pending_reviews.html"
    order = 105

    def figures(self, parent_context):
        reviews = reviews_pending(user=parent_context["request"].user)
        return {
            "reviews": reviews,
            "report_url": reverse("wagtailadmin_reports:workflow"),
        }


# Panels from higher layers (boosters never imports them), by name:
# ``panel_for(user)`` gives the panel, or ``None`` if ``user`` may not see it.
_REGISTERED: dict[str, Callable[..., HubPanel | None]] = {}


def hub_panel_register(*, name: str, panel_for: Callable[..., HubPanel | None]) -> None:
    """Add a panel to the hub dashboard; ``panel_for`` decides who sees it."""
    _REGISTERED[name] = panel_for


def hub_panels_for(*, user) -> list[HubPanel]:
    """The hub panels ``user`` may see: learner results need ``view_analytics``,
    sends and failures the deliveries or cohorts list, reviews a reviewer;
    registered panels say for themselves."""
    panels = []
    if PermissionHelper(Cohort).user_can_list(user):
        panels.append(UpcomingSendsPanel())
    if user_can_view_analytics(user):
        panels += [AnswerRatePanel(), QuestionsAttentionPanel()]
    if ReadOnlyPermissionHelper(Delivery).user_can_list(user):
        panels.append(FailedDeliveriesPanel())
    if user_is_reviewer(user=user):
        panels.append(PendingReviewsPanel())
    for panel_for in _REGISTERED.values():
        panel = panel_for(user)
        if panel is not None:
            panels.append(panel)
    return panels
