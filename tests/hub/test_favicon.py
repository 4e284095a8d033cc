"""The hub has its own icon in browser tabs and bookmarks."""

from pathlib import Path

from django.contrib.staticfiles import finders

import pytest

pytestmark = pytest.mark.django_db


def test_pages_link_an_svg_and_a_32px_png_icon(client, topic):
    html = client.get(topic.url).content.decode()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert 'href="/static/favicon-32.png" sizes="32x32" type="image/png"' in html
    assert Path(finders.find("favicon.svg")).read_bytes().startswith(b"<svg")
    assert Path(finders.find("favicon-32.png")).read_bytes().startswith(b"\x89PNG")


def test_favicon_ico_is_served_at_the_site_root(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
