"""Fixtures shared by the whole suite: a hub site with a home page and a topic."""

from django.core.cache import caches

from wagtail.models import Page, Site

import pytest

from home.factories import HomePageFactory, TopicPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (pages too), so nothing leaks."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home_page(db):
    """The hub's home page, as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk and old_root.depth > 1:
        old_root.delete()
    return home


@pytest.fixture
def topic(home_page):
    return TopicPageFactory(
        parent=home_page, title="Giving feedback", slug="giving-feedback"
    )
