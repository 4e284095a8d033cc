from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CommunityConfig(AppConfig):
    """Cohort spaces: threads, replies, recognition, curation; manager digests."""

    name = "community"
    verbose_name = "Community"

    def ready(self):
        # The community plugs into the drip engine (which never imports it):
        # its email kinds, notice builders and the planners a tick runs.
        from boosters.analytics.panels import hub_panel_register
        from boosters.drip.tick import tick_planner_register
        from boosters.learners.my_learning import my_learning_section_register
        from boosters.learners.sign_in import (
            SignInDestination,
            sign_in_destination_register,
        )
        from community import emails, notices  # noqa: F401
        from community.digests import cohort_digests_plan
        from community.managers import digest  # noqa: F401
        from community.managers.conversations import (
            my_learning_conversations_section,
        )
        from community.managers.dashboard import manager_engagement_panel_for
        from community.managers.services import manager_digests_plan
        from community.pulse.services import pulse_plan

        hub_panel_register(
            name="manager engagement", panel_for=manager_engagement_panel_for
        )
        my_learning_section_register(
            template_name="community/learner/team_conversations.html",
            build=my_learning_conversations_section,
        )
        tick_planner_register(label="manager digests", plan=manager_digests_plan)
        tick_planner_register(label="cohort digests", plan=cohort_digests_plan)
        tick_planner_register(label="pulse questions", plan=pulse_plan)
        # A discussion link in an email says where its one tap leads.
        sign_in_destination_register(
            url_name="community_thread",
            destination=SignInDestination(
                heading=gettext_lazy("Join the discussion"),
                intro=gettext_lazy(
                    "See how colleagues from your course handled it, and share "
                    "what worked for you."
                ),
                button=gettext_lazy("Continue to the discussion"),
            ),
        )
