"""Reading a cohort space: its threads, a thread's replies, who helps most.

Everything here is shaped for one viewer (``community.membership.SpaceViewer``):
what they may see, and what they may do with it, so templates only print.
Bodies are sanitized again on the way out (``post_html_sanitize``): a post
never renders raw HTML, even if a row was written by something else.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from boosters.models import EnrollmentStatus, Learner
from community.membership import SpaceViewer, visible_threads
from community.models import HelpfulMark, Post, PostReport, Thread, ThreadRead
from community.sanitize import post_html_sanitize, post_plain_text
from community.services import answer_can_accept, post_can_edit, thread_can_edit

TOP_CONTRIBUTORS = 5
PREVIEW_CHARS = 160


def safe_body(body_html: str) -> SafeString:
    """A stored body, sanitized once more, ready to print."""
    return mark_safe(post_html_sanitize(body_html))  # noqa: S308 - sanitized by nh3


def author_label(post: Post | Thread) -> str:
    """How the author of a thread or reply is named in the space."""
    if post.author_id is not None and post.author is not None:
        return post.author.full_name or "A member"
    user = getattr(post, "author_user", None)
    if user is not None:
        return user.get_full_name() or user.get_username()
    if isinstance(post, Thread) and post.author_id is None:
        return pgettext("author of a post", "Facilitators")
    return _("A former member")


def space_threads(*, viewer: SpaceViewer) -> QuerySet[Thread]:
    """The threads of the viewer's space, pinned first, then most recently active.

    Each has ``reply_count`` (replies still there), ``reader_count`` and, for a
    member, ``last_read_at`` (``None`` if they never opened it).
    """
    threads = (
        visible_threads(viewer=viewer)
        .select_related("author")
        .annotate(
            reply_count=Count(
                "posts",
                filter=Q(posts__deleted_at__isnull=True, posts__hidden_at__isnull=True),
                distinct=True,
            ),
            reader_count=Count("reads", distinct=True),
        )
        .order_by("-pinned", "-last_activity_at", "-pk")
    )
    if viewer.learner is not None:
        threads = threads.annotate(
            last_read_at=Subquery(
                ThreadRead.objects.filter(
                    thread=OuterRef("pk"), learner=viewer.learner
                ).values("last_read_at")[:1]
            )
        )
    return threads


@dataclass
class ThreadRow:
    """One line of the space's thread list."""

    thread: Thread
    author_name: str
    preview: str
    reply_count: int
    reader_count: int
    is_new: bool
    is_answered: bool


def thread_rows(*, threads, viewer: SpaceViewer) -> list[ThreadRow]:
    """``threads`` (from ``space_threads``, maybe one page of it) as list rows."""
    rows = []
    for thread in threads:
        last_read_at = getattr(thread, "last_read_at", None)
        is_new = viewer.learner is not None and (
            last_read_at is None or thread.last_activity_at > last_read_at
        )
        preview = post_plain_text(thread.body_html)
        if len(preview) > PREVIEW_CHARS:
            preview = preview[: PREVIEW_CHARS - 1].rsplit(" ", 1)[0] + "…"
        rows.append(
            ThreadRow(
                thread=thread,
                author_name=author_label(thread),
                preview=preview,
                reply_count=thread.reply_count,
                reader_count=thread.reader_count,
                is_new=is_new,
                is_answered=thread.accepted_post_id is not None,
            )
        )
    return rows


@dataclass
class PostView:
    """A reply as one viewer sees it, with what they may do to it."""

    post: Post
    author_name: str
    by_facilitator: bool
    body: SafeString | str
    helpful_count: int
    marked_helpful: bool
    is_accepted: bool
    is_deleted: bool
    is_hidden: bool
    # The hide reason, for the reply's author and facilitators only.
    hidden_reason: str = ""
    show_body: bool = True
    is_mine: bool = False
    can_edit: bool = False
    can_delete: bool = False
    can_mark_helpful: bool = False
    can_accept: bool = False
    can_report: bool = False

    @property
    def anchor(self) -> str:
        return f"post-{self.post.pk}"


