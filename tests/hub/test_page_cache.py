"""Readers without a session get stored pages; nobody ever gets a stale or
someone else's page (hub/page_cache.py)."""

import os
import re

from django.core.cache.backends.filebased import FileBasedCache
from django.test import Client
from django.urls import reverse

import pytest

from boosters.factories import LearnerFactory, booster_with_choices
from home.factories import ArticlePageFactory
from hub.page_cache import GENERATION_KEY, HIT_HEADER, page_cache_invalidate

pytestmark = pytest.mark.django_db


def hit(response) -> bool:
    return response.get(HIT_HEADER) == "hit"


@pytest.fixture
def article(topic):
    return ArticlePageFactory(parent=topic, title="The SBI model", slug="sbi")


def test_second_reader_gets_the_stored_page(client, article):
    first = client.get(article.url)
    second = Client().get(article.url)
    assert first.status_code == second.status_code == 200
    assert not hit(first)
    assert hit(second)
    assert second.content == first.content
    assert "The SBI model" in second.content.decode()


def test_stored_page_keeps_security_headers(client, article):
    client.get(article.url)
    response = client.get(article.url)
    assert hit(response)
    assert response["X-Frame-Options"] == "DENY"
    assert "Cookie" in response["Vary"]  # a proxy won't share it with the signed-in


def test_publishing_an_edit_shows_at_once(client, article):
    client.get(article.url)
    article.title = "The SBI model, revised"
    article.save_revision().publish()
    response = client.get(article.url)
    assert not hit(response)
    assert "The SBI model, revised" in response.content.decode()


def test_a_new_article_appears_in_its_topic_and_on_home(client, topic, home_page):
    client.get(topic.url)
    client.get(home_page.url)
    new = ArticlePageFactory(parent=topic, title="Feedforward", live=False)
    new.save_revision().publish()
    assert "Feedforward" in client.get(topic.url).content.decode()
    assert "Feedforward" in client.get(home_page.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, article):
    assert client.get(article.url).status_code == 200
    article.unpublish()
    assert client.get(article.url).status_code == 404


def outside_account_links(html: str) -> str:
    start, end = html.index("<!--hub:account-->"), html.index("<!--/hub:account-->")
    return html[:start] + html[end:]


def csrf_token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def test_signed_in_learner_gets_the_stored_page_with_their_own_links(article, sign_in):
    reader = Client().get(article.url)  # stored as readers see it
    learner = Client(enforce_csrf_checks=True)
    sign_in(learner, LearnerFactory())
    response = learner.get(article.url)
    html = response.content.decode()
    assert hit(response)
    assert "My learning" in html
    assert "Sign in" not in html
    assert outside_account_links(html) == outside_account_links(reader.content.decode())
    # Their sign-out button works: the CSRF token in it is theirs.
    signed_out = learner.post(
        reverse("learner_sign_out"), {"csrfmiddlewaretoken": csrf_token_in(html)}
    )
    assert signed_out.status_code == 200  # not 403: the token was accepted
    assert "Sign in" in learner.get(article.url).content.decode()


def test_a_learners_links_never_reach_the_next_reader(client, article, sign_in):
    sign_in(client, LearnerFactory())
    client.get(article.url)  # rendered for the learner: not stored
    client.get(article.url)
    reader = Client().get(article.url)
    html = reader.content.decode()
    assert "My learning" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "Sign in" in html


def test_editors_always_get_a_fresh_render(client, article, django_user_model):
    Client().get(article.url)
    editor = django_user_model.objects.create_superuser("sam", "sam@example.com", "x")
    client.force_login(editor)
    response = client.get(article.url)
    assert not hit(response)
    assert response.status_code == 200


def test_pages_with_a_form_are_never_shared(client, topic):
    booster = booster_with_choices(parent=topic, title="Interrupting colleague")
    client.get(booster.url)
    response = Client().get(booster.url)
    assert not hit(response)
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_search_results_are_stored_per_query(client, article):
    ArticlePageFactory(parent=article.get_parent(), title="Coaching questions")
    search = reverse("search")
    client.get(search, {"query": "SBI"})
    sbi = client.get(search, {"query": "SBI"})
    coaching = client.get(search, {"query": "coaching"})
    assert hit(sbi)
    assert not hit(coaching)
    assert "The SBI model" in sbi.content.decode()
    assert "Coaching questions" in coaching.content.decode()
    assert "The SBI model" not in coaching.content.decode()


def test_a_not_found_page_is_not_stored(client, home_page):
    client.get("/no-such-page/")
    assert not hit(client.get("/no-such-page/"))


def test_zero_seconds_turns_the_cache_off(client, article, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 0
    client.get(article.url)
    assert not hit(client.get(article.url))


def test_invalidation_reaches_every_process_sharing_the_files(tmp_path, settings):
    """The scheduler publishes in one process; web workers read in others."""
    location = str(tmp_path / "pages")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
        },
    }
    web_worker = FileBasedCache(location, {})
    page_cache_invalidate()
    before = web_worker.get(GENERATION_KEY)
    page_cache_invalidate()
    assert before is not None
    assert web_worker.get(GENERATION_KEY) > before


def test_a_deploy_clears_every_stored_page(client, article):
    """Templates and code change on deploy, which no signal reports."""
    from django.core.management import call_command

    client.get(article.url)
    assert hit(client.get(article.url))
    call_command("page_cache_clear")
    assert not hit(client.get(article.url))


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="the scale path (make test-scale)"
)
def test_on_the_scale_path_invalidation_reaches_every_host(settings):
    """With REDIS_URL every host's web processes share the generation."""
    from django.core.cache.backends.redis import RedisCache

    options = {"KEY_PREFIX": f"hub-test-pages-{os.getpid()}"}
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            **options,
        },
    }
    other_host = RedisCache(os.environ["REDIS_URL"], options)
    page_cache_invalidate()
    before = other_host.get(GENERATION_KEY)
    page_cache_invalidate()
    assert before is not None
    assert other_host.get(GENERATION_KEY) > before
    other_host.delete(GENERATION_KEY)


def test_a_page_rendered_while_a_change_lands_is_never_served(rf, home_page):
    """The render started before the change: it may show the old content."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from hub.middleware import ReaderPageCacheMiddleware
    from hub.page_cache import CACHEABLE_ATTRIBUTE

    def render_while_an_editor_publishes(request):
        page_cache_invalidate()
        response = HttpResponse("old content")
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    def render_new(request):
        response = HttpResponse("new content")
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    def get(get_response):
        request = rf.get("/")
        request.session = SessionStore()
        return ReaderPageCacheMiddleware(get_response)(request)

    get(render_while_an_editor_publishes)
    assert get(render_new).content == b"new content"
