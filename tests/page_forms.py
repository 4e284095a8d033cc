"""POST data for the page editor, built with Wagtail's form-data helpers.

StreamFields and inline panels are assembled by JavaScript in the editor, so
tests describe the submitted form explicitly.
"""

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)


def _base(page, **fields):
    return {"title": page.title, "slug": page.slug, **fields}


def home_page_data(page):
    return nested_form_data(
        _base(
            page,
            introduction=rich_text("<p>Welcome back.</p>"),
            featured=streamfield([]),
        )
    )


def topic_page_data(page):
    return nested_form_data(
        _base(page, introduction=rich_text("<p>All about feedback.</p>"))
    )


def article_page_data(page):
    return nested_form_data(
        _base(
            page,
            summary=page.summary,
            hero_alt_text="",
            tags="",
            body=streamfield(
                [
                    ("heading_block", {"text": "Situation first", "level": "h2"}),
                    ("paragraph_block", rich_text("<p>Describe what you saw.</p>")),
                ]
            ),
        )
    )


def screencast_page_data(page):
    return nested_form_data(
        _base(
            page,
            summary=page.summary,
            video=page.video_id,
            captions=page.captions_id or "",
            captions_language="en",
            chapters=inline_formset(
                [{"timestamp": "0:00", "title": "Open the system"}], initial=0
            ),
            takeaways=streamfield([("takeaway", "Notes are private until shared")]),
            body=streamfield([]),
            tags="",
        )
    )


def booster_page_data(page, *, choices=None):
    """Editor data for a booster; ``choices`` is a list of (text, is_correct)."""
    if choices is None:
        choices = [("Describe the meeting", True), ("Say nothing", False)]
    return nested_form_data(
        _base(
            page,
            question=rich_text("<p>Your colleague interrupts. What do you say?</p>"),
            choices=inline_formset(
                [
                    {
                        "text": text,
                        "is_correct": "on" if correct else "",
                        "feedback": rich_text(f"<p>Feedback on {text}.</p>"),
                    }
                    for text, correct in choices
                ],
                initial=0,
            ),
            explanation=rich_text("<p>Specific beats general.</p>"),
            success_looks_like=rich_text("<p>One meeting, one behaviour.</p>"),
            expected_results=rich_text("<p>Less defensiveness.</p>"),
            resource_links=streamfield([]),
            discussion_prompt="How do you open feedback?",
            tags="",
        )
    )
