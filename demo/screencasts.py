"""The demo's screencasts: two short tours of "Stride", a made-up performance system.

Videos, posters and captions come from ``demo/files``; chapters are the
steps ``make_screencasts.py`` recorded in ``screencasts.json``.
"""

from home.models import ScreencastPage

from . import assets
from .specs import PageSpec, document, image, media, stream


def screencast_spec(slug: str, **kwargs) -> PageSpec:
    """A screencast page for the video ``slug``, with its files and chapters."""
    fields = {
        "video": media(assets.screencast_title(slug)),
        "poster_image": image(assets.poster_title(slug)),
        "captions": document(assets.captions_title(slug)),
        "captions_language": "en",
        **kwargs.pop("fields"),
    }
    return PageSpec(
        ScreencastPage,
        slug=slug,
        title=assets.screencast_title(slug),
        fields=fields,
        inlines={"chapters": assets.screencast_chapters(slug)},
        **kwargs,
    )


def takeaways(*points: str) -> list[dict]:
    return stream(*(("takeaway", point) for point in points))


FEEDBACK_NOTE = screencast_spec(
    assets.FEEDBACK_NOTE_SCREENCAST,
    tags=("performance system", "giving feedback"),
    fields={
        "summary": "How to record a feedback note in Stride while the moment is "
        "fresh, link it to a goal and share it before your one-to-one.",
        "takeaways": takeaways(
            "Write the note within a day or two, while details are fresh.",
            "Describe what you observed and its impact, not a judgement.",
            "Share the note so the person can read it before you meet.",
        ),
        "body": stream(
            (
                "paragraph_block",
                "<p>Notes you log during the year become the evidence for the "
                "mid-year and annual reviews, so nobody is surprised by what "
                "comes up there.</p>",
            ),
        ),
    },
)

SBI_TEMPLATE = screencast_spec(
    assets.SBI_SCREENCAST,
    tags=("sbi", "performance system", "one-to-ones"),
    fields={
        "summary": "Use Stride's SBI template to plan a feedback conversation in "
        "five minutes: situation, behaviour, impact and an opening question.",
        "takeaways": takeaways(
            "Situation: one specific moment you both remember.",
            "Behaviour: what a camera would have recorded.",
            "Impact: the effect on people or work, then ask for their view.",
        ),
        "body": stream(
            (
                "resource_links_block",
                {
                    "heading": "Print it instead",
                    "links": stream(
                        ("document_link", {"document": document(assets.SBI_WORKSHEET)})
                    ),
                },
            ),
        ),
    },
)
