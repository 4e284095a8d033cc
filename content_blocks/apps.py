from django.apps import AppConfig


class ContentBlocksConfig(AppConfig):
    """The hub's shared StreamField blocks, their templates and styles."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "content_blocks"
    verbose_name = "Content blocks"
