"""A session's calendar invite as one learner gets it, and how it rides an email.

Every message about the session's time (the invite a program step delivers,
an update, a cancellation) carries the invite twice: inline, as a
``text/calendar; method=...`` alternative that Outlook and Gmail turn into
"Accept / Decline" buttons, and as ``invite.ics`` for clients that only offer
attachments. Both hold the same UID and the session's current SEQUENCE.
"""

from datetime import datetime
from email.mime.text import MIMEText
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext as _

from boosters.drip.emails import html_to_text, rich_text_email_html
from boosters.drip.links import page_absolute_url, sender_domain
from live_sessions.calendar import (
    METHOD_CANCEL,
    METHOD_REQUEST,
    InviteEvent,
    invite_ics,
    session_uid,
)
from live_sessions.models import LiveSessionPage
from live_sessions.selectors import session_calendar

INVITE_FILENAME = "invite.ics"


def session_description(*, page: LiveSessionPage) -> str:
    """The event's description: what it is for, the agenda, where to join."""
    lines = []
    intro = html_to_text(rich_text_email_html(page.intro)) if page.intro else ""
    if intro:
        lines += [intro, ""]
    items = list(page.agenda)
    if items:
        lines.append(_("Agenda:"))
        for block in items:
            minutes = block.value.get("minutes")
            suffix = f" ({minutes} min)" if minutes else ""
            lines.append(f"- {block.value['title']}{suffix}")
        lines.append("")
    if page.facilitator_label:
        lines.append(_("Facilitator: %(name)s") % {"name": page.facilitator_label})
    lines.append(_("Join: %(url)s") % {"url": page.join_url})
    lines.append(
        _("Session page and questions: %(url)s") % {"url": page_absolute_url(page)}
    )
    return "\n".join(lines)


def session_invite(
    *, page: LiveSessionPage, learner, now: datetime, method: str | None = None
) -> tuple[str, bytes]:
    """(method, iCalendar bytes) of ``page``'s event for ``learner`` as it is
    now: REQUEST with the current sequence, CANCEL if the session is cancelled
    (or ``method`` says so)."""
    calendar = session_calendar(page=page)
    method = method or (METHOD_CANCEL if page.cancelled else METHOD_REQUEST)
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    event = InviteEvent(
        uid=session_uid(page_id=page.pk, domain=sender_domain()),
        sequence=calendar.sequence,
        title=page.title,
        description=session_description(page=page),
        starts_at=page.starts_at,
        ends_at=page.ends_at,
        url=page.join_url,
        organizer_email=organizer_email,
        organizer_name=page.facilitator_label or organizer_name,
        attendee_email=learner.email,
        attendee_name=learner.full_name,
    )
    return method, invite_ics(event=event, method=method, dtstamp=now)


def invite_attach(*, message: EmailMultiAlternatives, method: str, ics: bytes) -> None:
    """Add the invite to ``message``: inline ``text/calendar`` and ``invite.ics``."""
    text = ics.decode()
    # Django passes what follows "text/" on as the subtype, so the method
    # parameter lands in the part's Content-Type, where calendars look for it.
    message.attach_alternative(text, f"text/calendar; method={method}")
    part = MIMEText(text, "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=INVITE_FILENAME)
    message.attach(part)
