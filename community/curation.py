"""Curating a thread into content: a draft article built from the best answers.

A facilitator turns a thread whose answers deserve a wider audience into a
draft ``ArticlePage``: the question, the accepted answer and the replies
members found most helpful, each credited to its author, and a link back to
the thread. The draft then goes through normal editing and publishing in
Wagtail; nothing here publishes.
"""

import re

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator, slugify

from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.rich_text import RichText

import nh3

from boosters.drip.links import absolute_url
from community.membership import is_facilitator
from community.models import Post, Thread
from community.sanitize import post_plain_text
from community.selectors import author_label
from home.models import ArticlePage, TopicPage

HELPFUL_ANSWERS_MAX = 5
SUMMARY_MAX_CHARS = ArticlePage._meta.get_field("summary").max_length
TITLE_MAX_CHARS = 255
# What a paragraph block (``content_blocks.blocks.text.PROSE_FEATURES``) keeps.
_RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li"}
_INLINE_RENAMES = {"strong": "b", "em": "i"}


class CurationRejected(Exception):
    """The thread can't be curated by this person now; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def thread_url(*, thread: Thread) -> str:
    """The thread's absolute address, for links back from the article."""
    return absolute_url(
        reverse(
            "community_thread",
            kwargs={"cohort_slug": thread.cohort.slug, "thread_id": thread.pk},
        )
    )


def curation_parent(*, thread: Thread) -> TopicPage | None:
    """Where the draft goes: the topic of the page that opened the thread, if
    there is one, else the hub's first topic."""
    if thread.source_page_id is not None:
        source = Page.objects.filter(pk=thread.source_page_id).first()
        parent = source.get_parent() if source is not None else None
        if parent is not None and isinstance(parent.specific, TopicPage):
            return parent.specific
    return TopicPage.objects.order_by("path").first()


def rich_text_from_post_html(body_html: str) -> str:
    """A post's sanitized HTML in Wagtail's rich text format for a paragraph
    block: bold, italic, links and lists survive; quotes and code become text."""
    for tag, replacement in _INLINE_RENAMES.items():
        body_html = re.sub(rf"<(/?){tag}>", rf"<\1{replacement}>", body_html)
    return nh3.clean(
        body_html,
        tags=_RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def _helpful_answers(*, thread: Thread, exclude: Post | None) -> list[Post]:
    posts = (
        Post.objects.filter(
            thread=thread, deleted_at__isnull=True, hidden_at__isnull=True
        )
        .select_related("author", "author_user")
        .annotate(helpful_count=Count("helpful_marks"))
        .filter(helpful_count__gt=0)
        .order_by("-helpful_count", "created_at", "pk")
    )
    if exclude is not None:
        posts = posts.exclude(pk=exclude.pk)
    return list(posts[:HELPFUL_ANSWERS_MAX])


def _names(names: list[str]) -> str:
    names = list(dict.fromkeys(names))  # each once, in order
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _answer_quote(*, post: Post, role: str) -> tuple[str, dict]:
    return (
        "quote_block",
        {
            "quote": post_plain_text(post.body_html),
            "attribution": author_label(post)[:120],
            "role": role[:120],
        },
    )


def curated_body(*, thread: Thread) -> list[tuple[str, object]]:
    """The article's body blocks: question, answers, credits and a link back."""
    accepted = thread.accepted_post
    if accepted is not None and (
        accepted.deleted_at is not None or accepted.hidden_at is not None
    ):
        accepted = None
    helpful = _helpful_answers(thread=thread, exclude=accepted)
    cohort = thread.cohort

    blocks: list[tuple[str, object]] = [
        ("heading_block", {"text": "The question", "level": "h2"}),
    ]
    question_html = rich_text_from_post_html(thread.body_html)
    blocks.append(
        ("paragraph_block", RichText(question_html or f"<p>{thread.title}</p>"))
    )
    if accepted is not None:
        blocks.append(("heading_block", {"text": "The answer", "level": "h2"}))
        blocks.append(_answer_quote(post=accepted, role=f"Accepted answer, {cohort}"))
    if helpful:
        blocks.append(
            (
                "heading_block",
                {"text": "More answers colleagues found helpful", "level": "h2"},
            )
        )
        for post in helpful:
            count = post.helpful_count
            colleagues = "colleague" if count == 1 else "colleagues"
            blocks.append(
                _answer_quote(
                    post=post, role=f"Found helpful by {count} {colleagues}, {cohort}"
                )
            )

    credits = []
    if thread.author_id is not None:
        credits.append(f"Asked by {author_label(thread)}.")
    answerers = [
        author_label(post) for post in ([accepted] if accepted else []) + helpful
    ]
    if answerers:
        credits.append(f"Answers by {_names(answerers)}.")
    credits.append(f"From the {cohort} cohort space.")
    blocks.append(("heading_block", {"text": "With thanks", "level": "h2"}))
    blocks.append(
        (
            "paragraph_block",
            RichText("<p>" + " ".join(escape(c) for c in credits) + "</p>"),
        )
    )
    blocks.append(
        (
            "resource_links_block",
            {
                "heading": "The original discussion",
                "links": [
                    (
                        "external_link",
                        {
                            "link_url": thread_url(thread=thread),
                            "link_text": f"The thread in the {cohort} space"[:120],
                        },
                    )
                ],
            },
        )
    )
    return blocks


def curated_summary(*, thread: Thread) -> str:
    """One or two sentences for the article's card: the question, shortened."""
    text = post_plain_text(thread.body_html) or thread.title
    return Truncator(" ".join(text.split())).chars(SUMMARY_MAX_CHARS)


@transaction.atomic
def thread_curate(*, thread: Thread, user) -> ArticlePage:
    """A facilitator turns ``thread`` into a draft article and gets it back.

    The draft lives under the topic of the thread's source page (else the first
    topic), is saved as a revision but not published, and is remembered on the
    thread: curating again returns the same draft.
    """
    if not is_facilitator(user):
        raise CurationRejected("Only facilitators can curate threads.")
    if thread.curated_page_id is not None:
        existing = ArticlePage.objects.filter(pk=thread.curated_page_id).first()
        if existing is not None:
            return existing
    parent = curation_parent(thread=thread)
    if parent is None:
        raise CurationRejected(
            "The hub has no topic to put an article in yet. Add a topic page first."
        )
    if not parent.permissions_for_user(user).can_add_subpage():
        raise CurationRejected(
            f"You need permission to add pages under “{parent.title}” in Wagtail "
            "to curate this thread. Ask an editor."
        )
    title = Truncator(thread.title).chars(TITLE_MAX_CHARS)
    page = ArticlePage(
        title=title,
        slug=find_available_slug(parent, slugify(title)[:200] or "curated-thread"),
        summary=curated_summary(thread=thread),
        body=curated_body(thread=thread),
        live=False,
        owner=user,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True, clean=False)
    log(instance=page, action="wagtail.create", user=user)
    Thread.objects.filter(pk=thread.pk).update(curated_page=page)
    thread.curated_page = page
    return page
