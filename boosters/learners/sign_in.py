"""Signing learners in to the hub with emailed links (learners are not users).

A learner asks for a link by typing their address; the link's GET only shows a
"Sign in" button, because mail scanners fetch (and sometimes script) every link
in an email. The tap, a POST, starts a session that holds the learner's id
under ``LEARNER_SESSION_KEY``. Signing in changes ``Learner.last_sign_in_at``,
which spends every single-use link issued before it (see ``boosters.drip.tokens``).

Requests for links are rate limited by the typed address and by IP address,
whether or not the address belongs to a learner, and the answer never says
which: the neutral message is the same for both. The request only counts and
queues; a django-q2 task looks the address up and sends, so the request does
the same work, in the same time, for a learner and a stranger.
"""

import ipaddress
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid
from enum import StrEnum
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from django_q.tasks import async_task

from boosters.drip.links import absolute_url, sender_domain
from boosters.drip.templated import templated_email
from boosters.drip.tokens import (
    learner_from_sign_in_token,
    sign_in_link_max_age,
    sign_in_token,
)
from boosters.learners.languages import learner_language
from boosters.models import Learner, SignInRequest

logger = logging.getLogger(__name__)

LEARNER_SESSION_KEY = "hub_learner_id"

# At most this many links per typed address, and per IP address, in a window.
SIGN_IN_EMAIL_LIMIT = 3
SIGN_IN_EMAIL_WINDOW = timedelta(minutes=15)
# Generous: a whole office can share one address behind the company's NAT.
SIGN_IN_IP_LIMIT = 50
SIGN_IN_IP_WINDOW = timedelta(hours=1)
# Requests are kept only as long as the longest window needs, with room to spare.
SIGN_IN_REQUEST_RETENTION = timedelta(days=1)
# A ``next`` longer than this is not a page of ours; it would only bloat links.
NEXT_URL_MAX_LENGTH = 2000

SIGN_IN_SUBJECT = gettext_lazy("Your sign-in link for the Learning Hub")
SEND_FAILED_MESSAGE = gettext_lazy(
    "We couldn't send the email just now. Please try again in a few minutes."
)
SIGN_IN_SEND_TASK = "boosters.tasks.sign_in_link_send_task"

_REQUEST_CACHE_ATTR = "_hub_learner"


class SignInOutcome(StrEnum):
    """What became of a request for a sign-in link, as far as the visitor may know."""

    REQUESTED = "requested"  # queued, known address or not: we don't say which
    LIMITED = "limited"
    FAILED = "failed"


@dataclass(frozen=True)
class SignInRequestResult:
    """The outcome of ``sign_in_link_request`` and the message to show for it."""

    outcome: SignInOutcome
    message: str
    retry_after: timedelta | None = None

    @property
    def is_requested(self) -> bool:
        return self.outcome == SignInOutcome.REQUESTED


