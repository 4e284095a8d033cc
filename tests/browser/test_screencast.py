"""A screencast plays in the browser, with its captions showing."""

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect
SCREENCAST = "/giving-feedback/preparing-with-the-sbi-template/"


def test_screencast_plays_with_captions(hub, page, shoot):
    page.goto(hub.at(SCREENCAST))
    video = page.locator("video#screencast-player")
    expect(video).to_be_visible()
    shoot(page, "screencast")

    # Chromium toggles playback on a click in the picture, as a viewer would.
    video.click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#screencast-player');"
        " return !v.paused && v.currentTime > 1 && v.textTracks[0].activeCues"
        " && v.textTracks[0].activeCues.length > 0; }",
        polling=100,  # animation frames don't come while a video plays headless
        timeout=10_000,
    )
    state = video.evaluate(
        """v => ({
            paused: v.paused,
            error: v.error && v.error.code,
            time: v.currentTime,
            tracks: v.textTracks.length,
            kind: v.textTracks[0].kind,
            mode: v.textTracks[0].mode,
            cue: v.textTracks[0].activeCues[0].text,
        })"""
    )
    assert state["error"] is None
    assert not state["paused"]
    assert state["tracks"] == 1
    assert state["kind"] == "captions"
    assert state["mode"] == "showing"  # captions on, without the viewer asking
    assert state["cue"].strip()
    shoot(page, "playing-with-captions")

    # A chapter button seeks the player.
    chapter = page.locator("button[data-seek]").last
    seconds = float(chapter.get_attribute("data-seek"))
    chapter.click()
    page.wait_for_function(
        "s => document.querySelector('#screencast-player').currentTime >= s",
        arg=seconds,
        polling=100,
    )
    shoot(page, "chapter")
