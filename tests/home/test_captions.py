"""WebVTT parsing and timestamps, without the database."""

import pytest

from home.captions import (
    CaptionsError,
    Cue,
    format_timestamp,
    parse_timestamp,
    parse_webvtt,
    transcript_paragraphs,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0:05", 5), ("1:05", 65), ("01:02:03", 3723), ("00:00:01.500", 1.5)],
)
def test_timestamps_read_as_seconds(text, seconds):
    assert parse_timestamp(text) == seconds


@pytest.mark.parametrize("text", ["", "65", "1:75", "a:bc"])
def test_bad_timestamps_are_rejected(text):
    with pytest.raises(ValueError):
        parse_timestamp(text)


@pytest.mark.parametrize(
    ("seconds", "label"), [(5, "0:05"), (65, "1:05"), (3723, "1:02:03")]
)
def test_timestamps_format_as_people_read_them(seconds, label):
    assert format_timestamp(seconds) == label


def test_webvtt_with_bom_notes_and_settings_parses():
    text = (
        "\ufeffWEBVTT - demo\r\n\r\nNOTE written by L&D\r\n\r\n"
        "intro\r\n00:00:01.000 --> 00:00:02.500 align:start\r\n<v Sam>Hello</v> there\r\n"
    )
    assert parse_webvtt(text) == [Cue(start=1.0, end=2.5, text="Hello there")]


def test_a_file_without_the_webvtt_header_is_rejected():
    with pytest.raises(CaptionsError, match="WEBVTT"):
        parse_webvtt("00:00:01.000 --> 00:00:02.000\nHi")


def test_transcript_breaks_paragraphs_at_pauses():
    cues = [Cue(0, 2, "One."), Cue(2.2, 4, "Two."), Cue(8, 9, "Three.")]
    assert transcript_paragraphs(cues) == [(0, "One. Two."), (8, "Three.")]
