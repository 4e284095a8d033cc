"""Start a new page-cache generation, so no page rendered by older code is served.

The Procfile's release phase runs it on every deploy: content changes
invalidate the cache by themselves, code changes can't.
"""

from django.core.management.base import BaseCommand

from hub.page_cache import page_cache_invalidate


class Command(BaseCommand):
    help = "Invalidate every stored page (run on deploy)."

    def handle(self, *args, **options):
        page_cache_invalidate()
        self.stdout.write("Page cache cleared: every page is rendered afresh.")
