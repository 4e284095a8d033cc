"""Message builders for the live session notices.

Built when due, so each says what is true then: an update carries the
session's newest details and SEQUENCE; the week-before email opens the
discussion thread in the learner's cohort space at that moment. Each raises
``NotSendable`` with the reason when there is nothing to send (the learner
left the cohort, the session was cancelled or unpublished). Every one carries
the learner's one-click unsubscribe headers and link.
"""

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from boosters.drip.emails import NotSendable, html_to_text, rich_text_email_html
from boosters.drip.links import (
    hub_sign_in_url,
    page_absolute_url,
    unsubscribe_headers,
    unsubscribe_url,
)
from boosters.drip.notices import notice_builder
from boosters.drip.templated import templated_email
from boosters.drip.tokens import unsubscribe_token
from boosters.drip.translations import page_in_language
from boosters.models import Enrollment, EnrollmentStatus, Notice, NoticeKind
from community.prompts import thread_sign_in_url
from live_sessions.calendar import METHOD_CANCEL, METHOD_REQUEST
from live_sessions.invites import invite_attach, session_invite
from live_sessions.models import LiveSessionPage
from live_sessions.selectors import enrollment_zone
from live_sessions.services import discussion_thread_open
from live_sessions.timing import local_date_label

NO_LEARNER = "The notice names no learner."
NOT_A_MEMBER = "The learner is no longer a member of the cohort."
SESSION_GONE = "The live session was deleted or unpublished."
SESSION_CANCELLED = "The session was cancelled."
NO_LONGER_CANCELLED = "The session is no longer cancelled."
NO_THREAD = "The discussion could not be opened (unpublished or hidden)."
NO_RECORDING = "The recording was removed from the session."


def _recipient(notice: Notice) -> tuple[LiveSessionPage, Enrollment]:
    """The session and the learner's active enrolment a notice is about."""
    if notice.learner_id is None:
        raise NotSendable(NO_LEARNER)
    page = LiveSessionPage.objects.live().filter(pk=notice.subject_id).first()
    if page is None:
        raise NotSendable(SESSION_GONE)
    enrollment = (
        Enrollment.objects.select_related("learner", "cohort__program")
        .filter(
            learner_id=notice.learner_id,
            cohort_id=notice.cohort_id,
            status=EnrollmentStatus.ACTIVE,
        )
        .first()
    )
    if enrollment is None:
        raise NotSendable(NOT_A_MEMBER)
    return page, enrollment


def _language(enrollment: Enrollment) -> str:
    return enrollment.learner.language or enrollment.cohort.language or "en"


def _in_language(page, enrollment: Enrollment):
    """``page``'s live translation in the learner's language, else ``page``:
    what the email shows. The calendar (UID, SEQUENCE) and the cohort's
    threads stay with the session's own page."""
    return page_in_language(page=page, language=_language(enrollment))


def _session_email(
    *, page, enrollment, subject: str, stem: str, context: dict
) -> EmailMultiAlternatives:
    """A learner's live session email: both parts, footer and unsubscribe
    headers. ``page`` is the session as the learner reads it (``_in_language``)."""
    learner, cohort = enrollment.learner, enrollment.cohort
    token = unsubscribe_token(learner=learner)
    zone = enrollment_zone(enrollment)
    path = page.get_url() or page.url_path
    context = {
        "subject": subject,
        "page": page,
        "learner": learner,
        "local_time": page.time_label(zone),
        "join_url": page.join_url,
        "facilitator": page.facilitator_label,
        "session_url": hub_sign_in_url(learner=learner, next_url=path),
        "cohort_name": cohort.name,
        "program_name": cohort.program.title,
        "unsubscribe_url": unsubscribe_url(token=token),
        "hub_url": hub_sign_in_url(learner=learner),
        **context,
    }
    return templated_email(
        template=f"live_sessions/email/{stem}",
        context=context,
        subject=subject,
        to=learner.email,
        headers=unsubscribe_headers(token=token),
    )


def _calendar_message(notice: Notice, *, method: str) -> EmailMultiAlternatives:
    page, enrollment = _recipient(notice)
    if method == METHOD_REQUEST and page.cancelled:
        raise NotSendable(SESSION_CANCELLED)
    if method == METHOD_CANCEL and not page.cancelled:
        raise NotSendable(NO_LONGER_CANCELLED)
    shown = _in_language(page, enrollment)
    with translation.override(_language(enrollment)):
        if method == METHOD_CANCEL:
            subject = _("Cancelled: %(title)s") % {"title": shown.title}
        else:
            subject = _("Updated: %(title)s") % {"title": shown.title}
        message = _session_email(
            page=shown,
            enrollment=enrollment,
            subject=subject,
            stem="cancel" if method == METHOD_CANCEL else "update",
            context={},
        )
    method, ics = session_invite(
        page=page, learner=enrollment.learner, now=timezone.now(), method=method
    )
    invite_attach(message=message, method=method, ics=ics)
    return message