@dataclass
class ThreadDetail:
    """A thread page for one viewer."""

    thread: Thread
    author_name: str
    body: SafeString | str
    posts: list[PostView]
    accepted: PostView | None
    is_mine: bool
    can_reply: bool
    reply_closed_reason: str
    can_accept: bool
    can_edit: bool
    can_report: bool
    reader_count: int = 0
    open_reports: list[PostReport] = field(default_factory=list)
    # Whether a reply is accepted or found helpful: something to curate.
    has_answers_to_curate: bool = False


def thread_posts(*, thread: Thread, viewer: SpaceViewer) -> QuerySet[Post]:
    """The replies of ``thread`` with authors and helpful counts, in one query."""
    posts = (
        thread.posts.select_related("author", "author_user")
        .annotate(helpful_count=Count("helpful_marks", distinct=True))
        .order_by("created_at", "pk")
    )
    if viewer.learner is not None:
        posts = posts.annotate(
            marked_helpful=Exists(
                HelpfulMark.objects.filter(post=OuterRef("pk"), learner=viewer.learner)
            )
        )
    return posts


def thread_detail(
    *, thread: Thread, viewer: SpaceViewer, now: datetime
) -> ThreadDetail:
    """Everything the thread page shows ``viewer``, in a fixed number of queries."""
    can_accept = answer_can_accept(
        thread=thread, learner=viewer.learner, user=viewer.user
    )
    thread_is_visible = not thread.is_hidden
    posts = []
    accepted = None
    has_answers_to_curate = False
    for post in thread_posts(thread=thread, viewer=viewer):
        is_mine = viewer.is_author_of(post)
        is_deleted = post.deleted_at is not None
        is_hidden = post.hidden_at is not None
        show_body = not is_deleted and (
            not is_hidden or is_mine or viewer.is_facilitator
        )
        is_accepted = thread.accepted_post_id == post.pk
        intact = not is_deleted and not is_hidden and thread_is_visible
        view = PostView(
            post=post,
            author_name=author_label(post),
            by_facilitator=post.author_id is None and post.author_user_id is not None,
            body=safe_body(post.body_html) if show_body else "",
            helpful_count=post.helpful_count,
            marked_helpful=bool(getattr(post, "marked_helpful", False)),
            is_accepted=is_accepted,
            is_deleted=is_deleted,
            is_hidden=is_hidden,
            hidden_reason=(
                post.hidden_reason
                if is_hidden and (is_mine or viewer.is_facilitator)
                else ""
            ),
            show_body=show_body,
            is_mine=is_mine,
            can_edit=is_mine and post_can_edit(post=post, now=now),
            can_delete=is_mine and not is_deleted,
            can_mark_helpful=(
                viewer.learner is not None
                and intact
                and post.author_id != viewer.learner.pk
            ),
            can_accept=(
                can_accept
                and intact
                and not (
                    post.author_id is not None and post.author_id == thread.author_id
                )
            ),
            can_report=viewer.learner is not None and intact and not is_mine,
        )
        posts.append(view)
        if is_accepted and intact:
            accepted = view
        if not is_deleted and not is_hidden and (is_accepted or post.helpful_count):
            has_answers_to_curate = True

    is_mine = viewer.is_author_of(thread)
    if thread.is_hidden:
        reply_closed_reason = _("This thread is hidden, so it takes no replies.")
    elif thread.locked and not viewer.is_facilitator:
        reply_closed_reason = _("This thread is locked: it takes no more replies.")
    else:
        reply_closed_reason = ""
    detail = ThreadDetail(
        thread=thread,
        author_name=author_label(thread),
        body=safe_body(thread.body_html),
        posts=posts,
        accepted=accepted,
        is_mine=is_mine,
        can_reply=not reply_closed_reason,
        reply_closed_reason=reply_closed_reason,
        can_accept=can_accept,
        can_edit=(
            viewer.learner is not None
            and thread.author_id == viewer.learner.pk
            and thread_can_edit(thread=thread, now=now)
        ),
        can_report=viewer.learner is not None and thread_is_visible and not is_mine,
    )
    if viewer.is_facilitator:
        detail.reader_count = thread.reads.count()
        detail.open_reports = list(open_reports(thread=thread))
        detail.has_answers_to_curate = has_answers_to_curate
    return detail


