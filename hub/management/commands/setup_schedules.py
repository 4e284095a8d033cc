"""Create or update the hub's django-q2 schedules (idempotent)."""

from django.core.management.base import BaseCommand

from hub.schedules import schedules_sync


class Command(BaseCommand):
    help = "Create or update the django-q2 schedules the hub runs on."

    def handle(self, *args, **options):
        created, updated = schedules_sync()
        self.stdout.write(
            self.style.SUCCESS(
                f"Schedules ready: {created} created, {updated} updated."
            )
        )
