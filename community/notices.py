"""Message builders for the notice kinds the community app sends.

Imported from ``CommunityConfig.ready()``, so this module also wires the
community into the drip emails: discussion threads are opened for each batch
and found for the booster feedback page (``community.prompts``), discussion
question steps become an email kind (``community.emails``), and the admin
lists that live outside ``wagtail_hooks`` register.

Learner notices (a reply to your thread, your reply accepted, the weekly space
digest, the pulse question) are built when due, so they say what is true at
that moment: each raises ``NotSendable`` with the reason when the learner
turned that kind off, left the cohort, or the thing was deleted or hidden.
Every one carries the learner's one-click unsubscribe headers and link.
"""

from django.core.mail import EmailMultiAlternatives
from django.utils.text import Truncator
from django.utils.translation import gettext

from boosters.drip.emails import NotSendable, delivery_batch_hook
from boosters.drip.links import hub_sign_in_url, unsubscribe_headers, unsubscribe_url
from boosters.drip.notices import notice_builder
from boosters.drip.templated import templated_email
from boosters.drip.tokens import unsubscribe_token
from boosters.models import (
    Cohort,
    Enrollment,
    EnrollmentStatus,
    Learner,
    Notice,
    NoticeKind,
)
from boosters.questions.discussions import discussion_finder_register
from community.digests import DIGEST_WINDOW, cohort_digest
from community.models import NotificationPreferences, Post, SpaceVisit
from community.prompts import (
    discussion_thread_path,
    discussion_threads_ensure,
    thread_sign_in_url,
)
from community.pulse.services import pulse_answer_url
from community.sanitize import post_plain_text
from community.selectors import author_label

delivery_batch_hook(discussion_threads_ensure)
discussion_finder_register(discussion_thread_path)

EXCERPT_CHARS = 300
SUBJECT_TITLE_CHARS = 80

NO_LEARNER = "The notice names no learner."
POST_GONE = "The reply was deleted."
POST_HIDDEN = "A facilitator hid the reply."
THREAD_HIDDEN = "A facilitator hid the thread."
NOT_A_MEMBER = "The learner is no longer a member of the cohort."
NOT_THREAD_AUTHOR = "The learner did not start the thread."
NO_LONGER_ACCEPTED = "The reply is no longer the accepted answer."
VISITED = "The learner opened the space this week."
QUIET_WEEK = "Nothing new in the space this week."
NO_PULSE_QUESTION = "The program no longer asks a pulse question."
ALREADY_ANSWERED = "The learner already answered the pulse question."

_PREFERENCE_LABELS = {
    "replies": "reply",
    "accepted": "accepted answer",
    "cohort_digest": "weekly digest",
}


def notifications_on(*, learner: Learner, preference: str) -> bool:
    """Whether ``learner`` wants community emails of ``preference`` (a field of
    ``NotificationPreferences``); with no preferences row, all are on."""
    preferences = NotificationPreferences.objects.filter(learner=learner).first()
    return preferences is None or getattr(preferences, preference)


def _require_preference(learner: Learner, preference: str) -> None:
    if not notifications_on(learner=learner, preference=preference):
        label = _PREFERENCE_LABELS[preference]
        raise NotSendable(f"The learner turned off {label} emails.")


def _require_learner(notice: Notice) -> Learner:
    if notice.learner_id is None:
        raise NotSendable(NO_LEARNER)
    return notice.learner


def _member_enrollment(learner: Learner, cohort: Cohort) -> Enrollment:
    enrollment = Enrollment.objects.filter(
        learner=learner, cohort=cohort, status=EnrollmentStatus.ACTIVE
    ).first()
    if enrollment is None:
        raise NotSendable(NOT_A_MEMBER)
    return enrollment


def _visible_post(notice: Notice) -> Post:
    """The reply a notice is about, still there and shown in its space."""
    post = (
        Post.objects.select_related(
            "thread__cohort__program", "thread__author", "author", "author_user"
        )
        .filter(pk=notice.subject_id)
        .first()
    )
    if post is None or post.deleted_at is not None:
        raise NotSendable(POST_GONE)
    if post.hidden_at is not None:
        raise NotSendable(POST_HIDDEN)
    if post.thread.hidden_at is not None:
        raise NotSendable(THREAD_HIDDEN)
    return post


def _subject_title(title: str) -> str:
    return Truncator(title).chars(SUBJECT_TITLE_CHARS)


def _excerpt(post: Post) -> str:
    return Truncator(post_plain_text(post.body_html)).chars(EXCERPT_CHARS)


