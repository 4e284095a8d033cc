"""The weekly manager digest email, built when its notice is due.

Content comes from ``community.managers.services.manager_digest`` for the full
Monday-to-Sunday week before the notice's due time, so a digest sent late (a
retry, a planner that ran mid-week) still covers the same week, and its page
link carries that week so the page shows what the email did. Like every hub email it is phone-first
HTML with the CSS inlined plus a plain-text part, and carries the RFC 8058
one-click opt-out headers.
"""

from datetime import date

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.translation import gettext as _

from boosters.drip.emails import NotSendable
from boosters.drip.links import absolute_url, sender_domain
from boosters.drip.notices import notice_builder
from boosters.drip.templated import templated_email
from boosters.models import Manager, Notice, NoticeKind
from community.managers.services import ManagerDigest, Starter, manager_digest
from community.managers.tokens import (
    manager_optout_token,
    manager_page_token,
    manager_talked_token,
)

NO_MANAGER = "The notice names no manager."
OPTED_OUT = "The manager opted out of digests."
NO_PEOPLE = "The manager has nobody in an active cohort."
NOTHING_NEW = "Nothing went out to the manager's people this week."


def manager_page_url(*, manager: Manager, week: date | None = None) -> str:
    """The signed link to ``manager``'s read-only page, at the week starting
    ``week`` if given."""
    token = manager_page_token(manager, week=week)
    return absolute_url(reverse("manager_page", kwargs={"token": token}))


def manager_talked_url(*, manager: Manager, week: date, topic_id: int | None) -> str:
    """The signed "we talked about it" link for one topic of one digest week."""
    token = manager_talked_token(manager, week=week, topic_id=topic_id)
    return absolute_url(reverse("manager_talked", kwargs={"token": token}))


def starter_links(
    *, manager: Manager, digest: ManagerDigest
) -> list[tuple[Starter, str]]:
    """Each of the digest's starters with its "we talked about it" link (one
    link per topic: starters on the same topic share it)."""
    urls: dict[int | None, str] = {}
    for starter in digest.starters:
        if starter.topic_id not in urls:
            urls[starter.topic_id] = manager_talked_url(
                manager=manager, week=digest.week.monday, topic_id=starter.topic_id
            )
    return [(starter, urls[starter.topic_id]) for starter in digest.starters]


def manager_optout_url(*, token: str) -> str:
    """The web opt-out link for a token from ``manager_optout_token``."""
    return absolute_url(reverse("manager_optout", kwargs={"token": token}))


def manager_optout_headers(*, token: str) -> dict[str, str]:
    """``List-Unsubscribe`` (web and mailto) with RFC 8058 one-click."""
    return {
        "List-Unsubscribe": (
            f"<{manager_optout_url(token=token)}>, "
            f"<mailto:unsubscribe@{sender_domain()}?subject=manager-opt-out-{token}>"
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@notice_builder(NoticeKind.MANAGER_DIGEST)
def manager_digest_message(notice: Notice) -> EmailMultiAlternatives:
    """The digest email for a ``manager_digest`` notice.

    Raises ``NotSendable`` if the manager opted out, has no people, or nothing
    reached their people this week (a finished program sends no empty notes).
    """
    manager = notice.manager
    if manager is None:
        raise NotSendable(NO_MANAGER)
    if manager.opted_out_at is not None:
        raise NotSendable(OPTED_OUT)
    digest = manager_digest(manager=manager, now=notice.due_at)
    if not digest.team_size:
        raise NotSendable(NO_PEOPLE)
    if not digest.has_activity:
        raise NotSendable(NOTHING_NEW)
    token = manager_optout_token(manager)
    # Built in the manager's language (``notice_message`` activates it).
    subject = _("Your team's learning: %(week)s") % {"week": digest.week.short_label}
    context = {
        "subject": subject,
        "manager": manager,
        "digest": digest,
        "starters": starter_links(manager=manager, digest=digest),
        "page_url": manager_page_url(manager=manager, week=digest.week.monday),
        "optout_url": manager_optout_url(token=token),
        "hub_url": absolute_url("/"),
    }
    return templated_email(
        template="community/email/manager_digest",
        context=context,
        subject=subject,
        to=manager.email,
        headers=manager_optout_headers(token=token),
    )
