"""Load the demo hub: pages, images, screencasts, booster questions and an admin."""

import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from demo.builder import demo_hub_load, demo_summary
from demo.checkins import demo_checkins_ensure
from demo.languages import demo_languages_ensure
from demo.simulate import demo_answers_simulate

# Each page publish logs several INFO lines (edits, search and reference index
# tasks); a few hundred of them would bury the summary.
CHATTY_LOGGERS = ["wagtail", "django_tasks"]


@contextmanager
def quiet_loggers(names):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Build a small demo hub about feedback conversations, with an admin user. "
        "Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="Set the admin user's password (by default a new admin gets a "
            "random one and an existing admin keeps theirs).",
        )
        parser.add_argument(
            "--simulate-weeks",
            type=int,
            default=0,
            metavar="N",
            help="Play the demo cohorts through N weeks of plausible answers, so "
            "the analytics have something to show (cohorts with answers are "
            "left alone).",
        )

    def handle(
        self, *args, admin_password=None, simulate_weeks=0, verbosity=1, **options
    ):
        if simulate_weeks < 0:
            raise CommandError("--simulate-weeks must be 0 or more.")
        names = CHATTY_LOGGERS if verbosity < 2 else []
        with quiet_loggers(names):
            result = demo_hub_load(admin_password=admin_password)
            demo_checkins_ensure()  # check-in pages, steps and a São Paulo cohort
            demo_languages_ensure()  # locales, São Paulo in Portuguese, translations
            simulated = (
                demo_answers_simulate(weeks=simulate_weeks) if simulate_weeks else None
            )
        self.stdout.write(demo_summary(result=result))
        if simulated is not None:
            self.stdout.write(
                f"Simulated {simulate_weeks} weeks for {simulated.cohorts} cohorts: "
                f"{simulated.sent} deliveries sent, {simulated.answered} answered, "
                f"{simulated.missed} missed."
            )