def thread_reply_count(*, thread: Thread) -> int:
    """How many replies ``thread`` has, hidden ones too (deleted ones are gone)."""
    return thread.posts.filter(deleted_at__isnull=True).count()


def open_reports(*, cohort=None, thread: Thread | None = None) -> QuerySet[PostReport]:
    """Reports not yet dealt with, oldest first, for facilitators."""
    reports = PostReport.objects.filter(resolved_at__isnull=True).select_related(
        "thread__cohort", "post__author", "reporter"
    )
    if cohort is not None:
        reports = reports.filter(thread__cohort=cohort)
    if thread is not None:
        reports = reports.filter(thread=thread)
    return reports.order_by("created_at", "pk")


@dataclass(frozen=True)
class Contributor:
    """A member and the recognition their replies earned in one cohort."""

    learner: Learner
    helpful: int
    accepted: int

    @property
    def score(self) -> int:
        return self.helpful + self.accepted


def _recognition(*, cohort, learner: Learner | None = None) -> tuple[Counter, Counter]:
    """Helpful marks and accepted answers per author, for replies still shown."""
    shown = Q(
        post__deleted_at__isnull=True,
        post__hidden_at__isnull=True,
        post__thread__hidden_at__isnull=True,
        post__thread__cohort=cohort,
        post__author__isnull=False,
    )
    marks = HelpfulMark.objects.filter(shown)
    answers = Thread.objects.filter(
        cohort=cohort,
        hidden_at__isnull=True,
        accepted_post__author__isnull=False,
        accepted_post__deleted_at__isnull=True,
        accepted_post__hidden_at__isnull=True,
    )
    if learner is not None:
        marks = marks.filter(post__author=learner)
        answers = answers.filter(accepted_post__author=learner)
    helpful = Counter(
        dict(
            marks.values("post__author")
            .annotate(n=Count("pk"))
            .values_list("post__author", "n")
        )
    )
    accepted = Counter(
        dict(
            answers.values("accepted_post__author")
            .annotate(n=Count("pk"))
            .values_list("accepted_post__author", "n")
        )
    )
    return helpful, accepted


def top_contributors(*, cohort, limit: int = TOP_CONTRIBUTORS) -> list[Contributor]:
    """The cohort's members whose replies were found helpful or accepted most.

    Each helpful mark and each accepted answer counts one; members who left the
    cohort drop off the list.
    """
    helpful, accepted = _recognition(cohort=cohort)
    author_ids = set(helpful) | set(accepted)
    if not author_ids:
        return []
    members = Learner.objects.filter(
        pk__in=author_ids,
        enrollments__cohort=cohort,
        enrollments__status=EnrollmentStatus.ACTIVE,
    )
    contributors = [
        Contributor(
            learner=learner,
            helpful=helpful.get(learner.pk, 0),
            accepted=accepted.get(learner.pk, 0),
        )
        for learner in members
    ]
    contributors.sort(
        key=lambda c: (-c.score, -c.accepted, c.learner.full_name, c.learner.pk)
    )
    return contributors[:limit]


@dataclass(frozen=True)
class MemberProfile:
    """What a member's profile in a cohort space shows."""

    learner: Learner
    threads_started: int
    replies: int
    helpful: int
    accepted: int
    recent_threads: list[Thread]


def member_profile(*, learner: Learner, cohort) -> MemberProfile:
    """``learner``'s activity and recognition in ``cohort``'s space."""
    helpful, accepted = _recognition(cohort=cohort, learner=learner)
    threads = Thread.objects.filter(
        cohort=cohort, author=learner, hidden_at__isnull=True
    )
    replies = Post.objects.filter(
        thread__cohort=cohort,
        thread__hidden_at__isnull=True,
        author=learner,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
    )
    return MemberProfile(
        learner=learner,
        threads_started=threads.count(),
        replies=replies.count(),
        helpful=helpful.get(learner.pk, 0),
        accepted=accepted.get(learner.pk, 0),
        recent_threads=list(threads.order_by("-created_at")[:5]),
    )
