"""The demo hub's page tree: the home page, its topics and what is filed in them.

Pages are built in the order they appear here, parents first, so a page may
only refer to pages listed above it.
"""

from home.models import HomePage, TopicPage

from . import articles, discussions, questions, screencasts
from .specs import PageSpec, page

HOME_SLUG = "feedback-hub"

HOME = PageSpec(
    HomePage,
    slug=HOME_SLUG,
    title="Feedback Conversations Hub",
    fields={
        "introduction": "<p>Welcome back! Short reads, two-minute screencasts "
        "and quick questions to keep your <b>feedback conversations</b> "
        "practice going after the course.</p>",
    },
)

# Set on the home page once the pages exist, and only on a home page this
# command created: an editor's own choice of featured items is left alone.
FEATURED = [
    page(articles.SBI_PATH),
    page(articles.SBI_SCREENCAST_PATH),
    page("giving-feedback/describe-the-behaviour"),
    page(articles.RECEIVING_PATH),
    page(articles.FEED_FORWARD_PATH),
    page("receiving-feedback/when-feedback-stings"),
]


def topic(slug: str, title: str, introduction: str, *children, top_level=True):
    return PageSpec(
        TopicPage,
        slug=slug,
        title=title,
        fields={"introduction": f"<p>{introduction}</p>"},
        show_in_menus=top_level,
        children=children,
    )


TOPICS = (
    topic(
        "giving-feedback",
        "Giving feedback",
        "Specific, timely feedback people can act on: the SBI model, timing, "
        "and how to skip the feedback sandwich.",
        topic(
            "performance-system",
            "Feedback in the new performance system",
            "How to log, share and find feedback notes in <b>Stride</b>, the "
            "performance system we moved to this year.",
            screencasts.FEEDBACK_NOTE,
            questions.WHERE_NOTES_GO,
            top_level=False,
        ),
        screencasts.SBI_TEMPLATE,
        articles.SBI_MODEL,
        questions.DESCRIBE_BEHAVIOUR,
        questions.SKIP_THE_SANDWICH,
        questions.TIMING,
        questions.PRAISE_THAT_HELPS,
    ),
    topic(
        "receiving-feedback",
        "Receiving feedback",
        "Hear feedback without getting defensive, and ask for the kind you can use.",
        articles.RECEIVING,
        questions.WHEN_IT_STINGS,
        questions.ASK_FOR_ONE_THING,
        discussions.FEEDBACK_THAT_CHANGED,
    ),
    topic(
        "coaching-conversations",
        "Coaching conversations",
        "Questions before advice, and feed-forward: conversations about the "
        "next attempt rather than the last one.",
        articles.FEED_FORWARD,
        questions.FEED_FORWARD_AFTER_A_MISS,
        questions.ASK_BEFORE_ADVISING,
    ),
)
