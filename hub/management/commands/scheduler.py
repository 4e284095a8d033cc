"""Run the django-q2 cluster so that a process manager can stop it cleanly.

``Procfile.dev`` runs this instead of ``qcluster``: Ctrl-C on ``make run``
stops the scheduler within honcho's grace period (``hub.qcluster_process``).
"""

import sys

from django.core.management.base import BaseCommand

from hub.qcluster_process import DEFAULT_GRACE_SECONDS, qcluster_supervise


class Command(BaseCommand):
    help = "Run the task cluster (qcluster); SIGTERM or Ctrl-C stops it cleanly."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=float,
            default=DEFAULT_GRACE_SECONDS,
            help="Seconds the cluster may take to stop before it is killed.",
        )

    def handle(self, *args, **options):
        command = [sys.executable, sys.argv[0], "qcluster"]
        code = qcluster_supervise(command=command, grace_seconds=options["grace"])
        if code:
            sys.exit(code)
