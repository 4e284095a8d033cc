"""Every hub page sends a Content-Security-Policy that its own markup keeps."""

import re

from django.template.loader import render_to_string

import pytest

from hub.page_cache import HIT_HEADER

pytestmark = pytest.mark.django_db

EXPECTED = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def test_a_hub_page_sends_the_policy_fresh_and_from_the_page_cache(client, topic):
    fresh = client.get(topic.url)
    stored = client.get(topic.url)

    assert stored[HIT_HEADER] == "hit"
    for response in (fresh, stored):
        policy = directives(response)
        for name, sources in EXPECTED.items():
            assert policy[name] == sources, name
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_learner_pages_send_the_policy(client):
    for path in ("/learn/sign-in/", "/email/unsubscribe/not-a-token/"):
        assert directives(client.get(path))["script-src"] == ["'self'"], path


def test_the_admin_is_left_out_of_the_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_the_error_page_has_no_inline_style_or_script():
    html = render_to_string("500.html")

    assert not re.search(r"<style|<script|\sstyle=", html)
    assert 'href="/static/css/error.css"' in html