@notice_builder(NoticeKind.SESSION_UPDATE)
def session_update_message(notice: Notice) -> EmailMultiAlternatives:
    """The session changed: its newest details and a METHOD:REQUEST invite
    with the same UID and a higher SEQUENCE, which replaces the event."""
    return _calendar_message(notice, method=METHOD_REQUEST)


@notice_builder(NoticeKind.SESSION_CANCEL)
def session_cancel_message(notice: Notice) -> EmailMultiAlternatives:
    """The session was cancelled: METHOD:CANCEL with the same UID removes it."""
    return _calendar_message(notice, method=METHOD_CANCEL)


def _thread_url(*, enrollment, discussion) -> str:
    thread_id = discussion_thread_open(cohort=enrollment.cohort, page=discussion)
    if thread_id is None:
        raise NotSendable(NO_THREAD)
    return thread_sign_in_url(
        learner=enrollment.learner, cohort=enrollment.cohort, thread_id=thread_id
    )


@notice_builder(NoticeKind.SESSION_BEFORE)
def session_before_message(notice: Notice) -> EmailMultiAlternatives:
    """A week before: the discussion questions open in the cohort's space."""
    page, enrollment = _recipient(notice)
    if page.cancelled:
        raise NotSendable(SESSION_CANCELLED)
    discussion = page.pre_discussion
    if discussion is None or not discussion.live:
        raise NotSendable(NO_THREAD)
    thread_url = _thread_url(enrollment=enrollment, discussion=discussion)
    shown = _in_language(page, enrollment)
    with translation.override(_language(enrollment)):
        return _session_email(
            page=shown,
            enrollment=enrollment,
            subject=_("Before %(title)s: let's discuss") % {"title": shown.title},
            stem="before",
            context={
                "questions": _in_language(discussion, enrollment).question_texts,
                "thread_url": thread_url,
            },
        )


@notice_builder(NoticeKind.SESSION_AFTER)
def session_after_message(notice: Notice) -> EmailMultiAlternatives:
    """After the session: its discussion, the practice assignment with its due
    date, and the recording if it is already attached."""
    page, enrollment = _recipient(notice)
    if page.cancelled:
        raise NotSendable(SESSION_CANCELLED)
    discussion = page.post_discussion
    thread_url = questions = ""
    if discussion is not None and discussion.live:
        thread_url = _thread_url(enrollment=enrollment, discussion=discussion)
        questions = _in_language(discussion, enrollment).question_texts
    recording = page.recording if page.recording_id else None
    if recording is not None and not recording.live:
        recording = None
    if not thread_url and not page.practice_assignment:
        raise NotSendable(NO_THREAD)
    zone = enrollment_zone(enrollment)
    shown = _in_language(page, enrollment)
    assignment_html = (
        rich_text_email_html(shown.practice_assignment)
        if shown.practice_assignment
        else ""
    )
    if recording is not None:
        recording = _in_language(recording, enrollment)
    with translation.override(_language(enrollment)):
        return _session_email(
            page=shown,
            enrollment=enrollment,
            subject=_("After %(title)s: discuss and practise") % {"title": shown.title},
            stem="after",
            context={
                "questions": questions,
                "thread_url": thread_url,
                "assignment_html": assignment_html,
                "assignment_text": html_to_text(assignment_html),
                "assignment_due": local_date_label(
                    moment=page.assignment_due_at, zone=zone
                ),
                "recording": recording,
                "recording_url": page_absolute_url(recording) if recording else "",
            },
        )


@notice_builder(NoticeKind.SESSION_RECORDING)
def session_recording_message(notice: Notice) -> EmailMultiAlternatives:
    """The recording of a session the learner was invited to is on the hub."""
    page, enrollment = _recipient(notice)
    recording = page.recording if page.recording_id else None
    if recording is None or not recording.live:
        raise NotSendable(NO_RECORDING)
    shown, recording = (
        _in_language(page, enrollment),
        _in_language(recording, enrollment),
    )
    with translation.override(_language(enrollment)):
        return _session_email(
            page=shown,
            enrollment=enrollment,
            subject=_("Recording: %(title)s") % {"title": shown.title},
            stem="recording",
            context={
                "recording": recording,
                "recording_url": hub_sign_in_url(
                    learner=enrollment.learner,
                    next_url=recording.get_url() or recording.url_path,
                ),
            },
        )
