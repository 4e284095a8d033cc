"""django-q2 tasks: thin wrappers that the schedules in ``hub.schedules`` call."""

from django.core.management import call_command


def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come, and unpublish expired ones."""
    call_command("publish_scheduled")


def rebuild_search_index() -> None:
    """Rebuild the search index (pages are also indexed as they are saved)."""
    call_command("update_index", verbosity=0)
