"""What members and facilitators do in a cohort space.

Each function checks that the person may do it and raises ``ActionRejected``
with a message to show them when not; views only translate that into a page.
A member is a learner with an active enrolment in the thread's cohort; a
facilitator is a Wagtail user (see ``community.membership.is_facilitator``).

Notices (a reply to your thread, your reply accepted) are queued here, within
the same transaction, so a post that fails leaves no email behind.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from boosters.drip.notices import notice_queue
from boosters.models import Cohort, Enrollment, Learner, NoticeKind
from community.membership import (
    is_facilitator,
    member_enrollment,
    spaces_facilitated_by,
)
from community.models import (
    HelpfulMark,
    NotificationPreferences,
    Post,
    PostReport,
    SpaceVisit,
    Thread,
    ThreadKind,
    ThreadRead,
)
from community.sanitize import POST_MAX_CHARS, post_html_from_text
from hub.numbers import number_grouped
from hub.text import single_line_normalise, single_line_problem

# Authors may fix a typo for a short while; after that a reply stands as read.
POST_EDIT_WINDOW = timedelta(minutes=15)
# At most this many threads and replies per learner in the window.
POST_RATE_LIMIT = 5
POST_RATE_WINDOW = timedelta(minutes=10)
TITLE_MAX_CHARS = Thread._meta.get_field("title").max_length
HIDE_REASON_MAX_CHARS = Thread._meta.get_field("hidden_reason").max_length
REPORT_REASON_MAX_CHARS = PostReport._meta.get_field("reason").max_length


class ActionRejected(Exception):
    """The person may not do this now; ``message`` says why, for them to read."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _minutes(delta: timedelta) -> str:
    minutes = max(1, -(-int(delta.total_seconds()) // 60))
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {
        "count": minutes
    }


def post_rate_wait(*, learner: Learner, now: datetime) -> timedelta | None:
    """How long until ``learner`` may post again; ``None`` if they may now.

    Counted from the threads and replies they wrote in the last
    ``POST_RATE_WINDOW``, so it needs no state of its own.
    """
    since = now - POST_RATE_WINDOW
    times = list(
        Post.objects.filter(author=learner, created_at__gt=since).values_list(
            "created_at", flat=True
        )
    ) + list(
        Thread.objects.filter(
            author=learner, kind=ThreadKind.LEARNER, created_at__gt=since
        ).values_list("created_at", flat=True)
    )
    if len(times) < POST_RATE_LIMIT:
        return None
    times.sort(reverse=True)
    # The post that must age out of the window before another one fits.
    return times[POST_RATE_LIMIT - 1] + POST_RATE_WINDOW - now


def _check_rate(*, learner: Learner | None, now: datetime) -> None:
    if learner is None:
        return  # facilitators are not limited
    wait = post_rate_wait(learner=learner, now=now)
    if wait is not None:
        raise ActionRejected(
            _(
                "You've posted %(count)s times in the last %(window)s. "
                "Please wait %(wait)s and post again."
            )
            % {
                "count": POST_RATE_LIMIT,
                "window": _minutes(POST_RATE_WINDOW),
                "wait": _minutes(wait),
            },
            status=429,
        )


def post_body_html(*, text: str) -> str:
    """The sanitized body for ``text``; rejects empty and oversized posts."""
    text = (text or "").strip()
    if len(text) > POST_MAX_CHARS:
        raise ActionRejected(
            _(
                "Keep it to %(limit)s characters; this has %(length)s. "
                "Split it into two posts, or trim it."
            )
            % {
                "limit": number_grouped(POST_MAX_CHARS),
                "length": number_grouped(len(text)),
            }
        )
    body_html = post_html_from_text(text)
    if not body_html:
        raise ActionRejected(_("Write something before posting."))
    return body_html


def _member_or_facilitator(
    *, cohort: Cohort, learner: Learner | None, user
) -> tuple[Learner | None, object | None]:
    """Who acts: the member if a learner is given, else the facilitator."""
    if learner is not None:
        if member_enrollment(learner=learner, cohort=cohort) is None:
            raise ActionRejected(
                _("Only members of this cohort can do that."), status=404
            )
        return learner, None
    if is_facilitator(user):
        return None, user
    raise ActionRejected(_("Only members of this cohort can do that."), status=404)


def _require_facilitator(user) -> None:
    if not is_facilitator(user):
        raise ActionRejected(_("Only facilitators can do that."), status=403)


def _notify_on(learner: Learner, preference: str) -> bool:
    """Whether ``learner`` wants community emails of ``preference``; all on by
    default, so a learner with no preferences row gets them."""
    preferences = NotificationPreferences.objects.filter(learner=learner).first()
    return preferences is None or getattr(preferences, preference)


def thread_title_clean(*, title: str) -> str:
    """A thread title as one clean line (``hub.text``); ActionRejected if not."""
    problem = single_line_problem(title or "")
    if problem:
        raise ActionRejected(_("The title %(problem)s.") % {"problem": problem})
    title = single_line_normalise(title or "")
    if not title:
        raise ActionRejected(_("Give your thread a title."))
    if len(title) > TITLE_MAX_CHARS:
        raise ActionRejected(
            _("Keep the title to %(limit)s characters.") % {"limit": TITLE_MAX_CHARS}
        )
    return title


def thread_start(
    *,
    cohort: Cohort,
    learner: Learner,
    title: str,
    text: str,
    now: datetime | None = None,
) -> Thread:
    """A member opens a thread: a problem met on the job, a question, a success."""
    now = now or timezone.now()
    _member_or_facilitator(cohort=cohort, learner=learner, user=None)
    title = thread_title_clean(title=title)
    body_html = post_body_html(text=text)
    _check_rate(learner=learner, now=now)
    return Thread.objects.create(
        cohort=cohort,
        kind=ThreadKind.LEARNER,
        title=title,
        body_html=body_html,
        author=learner,
        created_at=now,
        last_activity_at=now,
    )


def thread_edit(
    *,
    thread: Thread,
    learner: Learner,
    title: str,
    text: str,
    now: datetime | None = None,
) -> Thread:
    """The author fixes their thread's title or opening within the edit window."""
    now = now or timezone.now()
    if learner is None or thread.author_id != learner.pk:
        raise ActionRejected(_("Only the person who started a thread can edit it."))
    if thread.is_hidden:
        raise ActionRejected(_("A facilitator hid this thread, so it can't be edited."))
    if not thread_can_edit(thread=thread, now=now):
        raise ActionRejected(
            _(
                "Threads can be edited for %(window)s after posting. "
                "Add a reply instead."
            )
            % {"window": _minutes(POST_EDIT_WINDOW)}
        )
    title = thread_title_clean(title=title)
    thread.title = title
    thread.body_html = post_body_html(text=text)
    thread.save(update_fields=["title", "body_html"])
    return thread


def reply_post(
    *,
    thread: Thread,
    text: str,
    learner: Learner | None = None,
    user=None,
    now: datetime | None = None,
) -> Post:
    """A member (``learner``) or a facilitator (``user``) replies in ``thread``.

    Tells the thread's author, unless they wrote it or turned reply emails off.
    """
    now = now or timezone.now()
    learner, user = _member_or_facilitator(
        cohort=thread.cohort, learner=learner, user=user
    )
    if thread.is_hidden:
        raise ActionRejected(_("This thread is hidden, so it takes no replies."))
    if thread.locked and user is None:
        raise ActionRejected(_("This thread is locked: it takes no more replies."))
    body_html = post_body_html(text=text)
    _check_rate(learner=learner, now=now)
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread,
            author=learner,
            author_user=user,
            body_html=body_html,
            created_at=now,
        )
        Thread.objects.filter(pk=thread.pk).update(last_activity_at=now)
        thread.last_activity_at = now
        thread_author = thread.author
        by_author = learner is not None and learner.pk == thread.author_id
        if (
            thread_author is not None
            and not by_author
            and _notify_on(thread_author, "replies")
        ):
            notice_queue(
                kind=NoticeKind.REPLY,
                learner=thread_author,
                cohort=thread.cohort,
                subject_id=post.pk,
                dedupe_key=f"reply:{post.pk}",
                due_at=now,
            )
    return post


def _require_author(*, post: Post, learner: Learner | None, user) -> None:
    mine = (learner is not None and post.author_id == learner.pk) or (
        user is not None and post.author_user_id == getattr(user, "pk", None)
    )
    if not mine:
        raise ActionRejected(_("Only the person who wrote a reply can change it."))


def post_can_edit(*, post: Post, now: datetime) -> bool:
    """Whether ``post`` is still within its edit window (and still there)."""
    return (
        post.deleted_at is None
        and post.hidden_at is None
        and now - post.created_at <= POST_EDIT_WINDOW
    )


def thread_can_edit(*, thread: Thread, now: datetime) -> bool:
    """Whether ``thread``'s opening is still within its edit window."""
    return not thread.is_hidden and now - thread.created_at <= POST_EDIT_WINDOW


def post_edit(
    *,
    post: Post,
    text: str,
    learner: Learner | None = None,
    user=None,
    now: datetime | None = None,
) -> Post:
    """The author rewrites their reply within ``POST_EDIT_WINDOW`` of posting."""
    now = now or timezone.now()
    _require_author(post=post, learner=learner, user=user)
    if post.deleted_at is not None:
        raise ActionRejected(_("This reply was deleted."))
    if post.hidden_at is not None:
        raise ActionRejected(_("A facilitator hid this reply, so it can't be edited."))
    if not post_can_edit(post=post, now=now):
        raise ActionRejected(
            _(
                "Replies can be edited for %(window)s after posting. "
                "Add another reply instead."
            )
            % {"window": _minutes(POST_EDIT_WINDOW)}
        )
    post.body_html = post_body_html(text=text)
    post.edited_at = now
    post.save(update_fields=["body_html", "edited_at"])
    return post


def post_delete(
    *,
    post: Post,
    learner: Learner | None = None,
    user=None,
    now: datetime | None = None,
) -> Post:
    """The author deletes their reply; the thread keeps a placeholder for it.

    A deleted reply can no longer be the accepted answer.
    """
    now = now or timezone.now()
    _require_author(post=post, learner=learner, user=user)
    if post.deleted_at is not None:
        return post
    with transaction.atomic():
        post.deleted_at = now
        post.body_html = ""
        post.save(update_fields=["deleted_at", "body_html"])
        Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(
            accepted_post=None
        )
    return post


def _require_visible(post: Post) -> None:
    if post.deleted_at is not None:
        raise ActionRejected(_("This reply was deleted."))
    if post.hidden_at is not None or post.thread.is_hidden:
        raise ActionRejected(_("This reply is hidden."))


def helpful_mark(
    *, post: Post, learner: Learner, now: datetime | None = None
) -> HelpfulMark:
    """A member marks someone else's reply helpful; once per member and reply."""
    now = now or timezone.now()
    _member_or_facilitator(cohort=post.thread.cohort, learner=learner, user=None)
    if post.author_id == learner.pk:
        raise ActionRejected(_("You can't mark your own reply helpful."))
    _require_visible(post)
    try:
        with transaction.atomic():
            mark, _created = HelpfulMark.objects.get_or_create(
                post=post, learner=learner, defaults={"created_at": now}
            )
    except IntegrityError:  # marked at the same moment from another tab
        mark = HelpfulMark.objects.get(post=post, learner=learner)
    return mark


def helpful_unmark(*, post: Post, learner: Learner) -> bool:
    """A member takes back their helpful mark; ``True`` if there was one."""
    deleted, _count = HelpfulMark.objects.filter(post=post, learner=learner).delete()
    return bool(deleted)


def answer_can_accept(*, thread: Thread, learner: Learner | None, user) -> bool:
    """Whether this person may choose the accepted answer of ``thread``."""
    if is_facilitator(user):
        return True
    return (
        learner is not None
        and thread.author_id is not None
        and thread.author_id == learner.pk
    )


def answer_accept(
    *,
    post: Post,
    learner: Learner | None = None,
    user=None,
    now: datetime | None = None,
) -> Thread:
    """The thread's author or a facilitator marks ``post`` as the answer.

    One per thread: accepting another reply replaces it. The reply's author
    hears about it (once per reply), unless they turned that email off.
    """
    now = now or timezone.now()
    thread = post.thread
    if not answer_can_accept(thread=thread, learner=learner, user=user):
        raise ActionRejected(
            _(
                "Only the person who started the thread or a facilitator can "
                "choose the answer."
            ),
            status=403,
        )
    _require_visible(post)
    if post.author_id is not None and post.author_id == thread.author_id:
        raise ActionRejected(_("Accept a colleague's reply, not your own."))
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(accepted_post=post)
        thread.accepted_post = post
        by_post_author = learner is not None and learner.pk == post.author_id
        if (
            post.author is not None
            and not by_post_author
            and _notify_on(post.author, "accepted")
        ):
            notice_queue(
                kind=NoticeKind.ACCEPTED,
                learner=post.author,
                cohort=thread.cohort,
                subject_id=post.pk,
                dedupe_key=f"accepted:{post.pk}",
                due_at=now,
            )
    return thread


def answer_unaccept(
    *, thread: Thread, learner: Learner | None = None, user=None
) -> Thread:
    """The thread's author or a facilitator clears the accepted answer."""
    if not answer_can_accept(thread=thread, learner=learner, user=user):
        raise ActionRejected(
            _(
                "Only the person who started the thread or a facilitator can "
                "change the answer."
            ),
            status=403,
        )
    Thread.objects.filter(pk=thread.pk).update(accepted_post=None)
    thread.accepted_post = None
    return thread


def _hide_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ActionRejected(
            _("Say why it is hidden: the author sees the reason, and nobody else.")
        )
    if len(reason) > HIDE_REASON_MAX_CHARS:
        raise ActionRejected(
            _("Keep the reason to %(limit)s characters.")
            % {"limit": HIDE_REASON_MAX_CHARS}
        )
    return reason


def thread_pin(*, thread: Thread, user, pinned: bool = True) -> Thread:
    """A facilitator pins a thread to the top of the space (or unpins it)."""
    _require_facilitator(user)
    thread.pinned = pinned
    thread.save(update_fields=["pinned"])
    return thread


def thread_lock(*, thread: Thread, user, locked: bool = True) -> Thread:
    """A facilitator stops replies to a thread (or allows them again)."""
    _require_facilitator(user)
    thread.locked = locked
    thread.save(update_fields=["locked"])
    return thread


def thread_hide(
    *, thread: Thread, user, reason: str, now: datetime | None = None
) -> Thread:
    """A facilitator hides a thread from members; its author sees ``reason``."""
    _require_facilitator(user)
    thread.hidden_reason = _hide_reason(reason)
    thread.hidden_at = now or timezone.now()
    thread.save(update_fields=["hidden_at", "hidden_reason"])
    return thread


def thread_unhide(*, thread: Thread, user) -> Thread:
    """A facilitator shows a hidden thread again."""
    _require_facilitator(user)
    thread.hidden_at = None
    thread.hidden_reason = ""
    thread.save(update_fields=["hidden_at", "hidden_reason"])
    return thread


def post_hide(*, post: Post, user, reason: str, now: datetime | None = None) -> Post:
    """A facilitator hides a reply; the thread shows a placeholder, and the
    reply's author sees it with ``reason``. A hidden reply is not the answer."""
    _require_facilitator(user)
    with transaction.atomic():
        post.hidden_reason = _hide_reason(reason)
        post.hidden_at = now or timezone.now()
        post.save(update_fields=["hidden_at", "hidden_reason"])
        Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(
            accepted_post=None
        )
    return post


def post_unhide(*, post: Post, user) -> Post:
    """A facilitator shows a hidden reply again."""
    _require_facilitator(user)
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    return post


def thread_move_destinations(*, thread: Thread, user) -> QuerySet[Cohort]:
    """The cohort spaces ``user`` may move ``thread`` to: the ones they
    facilitate, other than its own, by name."""
    return (
        spaces_facilitated_by(user=user)
        .exclude(pk=thread.cohort_id)
        .select_related("program")
        .order_by("name", "pk")
    )


def thread_move(*, thread: Thread, user, cohort: Cohort) -> Thread:
    """A facilitator moves a thread, with its replies, to another cohort's space.

    Only to a space they facilitate and not the one it is in; its replies,
    marks, reads and reports go with it, so its members see it all and the
    old space's members no longer see it.
    """
    _require_facilitator(user)
    if cohort.pk == thread.cohort_id:
        raise ActionRejected(
            _("“%(title)s” is already in %(cohort)s. Choose another space.")
            % {"title": thread.title, "cohort": cohort}
        )
    if (
        not thread_move_destinations(thread=thread, user=user)
        .filter(pk=cohort.pk)
        .exists()
    ):
        raise ActionRejected(
            _(
                "You don't facilitate %(cohort)s's space, so you can't move threads there."
            )
            % {"cohort": cohort},
            status=403,
        )
    if (
        thread.source_page_id is not None
        and Thread.objects.filter(
            cohort=cohort, source_page_id=thread.source_page_id
        ).exists()
    ):
        raise ActionRejected(
            _("%(cohort)s already has a thread for this page; it can't have two.")
            % {"cohort": cohort}
        )
    thread.cohort = cohort
    thread.save(update_fields=["cohort"])
    return thread


def report_file(
    *,
    thread: Thread,
    reporter: Learner,
    reason: str,
    post: Post | None = None,
    now: datetime | None = None,
) -> PostReport:
    """A member reports a thread or a reply to the facilitators.

    Reporting the same thing again while the first report is open changes
    nothing: facilitators see one report per member and post.
    """
    now = now or timezone.now()
    _member_or_facilitator(cohort=thread.cohort, learner=reporter, user=None)
    if post is not None and post.thread_id != thread.pk:
        raise ActionRejected(_("That reply is not in this thread."), status=404)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ActionRejected(_("Tell the facilitators what is wrong."))
    if len(reason) > REPORT_REASON_MAX_CHARS:
        raise ActionRejected(
            _("Keep it to %(limit)s characters; the facilitators can ask you for more.")
            % {"limit": REPORT_REASON_MAX_CHARS}
        )
    existing = PostReport.objects.filter(
        thread=thread, post=post, reporter=reporter, resolved_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    return PostReport.objects.create(
        thread=thread, post=post, reporter=reporter, reason=reason, created_at=now
    )


def report_resolve(
    *, report: PostReport, user, now: datetime | None = None
) -> PostReport:
    """A facilitator marks a report dealt with."""
    _require_facilitator(user)
    if report.resolved_at is None:
        report.resolved_at = now or timezone.now()
        report.resolved_by = user
        report.save(update_fields=["resolved_at", "resolved_by"])
    return report


def space_visit_record(*, enrollment: Enrollment, now: datetime | None = None) -> None:
    """Remember when a member last opened their cohort's space."""
    now = now or timezone.now()
    SpaceVisit.objects.update_or_create(
        enrollment=enrollment, defaults={"last_visit_at": now}
    )


def thread_read_record(
    *, thread: Thread, enrollment: Enrollment, now: datetime | None = None
) -> None:
    """A member opened ``thread``: count the view, remember the read and the
    visit. Reading is participation too, so lurkers show up in the numbers."""
    now = now or timezone.now()
    Thread.objects.filter(pk=thread.pk).update(view_count=F("view_count") + 1)
    updated = ThreadRead.objects.filter(
        thread=thread, learner_id=enrollment.learner_id
    ).update(last_read_at=now)
    if not updated:
        try:
            with transaction.atomic():
                ThreadRead.objects.create(
                    thread=thread,
                    learner_id=enrollment.learner_id,
                    first_read_at=now,
                    last_read_at=now,
                )
        except IntegrityError:  # the same member opened it twice at once
            pass
    space_visit_record(enrollment=enrollment, now=now)


def notification_preferences_set(
    *, learner, replies: bool, accepted: bool, cohort_digest: bool
) -> NotificationPreferences:
    """Save which community emails ``learner`` wants (all three start on)."""
    preferences, _created = NotificationPreferences.objects.update_or_create(
        learner=learner,
        defaults={
            "replies": replies,
            "accepted": accepted,
            "cohort_digest": cohort_digest,
        },
    )
    return preferences
