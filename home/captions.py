"""WebVTT captions and timestamps: pure functions, no database.

Screencasts carry their captions as a WebVTT file. The player loads it as a
``<track>``; the page also shows it as a readable transcript, grouped into
paragraphs, so the content works for people who can't or won't play video.
"""

import re
from dataclasses import dataclass

TIMESTAMP_RE = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.(\d{1,3}))?$")
CUE_TIMING_RE = re.compile(r"^(\S+)\s+-->\s+(\S+)")
TAG_RE = re.compile(r"<[^>]+>")


class CaptionsError(ValueError):
    """The file is not WebVTT the hub can read."""


@dataclass(frozen=True)
class Cue:
    """One caption: when it shows, and its text."""

    start: float
    end: float
    text: str


def parse_timestamp(value: str) -> float:
    """Seconds in ``m:ss``, ``h:mm:ss`` or WebVTT ``hh:mm:ss.ttt`` form."""
    match = TIMESTAMP_RE.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a timestamp like 1:05 or 0:01:05")
    hours, minutes, seconds, millis = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(millis.ljust(3, "0")) / 1000 if millis else 0)


def format_timestamp(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss`` past an hour), as people read durations."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def parse_webvtt(text: str) -> list[Cue]:
    """The cues of a WebVTT document, in order. Raises ``CaptionsError``."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("WEBVTT"):
        raise CaptionsError("A WebVTT file must start with the line WEBVTT.")
    cues = []
    for block in re.split(r"\n{2,}", text.strip())[1:]:
        lines = block.split("\n")
        timing_index = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing_index is None:
            continue  # NOTE, STYLE and REGION blocks carry no caption
        match = CUE_TIMING_RE.match(lines[timing_index])
        if not match:
            raise CaptionsError(f"Unreadable cue timing: {lines[timing_index]!r}")
        try:
            start, end = parse_timestamp(match[1]), parse_timestamp(match[2])
        except ValueError as exc:
            raise CaptionsError(str(exc)) from exc
        body = " ".join(lines[timing_index + 1 :])
        caption = TAG_RE.sub("", body).strip()
        if caption:
            cues.append(Cue(start=start, end=end, text=caption))
    return cues


def transcript_paragraphs(cues: list[Cue], *, pause: float = 2.0, max_cues: int = 6):
    """Group cues into paragraphs at pauses, each with the time it starts.

    Returns a list of ``(start_seconds, text)``.
    """
    paragraphs: list[tuple[float, list[str]]] = []
    previous_end = None
    for cue in cues:
        starts_new = (
            not paragraphs
            or (previous_end is not None and cue.start - previous_end >= pause)
            or len(paragraphs[-1][1]) >= max_cues
        )
        if starts_new:
            paragraphs.append((cue.start, [cue.text]))
        else:
            paragraphs[-1][1].append(cue.text)
        previous_end = cue.end
    return [(start, " ".join(texts)) for start, texts in paragraphs]
