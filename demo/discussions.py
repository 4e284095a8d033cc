"""The demo's discussion question: open-ended prompts a program step delivers."""

from community.pages import DiscussionPage

from .specs import PageSpec, stream

FEEDBACK_THAT_CHANGED = PageSpec(
    DiscussionPage,
    slug="feedback-that-changed-how-you-work",
    title="Feedback that changed how you work",
    fields={
        "intro": "<p>Two weeks after the course, swap stories with your cohort: "
        "what has worked, and what got in the way.</p>",
        "questions": stream(
            (
                "question",
                "Think of feedback that changed how you work. What made it land?",
            ),
            (
                "question",
                "Where has SBI been hard to use since the course? What did you try?",
            ),
            (
                "question",
                "What is one piece of feedback you have been putting off giving?",
            ),
        ),
        "window_days": 7,
    },
)
