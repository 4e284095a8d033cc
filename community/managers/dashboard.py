"""The "Managers in the loop" panel on the hub dashboard (the Wagtail admin home).

Plugged into boosters' panel registry from ``CommunityConfig.ready``; shown
only to holders of ``boosters.view_analytics`` (L&D leads and superusers).
"""

from django.utils import timezone

from boosters.analytics.panels import HubPanel
from community.managers.engagement import manager_engagement
from hub.admin_permissions import user_can_view_analytics

TEAMS_LISTED = 8


class ManagerEngagementPanel(HubPanel):
    """Managers' conversations with their teams lately, and teams with none."""

    name = "hub_manager_engagement"
    template_name = "community/admin/manager_engagement.html"
    order = 106

    def figures(self, parent_context):
        engagement = manager_engagement(now=timezone.now())
        talking = engagement.with_conversations
        silent = engagement.without_conversations
        return {
            "engagement": engagement,
            "talking": talking[:TEAMS_LISTED],
            "talking_more": max(len(talking) - TEAMS_LISTED, 0),
            "silent": silent[:TEAMS_LISTED],
            "silent_more": max(len(silent) - TEAMS_LISTED, 0),
        }


def manager_engagement_panel_for(user) -> ManagerEngagementPanel | None:
    """The panel, for holders of ``boosters.view_analytics`` only."""
    return ManagerEngagementPanel() if user_can_view_analytics(user) else None
