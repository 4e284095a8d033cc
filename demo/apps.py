from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo hub (``load_demo_hub``): pages, programs, cohorts, learners and
    community, so it sits above every other app."""

    name = "demo"
    verbose_name = "Demo hub"
