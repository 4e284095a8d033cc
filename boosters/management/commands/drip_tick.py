"""Run one drip tick by hand: send what is due (or would be, with --dry-run)."""

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from boosters.drip.dispatch import drip_tick_preview
from boosters.drip.tick import drip_tick_run


class Command(BaseCommand):
    help = (
        "Plan this week's manager digests, send the drip deliveries and notices "
        "due now (or at --now), and print the counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Act as if it were this instant (ISO 8601, e.g. 2026-03-09T14:00Z).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what is due; send nothing."
        )

    def handle(self, *args, now=None, dry_run=False, **options):
        at = self._parse_now(now) if now else timezone.now()
        if dry_run:
            preview = drip_tick_preview(now=at)
            self.stdout.write(
                f"Dry run at {at:%Y-%m-%d %H:%M}Z: {preview['due']} due, "
                f"{preview['overdue']} overdue to re-plan, "
                f"{preview['paused']} waiting in paused cohorts, "
                f"{preview['stale']} interrupted sends to retry. Nothing was sent."
            )
            return
        # The same tick the scheduler runs, with the planners first (as their
        # hourly schedules do), so a tick at the managers' digest time sends them.
        report = drip_tick_run(now=at, with_planning=True)
        self.stdout.write(f"Planned {report.planned_label}.")
        self.stdout.write(f"Tick at {at:%Y-%m-%d %H:%M}Z: {report.sent}.")

    @staticmethod
    def _parse_now(value: str) -> datetime:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise CommandError(
                f"--now {value!r} is not an ISO 8601 time, e.g. 2026-03-09T14:00Z."
            ) from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
