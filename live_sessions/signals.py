"""Publishing a live session updates the invites already sent.

Wagtail's ``page_published`` signal, not the admin's ``after_publish_page``
hook: it also fires for scheduled publishing and for pages published in code
(the demo loader), so no published change escapes the calendars.
"""

from django.utils import timezone

from wagtail.signals import page_published

from live_sessions.models import LiveSessionPage
from live_sessions.services import session_publish_record


def live_session_published(sender, instance, **kwargs):
    """A published change to a session's time, title, join link, agenda or
    cancellation bumps its sequence and updates (or cancels) sent invites."""
    session_publish_record(page=instance, now=timezone.now())


def signals_connect() -> None:
    page_published.connect(
        live_session_published,
        sender=LiveSessionPage,
        dispatch_uid="live_sessions_published",
    )
