"""Fixtures for the content block tests: stored media and an offline embed finder."""

from unittest import mock

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site
from wagtailmedia.models import Media

import pytest


@pytest.fixture(autouse=True)
def offline_embeds():
    """Every oEmbed lookup fails, as it would with no internet; tests never fetch."""
    with mock.patch(
        "wagtail.embeds.embeds.get_embed", side_effect=EmbedNotFoundException
    ) as get_embed:
        yield get_embed


@pytest.fixture
def image(db):
    return Image.objects.create(
        title="Feedback check-in", file=get_test_image_file("check-in.png")
    )


@pytest.fixture
def video(db):
    return Media.objects.create(
        title="Feedback in two minutes",
        type="video",
        duration=105,
        width=1280,
        height=720,
        file=SimpleUploadedFile("feedback.mp4", b"\x00" * 32, "video/mp4"),
    )


@pytest.fixture
def document(db):
    return Document.objects.create(
        title="Feedback planning worksheet",
        file=ContentFile(b"%PDF-1.4 worksheet", name="worksheet.pdf"),
        file_size=2048,
    )


@pytest.fixture
def site_root(db):
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def make_page(site_root):
    """Create a published (or draft) page under the site root."""

    def make(title, *, live=True, **fields):
        page = Page(title=title, live=live, **fields)
        site_root.add_child(instance=page)
        return page

    return make
