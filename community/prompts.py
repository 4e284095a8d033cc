"""Threads opened by deliveries: booster discussion prompts and discussion steps.

When a booster with a discussion prompt, or a discussion question step, first
reaches a cohort, it opens a thread in the cohort's space; every email of it
links there ("Discuss with your cohort") with the learner's own reusable
sign-in link, so the tap lands in the thread and not on a sign-in form. The
drip dispatcher calls ``discussion_threads_ensure`` for each batch it sends
(registered as a ``boosters.drip.emails.delivery_batch_hook`` in
``community.notices``), and the booster feedback page finds the thread with
``discussion_thread_path`` (a ``boosters.questions.discussions`` finder).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from boosters.drip.links import absolute_url, hub_sign_in_url
from boosters.models import Delivery
from boosters.questions.pages import BoosterQuestionPage
from community.models import Thread, ThreadKind
from community.pages import DiscussionPage
from community.sanitize import post_html_from_text

TITLE_MAX = Thread._meta.get_field("title").max_length


@dataclass(frozen=True)
class ThreadSource:
    """What a page contributes to the thread it opens."""

    kind: str
    title: str
    body_html: str


def thread_source(page) -> ThreadSource | None:
    """The thread ``page`` opens in each cohort it reaches, or ``None``.

    A booster opens one only if it has a discussion prompt; a discussion
    question page always does. Unpublished pages open nothing.
    """
    if page is None or not page.live:
        return None
    if isinstance(page, BoosterQuestionPage):
        prompt = (page.discussion_prompt or "").strip()
        if not prompt:
            return None
        return ThreadSource(
            kind=ThreadKind.PROMPT,
            title=page.title[:TITLE_MAX],
            body_html=post_html_from_text(prompt),
        )
    if isinstance(page, DiscussionPage):
        items = format_html_join("", "<li>{}</li>", ((q,) for q in page.question_texts))
        return ThreadSource(
            kind=ThreadKind.DISCUSSION,
            title=page.title[:TITLE_MAX],
            body_html=format_html("<ol>{}</ol>", items),
        )
    return None


def thread_path(*, cohort, thread_id: int) -> str:
    """The hub path of a thread in ``cohort``'s space."""
    return reverse(
        "community_thread",
        kwargs={"cohort_slug": cohort.slug, "thread_id": thread_id},
    )


def thread_absolute_url(*, cohort, thread_id: int) -> str:
    """The absolute link to a thread in ``cohort``'s space."""
    return absolute_url(thread_path(cohort=cohort, thread_id=thread_id))


def thread_sign_in_url(
    *, learner, cohort, thread_id: int, post_id: int | None = None
) -> str:
    """``learner``'s signed link to a thread (at ``post_id``'s reply, if given):
    one tap signs in and opens it."""
    path = thread_path(cohort=cohort, thread_id=thread_id)
    if post_id is not None:
        path += f"#post-{post_id}"
    return hub_sign_in_url(learner=learner, next_url=path)


def discussion_thread_path(*, cohort, page) -> str | None:
    """The path of the thread ``page`` opened in ``cohort``, or ``None`` if it
    opened none (or a facilitator hid it)."""
    thread_id = (
        Thread.objects.filter(
            cohort=cohort, source_page_id=page.pk, hidden_at__isnull=True
        )
        .values_list("pk", flat=True)
        .first()
    )
    if thread_id is None:
        return None
    return thread_path(cohort=cohort, thread_id=thread_id)


def discussion_threads_ensure(*, deliveries: list[Delivery]) -> None:
    """Make sure each (cohort, page) of the batch that opens a thread has one,
    and set ``discussion_url`` on its deliveries: each learner's own signed
    link to it (``thread_sign_in_url``).

    Pages must already be specific (``boosters.drip.emails.delivery_pages_load``) and
    ``enrollment__cohort`` loaded. Exactly one thread per cohort and page, even
    when parallel ticks send the same booster to a cohort: inserts ignore the
    unique constraint's conflicts, then the threads are read back. Two queries
    per batch, whatever its size. A thread a facilitator hid is not linked.
    """
    wanted: dict[tuple[int, int], tuple[object, ThreadSource]] = {}
    for delivery in deliveries:
        page = delivery.page if delivery.page_id is not None else None
        source = _cached_source(page)
        if source is None:
            continue
        cohort = delivery.enrollment.cohort
        wanted.setdefault((cohort.pk, page.pk), (cohort, source))
    if not wanted:
        return
    now = timezone.now()
    # ignore_conflicts: a thread another tick (or an earlier batch) opened stays.
    Thread.objects.bulk_create(
        [
            Thread(
                cohort_id=cohort_id,
                source_page_id=page_id,
                kind=source.kind,
                title=source.title,
                body_html=source.body_html,
                created_at=now,
                last_activity_at=now,
            )
            for (cohort_id, page_id), (_, source) in wanted.items()
        ],
        ignore_conflicts=True,
    )
    rows = Thread.objects.filter(
        cohort_id__in={cohort_id for cohort_id, _ in wanted},
        source_page_id__in={page_id for _, page_id in wanted},
        hidden_at__isnull=True,
    ).values_list("pk", "cohort_id", "source_page_id")
    threads = {(cohort_id, page_id): pk for pk, cohort_id, page_id in rows}
    for delivery in deliveries:
        if delivery.page_id is None:
            continue
        cohort = delivery.enrollment.cohort
        thread_id = threads.get((cohort.pk, delivery.page_id))
        if thread_id is not None:
            delivery.discussion_url = thread_sign_in_url(
                learner=delivery.enrollment.learner, cohort=cohort, thread_id=thread_id
            )


def _cached_source(page) -> ThreadSource | None:
    # A batch shares one instance per page: work the source out once.
    if page is None:
        return None
    if "_thread_source" not in page.__dict__:
        page.__dict__["_thread_source"] = thread_source(page)
    return page.__dict__["_thread_source"]


DISCUSSION_CLOSED = "The discussion window has closed."


def discussion_threads_close(*, now) -> int:
    """Lock discussion-question threads whose window (``window_days``) has passed.

    Members can still read them; facilitators can unlock one to keep it going.
    Returns how many were locked.
    """
    closed = 0
    open_threads = Thread.objects.filter(
        kind=ThreadKind.DISCUSSION, locked=False, source_page__isnull=False
    ).values_list("pk", "source_page_id", "created_at")
    windows = dict(
        DiscussionPage.objects.filter(
            pk__in={page_id for _, page_id, _ in open_threads}
        ).values_list("pk", "window_days")
    )
    expired = [
        pk
        for pk, page_id, created_at in open_threads
        if page_id in windows and created_at + timedelta(days=windows[page_id]) <= now
    ]
    if expired:
        closed = Thread.objects.filter(pk__in=expired, locked=False).update(locked=True)
    return closed
