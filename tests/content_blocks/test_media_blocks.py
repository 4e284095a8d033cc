"""Images, video clips and embeds show readers the chosen media, or a fallback."""

import time

from wagtail.embeds.models import Embed

import pytest

from content_blocks.blocks import HubStreamBlock
from content_blocks.blocks.media import EMBED_RETRY_SECONDS

STREAM = HubStreamBlock()


def render(name, value):
    block = STREAM.child_blocks[name]
    return block.render(block.normalize(value))


@pytest.mark.django_db
def test_image_shows_the_image_with_the_editors_alt_text_and_caption(image):
    html = render(
        "image_block",
        {
            "image": image,
            "alt_text": "Two colleagues at a whiteboard",
            "caption": "Agreeing next steps together.",
            "attribution": "Photo: Sam Lee",
        },
    )

    assert "<img" in html
    assert 'alt="Two colleagues at a whiteboard"' in html
    assert ".webp" in html
    assert "<figcaption" in html
    assert "Agreeing next steps together." in html
    assert "Photo: Sam Lee" in html


@pytest.mark.django_db
def test_image_without_a_caption_has_no_empty_figcaption(image):
    html = render(
        "image_block", {"image": image, "alt_text": "A notebook", "caption": ""}
    )

    assert 'alt="A notebook"' in html
    assert "<figcaption" not in html


def test_image_that_was_deleted_leaves_no_broken_img():
    html = render(
        "image_block", {"image": None, "alt_text": "Gone", "caption": "Still here."}
    )

    assert "<img" not in html
    assert "Still here." in html


@pytest.mark.django_db
def test_video_clip_plays_the_uploaded_file_with_its_title(video):
    html = render(
        "video_block",
        {"video": video, "title": "Asking for feedback", "caption": "Watch this."},
    )

    assert "<video" in html
    assert "controls" in html
    assert 'preload="metadata"' in html
    assert "playsinline" in html
    assert f'<source src="{video.url}" type="video/mp4">' in html
    assert 'width="1280" height="720"' in html
    assert "Asking for feedback" in html
    assert "(1:45)" in html


def test_video_clip_that_was_deleted_says_so_instead_of_an_empty_player():
    html = render("video_block", {"video": None, "title": "Asking for feedback"})

    assert "<video" not in html
    assert "not available" in html
    assert "Asking for feedback" in html


def test_video_clip_running_time_is_minutes_and_seconds(video):
    value = STREAM.child_blocks["video_block"].normalize(
        {"video": video, "title": "Clip"}
    )

    assert value.duration_display == "1:45"
    assert value.sources == [{"src": video.url, "type": "video/mp4"}]


def test_embed_links_to_the_url_when_the_provider_cannot_be_reached(offline_embeds):
    url = "https://www.youtube.com/watch?v=abc123"

    html = render("embed_block", {"embed": url, "caption": "A role play."})

    offline_embeds.assert_called_once()
    assert f'<a class="hub-link hub-link--external" href="{url}">' in html
    assert "View this on youtube.com" in html
    assert "A role play." in html


def test_embed_shows_the_providers_player_when_it_can_be_fetched(offline_embeds):
    url = "https://www.youtube.com/watch?v=abc123"
    offline_embeds.side_effect = None
    offline_embeds.return_value = Embed(
        url=url,
        html='<iframe title="Role play" src="https://www.youtube.com/embed/abc123">'
        "</iframe>",
        type="video",
        width=560,
        height=315,
    )

    html = render("embed_block", {"embed": url, "caption": "A role play."})

    assert '<iframe title="Role play"' in html
    assert "View this on" not in html
    assert "A role play." in html


def test_an_unreachable_provider_is_not_asked_again_on_every_render(
    offline_embeds, monkeypatch
):
    """A failed fetch is remembered for a while (Wagtail stores only embeds it
    got): a page whose provider is down doesn't wait for it on every render."""
    url = "https://www.youtube.com/watch?v=abc123"
    value = {"embed": url, "caption": "A role play."}

    for _ in range(3):
        assert "View this on youtube.com" in render("embed_block", value)
    offline_embeds.assert_called_once()

    later = time.time() + EMBED_RETRY_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)  # the cache's clock
    render("embed_block", value)
    assert offline_embeds.call_count == 2
