"""The demo's images, documents and videos, made from files in ``demo/files``.

The files are generated once by the scripts in that folder and committed;
``screencasts.json`` says how long each video is and where its chapters start.
"""

import json
from functools import cache
from pathlib import Path

from .specs import FileSpec

ASSETS_DIR = Path(__file__).resolve().parent / "files"

# Image titles, used as keys by the pages that show them.
TWO_COLLEAGUES = "Two colleagues talking at a table"
SBI_BUBBLES = "Situation, Behaviour, Impact speech bubbles"
CHECKLIST = "Feedback preparation checklist"
CALENDAR = "One-to-one marked on a calendar"
STEPS = "Steps rising to a flag"

SBI_WORKSHEET = "SBI feedback planning worksheet"

FEEDBACK_NOTE_SCREENCAST = "logging-a-feedback-note"
SBI_SCREENCAST = "preparing-with-the-sbi-template"

IMAGES = [
    FileSpec(
        TWO_COLLEAGUES,
        "two-colleagues-talking.jpg",
        {
            "description": "Illustration of two colleagues at a table, one speaking "
            "and one listening, with speech bubbles above them."
        },
    ),
    FileSpec(
        SBI_BUBBLES,
        "sbi-speech-bubbles.jpg",
        {
            "description": "Three speech bubbles in a row labelled Situation, "
            "Behaviour and Impact."
        },
    ),
    FileSpec(
        CHECKLIST,
        "feedback-checklist.jpg",
        {"description": "A clipboard checklist with three of four items ticked."},
    ),
    FileSpec(
        CALENDAR,
        "one-to-one-calendar.jpg",
        {"description": "A May calendar with the 16th circled, next to a clock."},
    ),
    FileSpec(
        STEPS,
        "steps-to-a-flag.jpg",
        {"description": "A person climbing coloured steps towards a yellow flag."},
    ),
]


@cache
def screencast_manifest() -> dict[str, dict]:
    """What ``make_screencasts.py`` recorded about each video, by file stem."""
    return json.loads((ASSETS_DIR / "screencasts.json").read_text(encoding="utf-8"))


def screencast_title(slug: str) -> str:
    return screencast_manifest()[slug]["title"]


def poster_title(slug: str) -> str:
    return f"Poster: {screencast_title(slug)}"


def captions_title(slug: str) -> str:
    return f"Captions: {screencast_title(slug)}"


def screencast_chapters(slug: str) -> list[dict[str, str]]:
    return [dict(chapter) for chapter in screencast_manifest()[slug]["chapters"]]


def screencast_images() -> list[FileSpec]:
    """A poster image per screencast, first slide of the video."""
    return [
        FileSpec(
            poster_title(slug),
            entry["poster"],
            {"description": f"Opening screen of the screencast “{entry['title']}”."},
        )
        for slug, entry in screencast_manifest().items()
    ]


def documents() -> list[FileSpec]:
    """The captions of each screencast, and the printable SBI worksheet."""
    captions = [
        FileSpec(captions_title(slug), entry["captions"])
        for slug, entry in screencast_manifest().items()
    ]
    return [*captions, FileSpec(SBI_WORKSHEET, "sbi-feedback-worksheet.pdf")]


def videos() -> list[FileSpec]:
    """Each screencast's MP4, with its poster as the media library thumbnail."""
    return [
        FileSpec(
            entry["title"],
            entry["video"],
            {
                "type": "video",
                "duration": entry["duration"],
                "width": entry["width"],
                "height": entry["height"],
                "thumbnail": entry["poster"],
            },
        )
        for entry in screencast_manifest().values()
    ]
