"""Signed tokens in manager digests: the manager page link and the opt-out link.

Managers have no account, so the token is the only key to their page. Each
kind has its own salt (and differs from every learner token's salt), so an
opt-out or learner token can never be passed off as a page token. A token
names one manager by id inside the signature; there is no id in the URL to
tamper with, and the token carries no email address to leak from logs.

- Page tokens expire after ``HUB_MANAGER_LINK_MAX_AGE`` (45 days by default):
  digests get forwarded, and each week's digest brings a fresh link. A page
  token also carries the Monday of the week its email covered, so the page
  shows that week; tokens from before that carry none.
- Opt-out tokens never expire: a link in a months-old email must still work.
- "We talked about it" tokens name the manager, the digest's week and the
  starter's topic (none for an evergreen starter), so a tap records against the
  week of the email whenever it comes. They expire like page tokens.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing

from boosters.drip.tokens import LinkExpired, LinkInvalid, payload_id, signed_payload
from boosters.models import Manager

MANAGER_PAGE_SALT = "community.manager-page"
MANAGER_OPTOUT_SALT = "community.manager-opt-out"
MANAGER_TALKED_SALT = "community.manager-talked"

DEFAULT_MANAGER_LINK_MAX_AGE = timedelta(days=45)

__all__ = [
    "LinkExpired",
    "LinkInvalid",
    "ManagerPageLink",
    "ManagerTalkedLink",
    "manager_from_optout_token",
    "manager_from_page_token",
    "manager_link_max_age",
    "manager_optout_token",
    "manager_page_from_token",
    "manager_page_token",
    "manager_talked_from_token",
    "manager_talked_token",
]


def manager_link_max_age() -> timedelta:
    return getattr(settings, "HUB_MANAGER_LINK_MAX_AGE", DEFAULT_MANAGER_LINK_MAX_AGE)


def _payload(manager: Manager) -> dict:
    return {"m": manager.pk}


def _manager(payload: dict) -> Manager:
    """The manager a genuine payload names; ``LinkInvalid`` if it names nobody."""
    manager = Manager.objects.filter(pk=payload_id(payload, "m")).first()
    if manager is None:
        raise LinkInvalid("Unknown manager.")
    return manager


@dataclass(frozen=True)
class ManagerPageLink:
    """What a page token opens: a manager's page, at the week of its email
    (``None`` for links from before weeks were carried)."""

    manager: Manager
    week: date | None


def manager_page_token(manager: Manager, *, week: date | None = None) -> str:
    """A URL-safe token that opens ``manager``'s read-only page until it expires,
    at the week starting ``week`` (a Monday) if given."""
    payload = _payload(manager)
    if week is not None:
        payload["w"] = week.isoformat()
    return signing.dumps(payload, salt=MANAGER_PAGE_SALT, compress=False)


def _week(payload: dict) -> date | None:
    week = payload.get("w")
    if week is None:
        return None
    try:
        return date.fromisoformat(week)
    except (TypeError, ValueError):
        raise LinkInvalid("Unreadable week.") from None


def manager_page_from_token(token: str) -> ManagerPageLink:
    """The manager and week a page token stands for.

    Raises ``LinkInvalid`` if it was tampered with, is of another kind or names
    nobody, and ``LinkExpired`` once it is older than ``manager_link_max_age``.
    """
    payload = signed_payload(
        token, salt=MANAGER_PAGE_SALT, max_age=manager_link_max_age()
    )
    return ManagerPageLink(manager=_manager(payload), week=_week(payload))


def manager_from_page_token(token: str) -> Manager:
    """The manager a page token stands for (see ``manager_page_from_token``)."""
    return manager_page_from_token(token).manager


def manager_optout_token(manager: Manager) -> str:
    """A URL-safe token that lets whoever holds it opt ``manager`` out of digests."""
    return signing.dumps(_payload(manager), salt=MANAGER_OPTOUT_SALT, compress=False)


def manager_from_optout_token(token: str) -> Manager | None:
    """The manager an opt-out token names, or ``None`` if tampered or unknown."""
    try:
        return _manager(signed_payload(token, salt=MANAGER_OPTOUT_SALT, max_age=None))
    except LinkInvalid:
        return None


@dataclass(frozen=True)
class ManagerTalkedLink:
    """What a "we talked about it" token names: who, which digest week, and
    the starter's topic page id (``None`` for an evergreen starter)."""

    manager: Manager
    week: date
    topic_id: int | None


def manager_talked_token(manager: Manager, *, week: date, topic_id: int | None) -> str:
    """A URL-safe token for one starter's "we talked about it" link."""
    payload = {**_payload(manager), "w": week.isoformat()}
    if topic_id is not None:
        payload["t"] = topic_id
    return signing.dumps(payload, salt=MANAGER_TALKED_SALT, compress=False)


def manager_talked_from_token(token: str) -> ManagerTalkedLink:
    """The manager, week and topic a "we talked about it" token stands for.

    Raises ``LinkInvalid`` if it was tampered with, is of another kind or names
    nobody, and ``LinkExpired`` once it is older than ``manager_link_max_age``.
    """
    payload = signed_payload(
        token, salt=MANAGER_TALKED_SALT, max_age=manager_link_max_age()
    )
    week = _week(payload)
    if week is None:
        raise LinkInvalid("No week.")
    topic_id = payload_id(payload, "t") if "t" in payload else None
    return ManagerTalkedLink(manager=_manager(payload), week=week, topic_id=topic_id)
