"""Routing by a page's full path (hub/page_routing.py): the same page, for the
same visitors, as Wagtail's level-by-level routing, in fewer queries."""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

import pytest

from home.factories import ArticlePageFactory, TopicPageFactory
from hub.page_routing import page_route_by_url_path
from tests.boosters.i18n_helpers import translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(topic):
    page = ArticlePageFactory(parent=topic, title="The SBI model", slug="the-sbi-model")
    page.tags.add("SBI")
    page.save_revision().publish()
    return page


def test_an_article_is_found_by_its_path_as_its_specific_page(home_page, article):
    found = page_route_by_url_path(
        root=home_page, path_components=["giving-feedback", "the-sbi-model"]
    )

    assert found.page == article
    assert type(found.page) is type(article)
    # The parent came with it: the tag links ask for it at no cost.
    assert found.page.get_parent().pk == article.get_parent().pk


def test_an_article_renders_with_its_tags_linking_to_its_topic(client, article):
    response = client.get("/giving-feedback/the-sbi-model/")

    assert response.status_code == 200
    assert response.context["page"] == article
    assert 'href="/giving-feedback/?tag=sbi"' in response.content.decode()


def test_routing_an_article_costs_two_queries_for_its_path(
    home_page, article, django_assert_num_queries
):
    """One for the page and its parent, one for its specific fields, however
    deep (Wagtail's own routing: two per level)."""
    Page.objects.get(pk=home_page.pk)  # warm the content type cache
    with django_assert_num_queries(2):
        page_route_by_url_path(
            root=home_page, path_components=["giving-feedback", "the-sbi-model"]
        )


def test_a_topic_right_below_the_root_is_found(client, topic):
    response = client.get("/giving-feedback/")

    assert response.status_code == 200
    assert response.context["page"] == topic


def test_a_draft_or_a_missing_page_is_the_hubs_404(client, topic):
    ArticlePageFactory(parent=topic, slug="not-yet", live=False)

    for path in ("/giving-feedback/not-yet/", "/giving-feedback/nothing-here/"):
        response = client.get(path)
        assert response.status_code == 404


def test_a_page_below_a_draft_section_is_still_served_as_wagtail_does(
    client, home_page
):
    draft_topic = TopicPageFactory(parent=home_page, slug="hidden", live=False)
    article = ArticlePageFactory(parent=draft_topic, slug="inside")

    response = client.get("/hidden/inside/")

    assert response.status_code == 200
    assert response.context["page"] == article


def test_a_password_protected_article_still_asks_for_the_password(client, article):
    PageViewRestriction.objects.create(
        page=article, restriction_type="password", password="s3cret"
    )

    response = client.get("/giving-feedback/the-sbi-model/")

    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert article.summary not in response.content.decode()


def test_an_article_in_a_section_for_signed_in_users_sends_readers_to_sign_in(
    client, topic, article
):
    PageViewRestriction.objects.create(page=topic, restriction_type="login")

    response = client.get("/giving-feedback/the-sbi-model/")

    assert response.status_code == 302


def test_an_old_path_with_a_redirect_still_redirects(client, article):
    Redirect.objects.create(old_path="/giving-feedback/old-name", redirect_page=article)

    response = client.get("/giving-feedback/old-name/")

    assert response.status_code == 301
    assert response["Location"].endswith("/giving-feedback/the-sbi-model/")


def test_a_portuguese_article_is_served_under_pt_br(client, article):
    portuguese = translate_page(
        article, "pt-br", title="O modelo SBI", slug="o-modelo-sbi"
    )
    response = client.get(portuguese.url)

    assert portuguese.url.startswith("/pt-br/")
    assert response.status_code == 200
    assert response.context["page"] == portuguese
    assert "O modelo SBI" in response.content.decode()
