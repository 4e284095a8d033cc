from django.apps import AppConfig


class LiveSessionsConfig(AppConfig):
    """Live sessions: a program step that invites learners to a calendar event,
    opens discussions a week before and after, and takes questions and attendance."""

    name = "live_sessions"
    verbose_name = "Live sessions"

    def ready(self):
        # Live sessions plug into the drip engine and the community (which never
        # import them): the invite email kind, notice builders, a tick planner.
        from boosters.drip.tick import tick_planner_register
        from live_sessions import emails, notices  # noqa: F401
        from live_sessions.planning import live_session_notices_plan
        from live_sessions.signals import signals_connect

        tick_planner_register(
            label="live session notices", plan=live_session_notices_plan
        )
        signals_connect()
