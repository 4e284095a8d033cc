"""Signed tokens that stand for a learner in links sent by email.

Unsubscribe tokens never expire: a link in a years-old email must still work.
``django.core.signing`` checks ``SECRET_KEY_FALLBACKS`` too, so rotating the
secret key does not break links already sent.
"""

from django.core import signing

from boosters.models import Learner

UNSUBSCRIBE_SALT = "boosters.unsubscribe"


def unsubscribe_token(*, learner: Learner) -> str:
    """A URL-safe token that lets whoever holds it unsubscribe ``learner``."""
    return signing.dumps({"l": learner.pk}, salt=UNSUBSCRIBE_SALT, compress=False)


def learner_from_unsubscribe_token(token: str) -> Learner | None:
    """The learner a token was signed for, or ``None`` if tampered or unknown."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    learner_id = payload.get("l") if isinstance(payload, dict) else None
    if not isinstance(learner_id, int):
        return None
    return Learner.objects.filter(pk=learner_id).first()
