"""Signed tokens that stand for a learner, or a learner's question, in email links.

``django.core.signing`` checks ``SECRET_KEY_FALLBACKS`` too, so rotating the
secret key does not break links already sent. Each kind of token has its own
salt, so one kind can never be passed off as another.

- Unsubscribe tokens never expire: a link in a years-old email must still work.
- Answer tokens name one delivery and (optionally) one choice. They expire after
  ``HUB_ANSWER_LINK_MAX_AGE`` (30 days by default). Test tokens (in email
  previews and "send me a test" emails) are marked ``test`` and name a page
  instead: they show what a learner would see and record nothing.
- Check-in tokens name one check-in delivery and the outcome tapped ("tried",
  "not_yet", "not_applicable"); they expire like answer tokens. Test ones (in
  previews) name only the outcome and record nothing.
- Sign-in tokens name a learner. Links from the sign-in form are single use:
  they carry the learner's last sign-in time, which changes when one is used.
  The "open the hub" link in drip emails is reusable until it expires.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

from boosters.drip.signer import token_dumps
from boosters.models import Learner

UNSUBSCRIBE_SALT = "boosters.unsubscribe"
ANSWER_SALT = "boosters.answer"
SIGN_IN_SALT = "boosters.sign-in"
CHECKIN_SALT = "boosters.checkin"

DEFAULT_ANSWER_LINK_MAX_AGE = timedelta(days=30)
DEFAULT_SIGN_IN_LINK_MAX_AGE = timedelta(minutes=30)


class LinkExpired(Exception):
    """A genuine link that is too old; ``payload`` still says what it was for."""

    def __init__(self, payload: dict):
        super().__init__("The link has expired.")
        self.payload = payload


class LinkInvalid(Exception):
    """A link that was tampered with, mangled, or is of the wrong kind."""


def answer_link_max_age() -> timedelta:
    return getattr(settings, "HUB_ANSWER_LINK_MAX_AGE", DEFAULT_ANSWER_LINK_MAX_AGE)


def sign_in_link_max_age() -> timedelta:
    return getattr(settings, "HUB_SIGN_IN_LINK_MAX_AGE", DEFAULT_SIGN_IN_LINK_MAX_AGE)


def signed_payload(token: str, *, salt: str, max_age: timedelta | None) -> dict:
    """The dict payload of a token signed with ``salt``.

    Raises ``LinkExpired`` (carrying the payload) once it is older than
    ``max_age``, and ``LinkInvalid`` if it was tampered with or is of another kind.
    """
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        # Genuine but old: read it again without the age check to say what it was.
        payload = signing.loads(token, salt=salt)
        if not isinstance(payload, dict):
            raise LinkInvalid("Unexpected payload.") from None
        raise LinkExpired(payload) from None
    except signing.BadSignature as error:
        raise LinkInvalid("Bad signature.") from error
    if not isinstance(payload, dict):
        raise LinkInvalid("Unexpected payload.")
    return payload


def _int_or_none(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def payload_id(payload: dict, key: str) -> int:
    """The object id stored under ``key``; ``LinkInvalid`` if there is none."""
    value = _int_or_none(payload.get(key))
    if value is None:
        raise LinkInvalid("Unexpected payload.")
    return value


def unsubscribe_token(*, learner: Learner, timestamp: str | None = None) -> str:
    """A URL-safe token that lets whoever holds it unsubscribe ``learner``
    (``timestamp``: see ``signer.token_dumps``)."""
    return token_dumps({"l": learner.pk}, salt=UNSUBSCRIBE_SALT, timestamp=timestamp)


def learner_from_unsubscribe_token(token: str) -> Learner | None:
    """The learner a token was signed for, or ``None`` if tampered or unknown."""
    try:
        payload = signed_payload(token, salt=UNSUBSCRIBE_SALT, max_age=None)
    except (LinkInvalid, LinkExpired):
        return None
    learner_id = _int_or_none(payload.get("l"))
    if learner_id is None:
        return None
    return Learner.objects.filter(pk=learner_id).first()


@dataclass(frozen=True)
class AnswerLink:
    """What an answer token names: a delivery, and the choice tapped (if any).

    A test link (``test``) names no delivery: it names the page and revision an
    editor previewed or sent to themselves, the choice by its position, and
    ``target``, which link of the email it stands for ("answer", "hub",
    "unsubscribe" or "discussion").
    """

    delivery_id: int | None
    choice_id: int | None
    test: bool = False
    page_id: int | None = None
    revision_id: int | None = None
    choice_index: int | None = None
    target: str = "answer"


TEST_LINK_TARGETS = ("answer", "hub", "unsubscribe", "discussion")


def answer_token(
    *,
    delivery_id: int | None = None,
    choice_id: int | None = None,
    test: bool = False,
    page_id: int | None = None,
    revision_id: int | None = None,
    choice_index: int | None = None,
    target: str = "answer",
    timestamp: str | None = None,
) -> str:
    """A token for answering one delivered question, optionally pre-choosing.

    With ``test=True`` the token stands for a link in an editor's preview or
    test email: it names ``page_id`` (and ``revision_id``, the draft sent), the
    choice by ``choice_index`` and the ``target`` link, and records nothing.
    """
    if test:
        if target not in TEST_LINK_TARGETS:
            raise ValueError(f"Unknown test link target {target!r}.")
        payload = {"t": 1, "p": page_id, "r": revision_id, "k": target}
        if choice_index is not None:
            payload["i"] = choice_index
        return signing.dumps(payload, salt=ANSWER_SALT, compress=False)
    if delivery_id is None:
        raise ValueError("An answer token names a delivery.")
    payload = {"d": delivery_id}
    if choice_id is not None:
        payload["c"] = choice_id
    return token_dumps(payload, salt=ANSWER_SALT, timestamp=timestamp)


def _optional_int(payload: dict, key: str) -> int | None:
    value = payload.get(key)
    if value is not None and _int_or_none(value) is None:
        raise LinkInvalid("Unexpected payload.")
    return value


def _test_link(payload: dict) -> AnswerLink:
    target = payload.get("k")
    if target not in TEST_LINK_TARGETS:
        raise LinkInvalid("Unexpected payload.")
    return AnswerLink(
        delivery_id=None,
        choice_id=None,
        test=True,
        page_id=_optional_int(payload, "p"),
        revision_id=_optional_int(payload, "r"),
        choice_index=_optional_int(payload, "i"),
        target=target,
    )


def _answer_link(payload: dict) -> AnswerLink:
    if payload.get("t") == 1:
        return _test_link(payload)
    delivery_id = _int_or_none(payload.get("d"))
    choice_id = payload.get("c")
    if delivery_id is None or (
        choice_id is not None and _int_or_none(choice_id) is None
    ):
        raise LinkInvalid("Unexpected payload.")
    return AnswerLink(delivery_id=delivery_id, choice_id=choice_id)


def answer_token_read(token: str) -> AnswerLink:
    """What an answer token names.

    Raises ``LinkInvalid`` if it was tampered with, and ``LinkExpired`` (whose
    ``link`` attribute still names the delivery) once it is too old.
    """
    try:
        payload = signed_payload(token, salt=ANSWER_SALT, max_age=answer_link_max_age())
    except LinkExpired as expired:
        expired.link = _answer_link(expired.payload)
        raise
    return _answer_link(payload)


@dataclass(frozen=True)
class CheckInLink:
    """What a check-in token names: a delivery (``None`` for a test link from
    an editor's preview) and the outcome tapped in the email."""

    delivery_id: int | None
    outcome: str
    test: bool = False


# The values of ``boosters.models.CheckInOutcome`` (kept here as plain strings
# so a token is read without the model's choices).
CHECKIN_OUTCOMES = ("tried", "not_yet", "not_applicable")


def checkin_token(
    *, outcome: str, delivery_id: int | None = None, test: bool = False
) -> str:
    """A token for answering one check-in delivery with ``outcome``.

    With ``test=True`` it stands for a link in an editor's preview or test
    email: it names no delivery and records nothing.
    """
    if outcome not in CHECKIN_OUTCOMES:
        raise ValueError(f"Unknown check-in outcome {outcome!r}.")
    if test:
        payload = {"t": 1, "o": outcome}
    elif delivery_id is None:
        raise ValueError("A check-in token names a delivery.")
    else:
        payload = {"d": delivery_id, "o": outcome}
    return signing.dumps(payload, salt=CHECKIN_SALT, compress=False)


def _checkin_link(payload: dict) -> CheckInLink:
    outcome = payload.get("o")
    if outcome not in CHECKIN_OUTCOMES:
        raise LinkInvalid("Unexpected payload.")
    if payload.get("t") == 1:
        return CheckInLink(delivery_id=None, outcome=outcome, test=True)
    return CheckInLink(delivery_id=payload_id(payload, "d"), outcome=outcome)


def checkin_token_read(token: str) -> CheckInLink:
    """What a check-in token names.

    Raises ``LinkInvalid`` if it was tampered with (or is another kind of
    token), and ``LinkExpired`` (whose ``link`` still names the delivery) once
    it is older than answer links may be.
    """
    try:
        payload = signed_payload(
            token, salt=CHECKIN_SALT, max_age=answer_link_max_age()
        )
    except LinkExpired as expired:
        expired.link = _checkin_link(expired.payload)
        raise
    return _checkin_link(payload)


def sign_in_token(
    *, learner: Learner, single_use: bool = True, timestamp: str | None = None
) -> str:
    """A token that signs ``learner`` in to the hub.

    A single-use token is spent when any sign-in link is used; a reusable one
    (in drip emails) only expires. ``timestamp``: see ``signer.token_dumps``.
    """
    payload = {"l": learner.pk}
    if single_use:
        stamp = learner.last_sign_in_at
        payload["s"] = stamp.isoformat() if stamp else ""
    else:
        payload["r"] = 1
    return token_dumps(payload, salt=SIGN_IN_SALT, timestamp=timestamp)


def learner_from_sign_in_token(token: str) -> Learner:
    """The learner a sign-in token stands for.

    Raises ``LinkInvalid`` if it is tampered with, names nobody, or was already
    used; ``LinkExpired`` once it is too old.
    """
    payload = signed_payload(token, salt=SIGN_IN_SALT, max_age=_sign_in_max_age(token))
    learner_id = _int_or_none(payload.get("l"))
    learner = Learner.objects.filter(pk=learner_id).first() if learner_id else None
    if learner is None:
        raise LinkInvalid("Unknown learner.")
    if "s" in payload:
        stamp = learner.last_sign_in_at
        if payload["s"] != (stamp.isoformat() if stamp else ""):
            raise LinkInvalid("The link was already used.")
    elif payload.get("r") != 1:
        raise LinkInvalid("Unexpected payload.")
    return learner


def _sign_in_max_age(token: str) -> timedelta:
    # Reusable drip-email links live as long as answer links; single-use links
    # from the form are short-lived. The unverified peek only picks the limit;
    # the signature is still checked against it.
    try:
        peek = signing.loads(token, salt=SIGN_IN_SALT)
    except signing.BadSignature:
        return sign_in_link_max_age()
    if isinstance(peek, dict) and peek.get("r") == 1:
        return answer_link_max_age()
    return sign_in_link_max_age()
