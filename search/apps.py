from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search across the hub's microlearning."""

    name = "search"
    verbose_name = "Search"
