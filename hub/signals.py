"""Signal receivers of the project: what starts a new page-cache generation."""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtailmedia import get_media_model

from hub.page_cache import page_cache_invalidate


def _content_changed(**kwargs) -> None:
    page_cache_invalidate()


def page_cache_receivers_connect() -> None:
    """Invalidate the reader page cache whenever what readers see may change.

    Page saves count, not only publishing: a live page saved directly (the
    demo loader, a data migration, factories) changes what readers see too.
    Navigation and listings show other pages, so any change invalidates all.
    """
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_content_changed)
    models = [
        *get_page_models(),
        get_image_model(),
        get_document_model(),
        get_media_model(),
        Site,
        Redirect,
    ]
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(_content_changed, sender=model)
