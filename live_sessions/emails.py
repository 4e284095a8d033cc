"""Live session steps as drip emails: the invitation, with the calendar invite.

Registers ``LiveSessionPage`` with the drip emails (``boosters.drip.emails``):
a program step delivers it like any other page, and ``finish`` adds the
invite (``live_sessions.invites``). The session's time in the learner's own
zone and their one-tap link to the session page are per-learner slots.
Imported from ``LiveSessionsConfig.ready``.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boosters.drip.emails import (
    NotSendable,
    email_kind_register,
    html_to_text,
    rich_text_email_html,
)
from boosters.drip.links import absolute_url, hub_sign_in_url
from live_sessions.invites import invite_attach, session_invite
from live_sessions.models import LiveSessionPage
from live_sessions.selectors import enrollment_zone

SESSION_CANCELLED = "The session was cancelled."
NO_TIME = "The session has no date and time."
SESSION_OVER = "The session is over."


def _session_context(*, page: LiveSessionPage) -> dict:
    intro_html = rich_text_email_html(page.intro) if page.intro else ""
    return {
        "intro_html": intro_html,
        "intro_text": html_to_text(intro_html),
        "agenda": [block.value for block in page.agenda],
        "join_url": page.join_url,
        "facilitator": page.facilitator_label,
        "organiser_time": page.time_label(),
    }


def _session_links(*, delivery) -> dict[str, str]:
    if delivery is None:
        # The editor's preview: no learner, so no zone and no sign-in link.
        return {
            "local_time": str(_("[the date and time in the learner's own zone]")),
            "session_page": absolute_url("/"),
        }
    page = delivery.page.specific
    enrollment = delivery.enrollment
    return {
        "local_time": page.time_label(enrollment_zone(enrollment)),
        # One tap signs the learner in and opens the page, to ask a question.
        "session_page": hub_sign_in_url(
            learner=enrollment.learner, next_url=page.get_url() or page.url_path
        ),
    }


def _invite_finish(*, message, page: LiveSessionPage, learner, delivery) -> None:
    if page.starts_at is None:
        raise NotSendable(NO_TIME)
    if delivery is not None:
        if page.cancelled:
            raise NotSendable(SESSION_CANCELLED)
        # Planned for after the session (a late enrolment, a moved session):
        # judged by when it was due, the tick's own "now".
        if delivery.due_at >= page.ends_at:
            raise NotSendable(SESSION_OVER)
    method, ics = session_invite(page=page, learner=learner, now=timezone.now())
    invite_attach(message=message, method=method, ics=ics)


email_kind_register(
    page_class=LiveSessionPage,
    stem="live_session",
    subject_format=_("Invitation: {title}"),
    context_builder=_session_context,
    link_names=("local_time", "session_page"),
    delivery_links=_session_links,
    finish=_invite_finish,
)
