from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Cohort spaces: threads, replies, recognition, curation; manager digests."""

    name = "community"
    verbose_name = "Community"

    def ready(self):
        # Notice kinds this app sends register their message builders.
        from community import notices  # noqa: F401
