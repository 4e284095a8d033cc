from django.apps import AppConfig


class HubConfig(AppConfig):
    """The project package as an app: base templates, static, schedules."""

    name = "hub"
    verbose_name = "Learning hub"

    def ready(self) -> None:
        from hub.signals import page_cache_receivers_connect

        page_cache_receivers_connect()
