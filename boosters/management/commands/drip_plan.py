"""Print a cohort's drip plan: who gets what, when (local and UTC), and its status."""

from django.core.management.base import BaseCommand, CommandError

from boosters.models import Cohort, Learner
from boosters.planning.selectors import cohort_plan


class Command(BaseCommand):
    help = "Print the drip plan of a cohort, optionally for one learner."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", required=True, help="The cohort's slug.")
        parser.add_argument("--learner", help="Only this learner's email.")

    def handle(self, *args, cohort, learner, **options):
        try:
            cohort_obj = Cohort.objects.get(slug=cohort)
        except Cohort.DoesNotExist:
            known = ", ".join(Cohort.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(
                f"No cohort “{cohort}”. Known cohorts: {known}."
            ) from None
        if learner and not Learner.objects.filter(email__iexact=learner).exists():
            raise CommandError(f"No learner with the email “{learner}”.")

        lines = cohort_plan(cohort=cohort_obj, learner_email=learner)
        self.stdout.write(
            f"{cohort_obj.name} ({cohort_obj.time_zone}), anchor {cohort_obj.anchor_date}"
        )
        if not lines:
            self.stdout.write("No deliveries planned.")
            return
        header = ("Learner", "Step", "Local time", "UTC", "Status")
        rows = [
            (
                line.learner_email,
                line.step_label,
                line.local_label,
                line.utc_label,
                line.status_label,
            )
            for line in lines
        ]
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(
                    str(v).ljust(w) for v, w in zip(row, widths, strict=True)
                ).rstrip()
            )
