"""Application check-ins as drip emails: three one-tap answers.

Registers ``ApplicationCheckInPage`` with the drip emails. Each answer button
is a signed link for one delivery and one outcome (``checkin_token``); opening
it shows the question with that answer selected and records nothing, since
mail scanners open every link. Loaded by ``BoostersConfig.ready``.
"""

from django.utils.translation import gettext_lazy as _

from boosters.checkins.pages import ApplicationCheckInPage
from boosters.drip.emails import (
    email_kind_register,
    html_to_text,
    rich_text_email_html,
)
from boosters.drip.links import token_url
from boosters.drip.tokens import checkin_token
from boosters.models import CheckInOutcome, Delivery

CHECKIN_URL_NAME = "boosters_checkin"
# The email's buttons, in the order they are shown: ``links.checkin-<outcome>``.
OUTCOMES = (
    CheckInOutcome.TRIED,
    CheckInOutcome.NOT_YET,
    CheckInOutcome.NOT_APPLICABLE,
)
LINK_NAMES = tuple(f"checkin-{outcome}" for outcome in OUTCOMES)
SUBJECT_FORMAT = _("Have you tried it? {title}")


def checkin_url(*, outcome: str, delivery: Delivery | None) -> str:
    """Where tapping ``outcome`` in a check-in email goes: a signed link for
    ``delivery`` (``None``: a test link that records nothing)."""
    token = (
        checkin_token(outcome=outcome, test=True)
        if delivery is None
        else checkin_token(outcome=outcome, delivery_id=delivery.pk)
    )
    return token_url(CHECKIN_URL_NAME, token=token)


def checkin_delivery_links(*, delivery: Delivery | None) -> dict[str, str]:
    """The three answer links of ``delivery``'s email (test links for a
    preview, when ``delivery`` is ``None``)."""
    return {
        f"checkin-{outcome}": checkin_url(outcome=outcome, delivery=delivery)
        for outcome in OUTCOMES
    }


def _checkin_context(*, page: ApplicationCheckInPage) -> dict:
    intro_html = rich_text_email_html(page.intro) if page.intro else ""
    return {
        "intro_html": intro_html,
        "intro_text": html_to_text(intro_html) if intro_html else "",
    }


email_kind_register(
    page_class=ApplicationCheckInPage,
    stem="checkin",
    subject_format=SUBJECT_FORMAT,
    context_builder=_checkin_context,
    link_names=LINK_NAMES,
    delivery_links=checkin_delivery_links,
)
