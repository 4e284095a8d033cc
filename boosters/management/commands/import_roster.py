"""Import a roster CSV into a cohort: ``import_roster FILE --cohort SLUG``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from boosters.learners.roster import roster_parse, roster_problem_rows_csv
from boosters.learners.roster_import import roster_import
from boosters.models import Cohort


class Command(BaseCommand):
    help = (
        "Import learners from a CSV file (email, first_name, last_name and "
        "optionally time_zone, office, manager_name, manager_email) into a "
        "cohort. Nothing is imported if any row has a problem, unless "
        "--skip-problem-rows is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the roster CSV file.")
        parser.add_argument("--cohort", required=True, help="The cohort's slug.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would change without writing anything.",
        )
        parser.add_argument(
            "--skip-problem-rows",
            action="store_true",
            help="Import the rows without problems; list and skip the others.",
        )
        parser.add_argument(
            "--problem-rows",
            metavar="OUT.csv",
            help="Write the rows with problems, as in the file plus a 'problem' "
            "column, to this CSV to fix and import again.",
        )

    def handle(
        self, *args, file, cohort, dry_run, skip_problem_rows, problem_rows, **options
    ):
        try:
            cohort_obj = Cohort.objects.select_related("program").get(slug=cohort)
        except Cohort.DoesNotExist:
            known = ", ".join(Cohort.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(
                f"No cohort “{cohort}”. Known cohorts: {known}."
            ) from None
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                f"Cannot read the file “{file}”: {error.strerror}."
            ) from None

        if problem_rows:
            self._problem_rows_write(data=data, path=problem_rows)
        result = roster_import(
            cohort=cohort_obj,
            data=data,
            dry_run=dry_run,
            skip_problem_rows=skip_problem_rows,
        )
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            count = len(result.problems)
            raise CommandError(
                f"Nothing was imported: {count} problem{'s' * (count != 1)}."
            )

        for problem in result.skipped:
            self.stderr.write(f"Skipped: {problem}")
        preview = result.preview
        if preview.ignored_columns:
            ignored = ", ".join(f"“{name}”" for name in preview.ignored_columns)
            self.stdout.write(f"Ignored columns: {ignored}")
        for line in preview.lines:
            if line.learner == "unchanged" and line.enrollment == "exists":
                continue  # a re-import would otherwise list every learner
            self.stdout.write(f"Line {line.line}: {line.email}: {line.summary}")
        heading = (
            "Dry run, nothing written" if dry_run else f"Imported into {cohort_obj}"
        )
        self.stdout.write(
            f"{heading}: learners {preview.learners_created} created, "
            f"{preview.learners_updated} updated, "
            f"{preview.learners_unchanged} unchanged; "
            f"enrolments {preview.enrollments_created} created, "
            f"{preview.enrollments_existing} already there, "
            f"{preview.enrollments_withdrawn} withdrawn (left as is); "
            f"deliveries planned {result.deliveries_planned}."
        )

    def _problem_rows_write(self, *, data: bytes, path: str) -> None:
        rows = roster_problem_rows_csv(parse=roster_parse(data=data))
        if not rows:
            return
        try:
            Path(path).write_bytes(rows)
        except OSError as error:
            raise CommandError(f"Cannot write “{path}”: {error.strerror}.") from None
        self.stderr.write(f"The rows with problems are in {path}.")
