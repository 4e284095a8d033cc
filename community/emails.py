"""Discussion question steps as drip emails.

Registers ``DiscussionPage`` with the drip emails (``boosters.drip.emails``), so a
program step can deliver it like any other page: its questions listed and a
"Join the discussion" button to the cohort's thread (``community.prompts``).
Imported from ``community.notices``, which the app loads when it is ready.
"""

from django.utils.translation import gettext_lazy

from boosters.drip.emails import email_kind_register, html_to_text, rich_text_email_html
from community.pages import DiscussionPage


def _discussion_context(*, page: DiscussionPage) -> dict:
    intro_html = rich_text_email_html(page.intro)
    return {
        "intro_html": intro_html,
        "intro_text": html_to_text(intro_html),
        "questions": page.question_texts,
        "window_days": page.window_days,
    }


email_kind_register(
    page_class=DiscussionPage,
    stem="discussion",
    subject_format=gettext_lazy("Let's discuss: {title}"),
    context_builder=_discussion_context,
)
