from django.apps import AppConfig


class BoostersConfig(AppConfig):
    """The booster engine: questions, planning, drip, learners and analytics."""

    name = "boosters"
    verbose_name = "Boosters"

    def ready(self):
        from boosters import checks  # noqa: F401  (registers the system checks)
        from boosters.checkins import emails  # noqa: F401  (the check-in email kind)
