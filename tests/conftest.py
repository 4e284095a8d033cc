"""Fixtures shared by the whole suite: a hub site with a home page and a topic,
and signing a learner in."""

import re

from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, Site

import pytest

from boosters.drip.tokens import sign_in_token
from home.factories import HomePageFactory, TopicPageFactory

_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (pages too), so nothing leaks."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in English: a request to a /pt-br/ or /es/
    page leaves that language active in the thread (LocaleMiddleware never
    resets it), and later tests would read their words in it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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


@pytest.fixture
def sign_in():
    """``sign_in(client, learner)``: sign a learner in on a test client the way
    they do, by opening the emailed sign-in link and tapping the button (with
    the page's CSRF token, so it works on a client that enforces it too)."""

    def _sign_in(client, learner) -> None:
        token = sign_in_token(learner=learner, single_use=False)
        url = reverse("learner_sign_in_confirm", kwargs={"token": token})
        page = client.get(url).content.decode()
        match = _CSRF_FIELD.search(page)
        client.post(url, {"csrfmiddlewaretoken": match.group(1)} if match else {})

    return _sign_in


@pytest.fixture
def still_signing_clock(monkeypatch):
    """Signed links carry the time in seconds: hold it still, so a link signed
    again to compare with an email's matches it even if a second ticks over."""
    import time

    from django.core import signing

    now = signing.b62_encode(int(time.time()))
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: now)
