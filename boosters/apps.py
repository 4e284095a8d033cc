from django.apps import AppConfig


class BoostersConfig(AppConfig):
    """The booster engine: question pages now; programs, cohorts and drip later."""

    name = "boosters"
    verbose_name = "Boosters"
