from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The hub's pages: home, topics, articles and screencasts."""

    name = "home"
    verbose_name = "Hub pages"