def link_lifetime_minutes() -> int:
    """How long a single-use sign-in link works, in whole minutes."""
    return max(1, int(sign_in_link_max_age().total_seconds() // 60))


def sign_in_requested_message() -> str:
    """The neutral answer to every accepted request, known address or not."""
    return _(
        "If that address belongs to a Learning Hub learner, a sign-in link is on "
        "its way. It works once and expires in %(minutes)s minutes. "
        "If it doesn't arrive, check your spam folder."
    ) % {"minutes": link_lifetime_minutes()}


def _minutes(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds() / 60))


def _limited_message(retry_after: timedelta) -> str:
    minutes = _minutes(retry_after)
    return ngettext(
        "There have been too many sign-in requests. "
        "Please try again in %(minutes)s minute.",
        "There have been too many sign-in requests. "
        "Please try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def local_next_url(url: str | None) -> str:
    """``url`` if it is a path on this site, else "" (no open redirects)."""
    if (
        not url
        or len(url) > NEXT_URL_MAX_LENGTH
        or not url.startswith("/")
        or not url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    ):
        return ""
    return url


@dataclass(frozen=True)
class SignInDestination:
    """What the "continue" page of a sign-in link says about where it leads."""

    heading: str
    intro: str
    button: str  # "" means "Sign in as <masked address>"


MY_LEARNING_DESTINATION = SignInDestination(
    heading=gettext_lazy("Sign in to the Learning Hub"),
    intro=gettext_lazy("Tap the button to see your learning, answers and progress."),
    button="",
)
# URL name → what its sign-in links say; other apps add theirs (community: threads).
_DESTINATIONS: dict[str, SignInDestination] = {}


def sign_in_destination_register(
    *, url_name: str, destination: SignInDestination
) -> None:
    """Make sign-in links whose ``next`` is a ``url_name`` page say ``destination``."""
    _DESTINATIONS[url_name] = destination


def sign_in_destination(*, next_url: str) -> SignInDestination:
    """What a sign-in link leading to ``next_url`` says (My learning's words
    for any page nobody registered)."""
    if next_url:
        try:
            match = resolve(urlsplit(next_url).path)
        except Resolver404:
            return MY_LEARNING_DESTINATION
        return _DESTINATIONS.get(match.url_name, MY_LEARNING_DESTINATION)
    return MY_LEARNING_DESTINATION


def learner_from_request(request: HttpRequest) -> Learner | None:
    """The learner signed in on ``request``'s session, or ``None``.

    Looked up once per request. A learner deleted since signing in is no one.
    """
    if hasattr(request, _REQUEST_CACHE_ATTR):
        return getattr(request, _REQUEST_CACHE_ATTR)
    learner = None
    session = getattr(request, "session", None)
    learner_id = session.get(LEARNER_SESSION_KEY) if session is not None else None
    if isinstance(learner_id, int):
        learner = Learner.objects.filter(pk=learner_id).first()
    setattr(request, _REQUEST_CACHE_ATTR, learner)
    return learner


def learner_sign_in(
    *, request: HttpRequest, learner: Learner, now: datetime | None = None
) -> None:
    """Start a session for ``learner`` and spend their single-use sign-in links."""
    now = now or timezone.now()
    # A new session key on every sign-in, so a planted session id is useless.
    request.session.cycle_key()
    request.session[LEARNER_SESSION_KEY] = learner.pk
    learner.last_sign_in_at = now
    learner.save(update_fields=["last_sign_in_at"])
    setattr(request, _REQUEST_CACHE_ATTR, learner)


def learner_sign_out(*, request: HttpRequest) -> None:
    """End the learner's session; a staff user signed in to the admin stays."""
    request.session.pop(LEARNER_SESSION_KEY, None)
    request.session.cycle_key()
    setattr(request, _REQUEST_CACHE_ATTR, None)


def sign_in_link_use(
    *, request: HttpRequest, token: str, now: datetime | None = None
) -> Learner:
    """Sign in whoever ``token`` stands for, spending it if it is single use.

    Raises ``LinkExpired`` or ``LinkInvalid`` (also for a spent link). Two taps
    of one single-use link at the same moment sign in once.
    """
    now = now or timezone.now()
    learner = learner_from_sign_in_token(token)
    won = Learner.objects.filter(
        pk=learner.pk, last_sign_in_at=learner.last_sign_in_at
    ).update(last_sign_in_at=now)
    if not won:
        # Another sign-in got there first: that spent a single-use token (this
        # raises LinkInvalid), while a reusable one still stands.
        learner = learner_from_sign_in_token(token)
    learner_sign_in(request=request, learner=learner, now=now)
    return learner


def _ip_or_none(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def _forwarded_ip(value: str) -> str | None:
    """An address from ``X-Forwarded-For``, with any port or brackets removed."""
    value = value.strip()
    if value.startswith("["):  # "[2001:db8::1]:443"
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # "203.0.113.9:51234"
        value = value.partition(":")[0]
    return _ip_or_none(value)


def client_ip_address(request: HttpRequest) -> str | None:
    """The visitor's IP address, for per-IP limits (sign-in links, admin login).

    ``REMOTE_ADDR`` unless the hub runs behind ``HUB_TRUSTED_PROXY_COUNT``
    reverse proxies; then the address the outermost of them saw: the Nth entry
    from the right of ``X-Forwarded-For`` (entries further left are the
    client's own say-so and could be forged). A header too short or holding
    something that isn't an address is ignored for ``REMOTE_ADDR``, so a bad
    header never escapes the limits.
    """
    proxies = getattr(settings, "HUB_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [part.strip() for part in forwarded if part.strip()]
        if len(forwarded) >= proxies:
            address = _forwarded_ip(forwarded[-proxies])
            if address is not None:
                return address
    return _ip_or_none(request.META.get("REMOTE_ADDR"))


def _wait(*, limit: int, window: timedelta, now: datetime, **match) -> timedelta | None:
    """How long until a request matching ``match`` fits within ``limit`` per
    ``window`` again; ``None`` if one fits now."""
    recent = list(
        SignInRequest.objects.filter(created_at__gt=now - window, **match)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    # The request that must age out of the window before another one fits.
    return recent[limit - 1] + window - now


def sign_in_link_request(
    *,
    email: str,
    ip_address: str | None,
    next_url: str = "",
    now: datetime | None = None,
) -> SignInRequestResult:
    """Queue a single-use sign-in link for ``email`` (sent if it is a learner's).

    Unknown and known addresses get the same answer after the same work: the
    address is looked up by the queued task (``sign_in_link_send``), not here.
    At most ``SIGN_IN_EMAIL_LIMIT`` requests per typed address and
    ``SIGN_IN_IP_LIMIT`` per IP address count in their windows; requests over a
    limit are refused and not counted, so "try again in N minutes" is true. A
    queue that can't be reached is logged and reported, never raised.
    ``next_url`` (a local path) is where the link leads after sign-in.
    """
    now = now or timezone.now()
    email = email.strip().lower()[:254]
    ip_address = _ip_or_none(ip_address)
    with transaction.atomic():
        SignInRequest.objects.filter(
            created_at__lt=now - SIGN_IN_REQUEST_RETENTION
        ).delete()
        waits = [
            _wait(
                limit=SIGN_IN_EMAIL_LIMIT,
                window=SIGN_IN_EMAIL_WINDOW,
                now=now,
                email=email,
            )
        ]
        if ip_address is not None:
            waits.append(
                _wait(
                    limit=SIGN_IN_IP_LIMIT,
                    window=SIGN_IN_IP_WINDOW,
                    now=now,
                    ip_address=ip_address,
                )
            )
        waits = [wait for wait in waits if wait is not None]
        if waits:
            retry_after = max(waits)
            return SignInRequestResult(
                outcome=SignInOutcome.LIMITED,
                message=_limited_message(retry_after),
                retry_after=retry_after,
            )
        SignInRequest.objects.create(email=email, ip_address=ip_address, created_at=now)

    try:
        # save=False: successes stay out of the task log, typed addresses too.
        async_task(
            SIGN_IN_SEND_TASK,
            email=email,
            next_url=local_next_url(next_url),
            group="sign-in",
            save=False,
        )
    except Exception:
        # A broker that can't be reached fails the same for every address.
        logger.exception("Could not queue a sign-in link")
        return SignInRequestResult(
            outcome=SignInOutcome.FAILED, message=SEND_FAILED_MESSAGE
        )
    return SignInRequestResult(
        outcome=SignInOutcome.REQUESTED, message=sign_in_requested_message()
    )


def sign_in_link_send(*, email: str, next_url: str = "") -> bool:
    """Email a single-use sign-in link to ``email`` if it is a learner's.

    Returns whether a link went out. A failed send is logged, never raised:
    the learner can ask again, and a retry minutes later helps nobody.
    """
    learner = Learner.objects.filter(email__iexact=email.strip()).first()
    if learner is None:
        return False
    message = sign_in_message(learner=learner, next_url=local_next_url(next_url))
    try:
        with get_connection() as connection:  # opens it, as SMTP does
            connection.send_messages([message])
    except Exception:
        # SMTP refusals, timeouts and ESP API errors all mean the same to the
        # learner: no email this time.
        logger.exception("Could not send a sign-in link to learner %s", learner.pk)
        return False
    return True


def sign_in_url(*, learner: Learner, next_url: str = "") -> str:
    """An absolute single-use sign-in link for ``learner``, leading to ``next_url``."""
    token = sign_in_token(learner=learner, single_use=True)
    url = absolute_url(reverse("learner_sign_in_confirm", kwargs={"token": token}))
    next_url = local_next_url(next_url)
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url


def sign_in_message(*, learner: Learner, next_url: str = "") -> EmailMultiAlternatives:
    """The sign-in email for ``learner``, HTML and text, ready to send: in
    their language, its link opening the sign-in page in that language."""
    with translation.override(learner_language(learner=learner)):
        return _sign_in_message(learner=learner, next_url=next_url)


def _sign_in_message(*, learner: Learner, next_url: str) -> EmailMultiAlternatives:
    context = {
        "subject": SIGN_IN_SUBJECT,
        "learner": learner,
        "sign_in_url": sign_in_url(learner=learner, next_url=next_url),
        "lifetime_minutes": link_lifetime_minutes(),
        "hub_url": absolute_url("/"),
    }
    return templated_email(
        template="boosters/email/sign_in",
        context=context,
        subject=SIGN_IN_SUBJECT,
        to=learner.email,
        headers={"Message-ID": make_msgid(domain=sender_domain() or None)},
    )
