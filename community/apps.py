from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """Cohort spaces: threads, replies, recognition, curation; manager digests."""

    name = "community"
    verbose_name = "Community"

    def ready(self):
        # The community plugs into the drip engine (which never imports it):
        # its email kinds, notice builders and the planners a tick runs.
        from community import emails, notices  # noqa: F401
        from community.managers import digest  # noqa: F401
