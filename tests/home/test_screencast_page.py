"""Screencasts: the player, captions, transcript and chapters."""

from django.core.cache import cache
from django.core.exceptions import ValidationError

import pytest

from home.factories import ScreencastChapterFactory, ScreencastPageFactory
from tests.media import captions_document, video_media

pytestmark = pytest.mark.django_db


@pytest.fixture
def screencast(topic):
    page = ScreencastPageFactory(
        parent=topic,
        video=video_media(duration=185),
        captions=captions_document(),
        takeaways=[("takeaway", "Notes stay private until you share them")],
    )
    ScreencastChapterFactory(page=page, timestamp="0:00", title="Open the system")
    ScreencastChapterFactory(page=page, timestamp="1:05", title="Add a note")
    return page


def test_video_plays_with_a_captions_track(client, screencast):
    html = client.get(screencast.url).content.decode()
    assert "<video" in html
    assert f'src="{screencast.video.url}"' in html
    assert 'type="video/mp4"' in html
    assert f'<track kind="captions" src="{screencast.captions.url}"' in html


def test_captions_file_is_served_as_webvtt(client, screencast):
    response = client.get(screencast.captions.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")


def test_captions_become_a_readable_transcript(client, screencast):
    html = client.get(screencast.url).content.decode()
    assert "Transcript" in html
    assert "Open the performance system and choose your direct report." in html
    assert "Select Add feedback note." in html  # cue markup stripped
    assert (
        "<time>0:10</time>Describe the situation" in html
    )  # a pause starts a paragraph


def test_chapters_are_buttons_that_seek_the_player(client, screencast):
    html = client.get(screencast.url).content.decode()
    assert 'data-seek="65"' in html
    assert "Add a note" in html
    assert "js/screencast.js" in html


def test_duration_and_takeaways_are_shown(client, screencast):
    html = client.get(screencast.url).content.decode()
    assert "3:05" in html
    assert "Notes stay private until you share them" in html


def test_captions_must_be_webvtt(topic):
    page = ScreencastPageFactory.build(
        video=video_media(),
        captions=captions_document(text="1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "WEBVTT" in str(error.value.message_dict["captions"])


def test_captions_must_be_a_vtt_file(topic):
    page = ScreencastPageFactory.build(
        video=video_media(), captions=captions_document(name="notes.txt")
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert ".vtt" in str(error.value.message_dict["captions"])


def test_chapter_timestamp_must_read_as_minutes_and_seconds(screencast):
    chapter = ScreencastChapterFactory.build(page=screencast, timestamp="one minute")
    with pytest.raises(ValidationError) as error:
        chapter.full_clean()
    assert "like 1:05" in str(error.value)


def test_unreadable_captions_leave_the_page_working(client, screencast):
    screencast.captions.file.storage.delete(screencast.captions.file.name)
    cache.clear()  # the transcript was cached when the page was indexed
    response = client.get(screencast.url)
    assert response.status_code == 200
    assert "Transcript" not in response.content.decode()
