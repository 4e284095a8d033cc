"""Curating a thread into content: a draft article built from the best answers.

A facilitator turns a thread whose answers deserve a wider audience into a
draft ``ArticlePage``: the question, the accepted answer and the replies
members found most helpful, each credited to its author, and a link back to
the thread. The draft then goes through normal editing and publishing in
Wagtail; nothing here publishes. A thread with nothing worth curating yet gets
no draft; curating again after it grows adds a revision to the same article.
"""

import re
from dataclasses import dataclass

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


NOTHING_TO_CURATE = (
    "Nothing to curate yet: no reply is marked as the answer or found helpful. "
    "Mark the best reply as the answer, or come back once members mark replies "
    "helpful."
)


class CurationRejected(Exception):
    """The thread can't be curated by this person now; ``message`` says why.

    ``level`` is "warning" when nothing is wrong but there is nothing to do yet.
    """

    def __init__(self, message: str, *, level: str = "error"):
        super().__init__(message)
        self.message = message
        self.level = level


@dataclass(frozen=True)
class Curated:
    """What curating did: ``outcome`` is "created", "updated" or "unchanged";
    ``page`` is the article as its latest draft reads."""

    page: ArticlePage
    outcome: str
    answer_count: int


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


def curated_answers(*, thread: Thread) -> list[Post]:
    """The replies worth curating, best first: the accepted answer, then the
    replies marked helpful, most marks first. Deleted and hidden ones never."""
    accepted = thread.accepted_post
    if accepted is not None and (
        accepted.deleted_at is not None or accepted.hidden_at is not None
    ):
        accepted = None
    helpful = _helpful_answers(thread=thread, exclude=accepted)
    return ([accepted] if accepted is not None else []) + helpful


def _names(names: list[str]) -> str:
    names = list(dict.fromkeys(names))  # each once, in order
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def answer_credit_role(*, post: Post) -> str:
    """What follows the name in an answer's credit: the member's office
    ("— Ana Silva, São Paulo"), or that a facilitator wrote it."""
    if post.author_id is not None and post.author is not None:
        return post.author.office.strip()
    if post.author_user_id is not None:
        return "Facilitator"
    return ""


def _answer_quote(*, post: Post) -> tuple[str, dict]:
    return (
        "quote_block",
        {
            "quote": post_plain_text(post.body_html),
            "attribution": author_label(post)[:120],
            "role": answer_credit_role(post=post)[:120],
        },
    )


def curated_body(
    *, thread: Thread, answers: list[Post] | None = None
) -> list[tuple[str, object]]:
    """The article's body blocks: question, answers, credits and a link back."""
    if answers is None:
        answers = curated_answers(thread=thread)
    accepted_id = thread.accepted_post_id
    accepted = [post for post in answers if post.pk == accepted_id]
    helpful = [post for post in answers if post.pk != accepted_id]
    cohort = thread.cohort

    blocks: list[tuple[str, object]] = [
        ("heading_block", {"text": "The question", "level": "h2"}),
    ]
    question_html = rich_text_from_post_html(thread.body_html)
    blocks.append(
        (
            "paragraph_block",
            RichText(question_html or f"<p>{escape(thread.title)}</p>"),
        )
    )
    if accepted:
        blocks.append(("heading_block", {"text": "The answer", "level": "h2"}))
        blocks.append(_answer_quote(post=accepted[0]))
    if helpful:
        heading = (
            "More answers colleagues found helpful"
            if accepted
            else "Answers colleagues found helpful"
        )
        blocks.append(("heading_block", {"text": heading, "level": "h2"}))
        blocks.extend(_answer_quote(post=post) for post in helpful)

    credits = []
    if thread.author_id is not None:
        credits.append(f"Asked by {author_label(thread)}.")
    answerers = [author_label(post) for post in answers]
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
    """One sentence for the article's card and lede: where the answers come
    from. Not the question: the page shows that just below, so it would read
    twice."""
    text = (
        f"How colleagues in the {thread.cohort} cohort space answered, in their "
        "own words."
    )
    return Truncator(text).chars(SUMMARY_MAX_CHARS)


def _without_ids(raw):
    """Stream data with block ids left out, at every depth: ids are fresh each
    time a body is built, so only the content tells whether it changed."""
    if isinstance(raw, dict):
        is_block = "type" in raw and "value" in raw
        return {
            key: _without_ids(value)
            for key, value in raw.items()
            if not (is_block and key == "id")
        }
    if isinstance(raw, list | tuple):
        return [_without_ids(item) for item in raw]
    return raw


def _draft_update(*, page: ArticlePage, body, user) -> tuple[ArticlePage, str]:
    """A new revision of ``page`` with ``body``, on top of the editor's latest
    draft (their title, summary and other fields stay), and the outcome:
    "unchanged" if the body already says it all."""
    if not page.permissions_for_user(user).can_edit():
        raise CurationRejected(
            f"You need permission to edit “{page.title}” in Wagtail to update it "
            "with the new answers. Ask an editor."
        )
    draft = page.get_latest_revision_as_object()
    before = _without_ids(draft.body.get_prep_value())
    draft.body = body
    if _without_ids(draft.body.get_prep_value()) == before:
        return draft, "unchanged"
    draft.save_revision(user=user, log_action=True, clean=False)
    return draft, "updated"


@transaction.atomic
def thread_curate(*, thread: Thread, user) -> Curated:
    """A facilitator turns ``thread`` into a draft article.

    The draft lives under the topic of the thread's source page (else the first
    topic), is saved as a revision but not published, and is remembered on the
    thread. Curating again after the thread grows saves a new revision of that
    article with the answers as they are now; the editor's earlier version
    stays in its history. A thread with no accepted or helpful reply gets a
    warning and no draft.
    """
    if not is_facilitator(user):
        raise CurationRejected("Only facilitators can curate threads.")
    answers = curated_answers(thread=thread)
    if not answers:
        raise CurationRejected(NOTHING_TO_CURATE, level="warning")
    body = curated_body(thread=thread, answers=answers)
    if thread.curated_page_id is not None:
        existing = ArticlePage.objects.filter(pk=thread.curated_page_id).first()
        if existing is not None:
            draft, outcome = _draft_update(page=existing, body=body, user=user)
            return Curated(page=draft, outcome=outcome, answer_count=len(answers))
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
        body=body,
        live=False,
        owner=user,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True, clean=False)
    log(instance=page, action="wagtail.create", user=user)
    Thread.objects.filter(pk=thread.pk).update(curated_page=page)
    thread.curated_page = page
    return Curated(page=page, outcome="created", answer_count=len(answers))