def _learner_email(
    *, learner: Learner, cohort: Cohort, subject: str, stem: str, context: dict
) -> EmailMultiAlternatives:
    """A learner's notice email: both parts, the footer and unsubscribe headers."""
    token = unsubscribe_token(learner=learner)
    context = {
        "subject": subject,
        "learner": learner,
        "cohort_name": cohort.name,
        "program_name": cohort.program.title,
        "unsubscribe_url": unsubscribe_url(token=token),
        "hub_url": hub_sign_in_url(learner=learner),
        **context,
    }
    return templated_email(
        template=f"community/email/{stem}",
        context=context,
        subject=subject,
        to=learner.email,
        headers=unsubscribe_headers(token=token),
    )


def _post_url(post: Post, *, learner: Learner) -> str:
    """The learner's own link to the reply: one tap signs them in and opens the
    thread at it, like the discussion link in a booster email (no sign-in wall)."""
    thread = post.thread
    return thread_sign_in_url(
        learner=learner, cohort=thread.cohort, thread_id=thread.pk, post_id=post.pk
    )


@notice_builder(NoticeKind.REPLY)
def reply_message(notice: Notice) -> EmailMultiAlternatives:
    """ "<name> replied to your thread <title>", with an excerpt and a link.

    ``subject_id`` is the reply's id; the learner is the thread's author.
    """
    learner = _require_learner(notice)
    post = _visible_post(notice)
    thread = post.thread
    if thread.author_id != learner.pk:
        raise NotSendable(NOT_THREAD_AUTHOR)
    _member_enrollment(learner, thread.cohort)
    _require_preference(learner, "replies")
    name = author_label(post)
    subject = gettext("%(name)s replied to your thread “%(title)s”") % {
        "name": name,
        "title": _subject_title(thread.title),
    }
    return _learner_email(
        learner=learner,
        cohort=thread.cohort,
        subject=subject,
        stem="reply",
        context={
            "author_name": name,
            "thread": thread,
            "excerpt": _excerpt(post),
            "post_url": _post_url(post, learner=learner),
        },
    )


@notice_builder(NoticeKind.ACCEPTED)
def accepted_message(notice: Notice) -> EmailMultiAlternatives:
    """Your reply was accepted as the answer; ``subject_id`` is the reply's id."""
    learner = _require_learner(notice)
    post = _visible_post(notice)
    thread = post.thread
    if thread.accepted_post_id != post.pk:
        raise NotSendable(NO_LONGER_ACCEPTED)
    _member_enrollment(learner, thread.cohort)
    _require_preference(learner, "accepted")
    subject = gettext("Your reply was accepted as the answer in “%(title)s”") % {
        "title": _subject_title(thread.title)
    }
    return _learner_email(
        learner=learner,
        cohort=thread.cohort,
        subject=subject,
        stem="accepted",
        context={
            "thread": thread,
            "excerpt": _excerpt(post),
            "post_url": _post_url(post, learner=learner),
        },
    )


@notice_builder(NoticeKind.COHORT_DIGEST)
def cohort_digest_message(notice: Notice) -> EmailMultiAlternatives:
    """The week in the learner's cohort space, up to the notice's due time.

    Skipped if the learner opened the space in that week or nothing happened.
    """
    learner = _require_learner(notice)
    cohort = notice.cohort
    if cohort is None:
        raise NotSendable(NOT_A_MEMBER)
    enrollment = _member_enrollment(learner, cohort)
    _require_preference(learner, "cohort_digest")
    if SpaceVisit.objects.filter(
        enrollment=enrollment, last_visit_at__gte=notice.due_at - DIGEST_WINDOW
    ).exists():
        raise NotSendable(VISITED)
    digest = cohort_digest(cohort=cohort, now=notice.due_at)
    if not digest.has_activity:
        raise NotSendable(QUIET_WEEK)
    return _learner_email(
        learner=learner,
        cohort=cohort,
        subject=gettext("This week in your %(cohort)s space") % {"cohort": cohort.name},
        stem="cohort_digest",
        context={"digest": digest},
    )


@notice_builder(NoticeKind.PULSE)
def pulse_message(notice: Notice) -> EmailMultiAlternatives:
    """The program's pulse question with a button to the signed answer page.

    ``subject_id`` is the program's id. Skipped if the learner left the cohort,
    already answered, or the program no longer asks a question.
    """
    learner = _require_learner(notice)
    cohort = notice.cohort
    if cohort is None:
        raise NotSendable(NOT_A_MEMBER)
    program = cohort.program
    question = program.pulse_question.strip()
    if program.pk != notice.subject_id or not question:
        raise NotSendable(NO_PULSE_QUESTION)
    enrollment = _member_enrollment(learner, cohort)
    if hasattr(enrollment, "pulse_response"):
        raise NotSendable(ALREADY_ANSWERED)
    return _learner_email(
        learner=learner,
        cohort=cohort,
        subject=gettext("One question before %(program)s") % {"program": program.title},
        stem="pulse",
        context={
            "question": question,
            "answer_url": pulse_answer_url(enrollment=enrollment),
        },
    )
