"""The absolute URLs in hub email: signed links (answer, sign-in, unsubscribe)
and links to hub pages. Sign-in and the community use these without
importing the email builders."""

import functools
from email.utils import parseaddr
from urllib.parse import urlencode

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation

from boosters.drip.tokens import answer_token, sign_in_token
from boosters.models import Delivery
from boosters.questions.pages import BoosterChoice


def absolute_url(url: str) -> str:
    """``url`` made absolute against the hub's public base URL."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + url.lstrip("/")


def page_absolute_url(page) -> str:
    return absolute_url(page.get_url() or page.url_path)


@functools.cache
def _token_url_parts(
    name: str, base_url: str, script_prefix: str, language: str | None
) -> tuple[str, str]:
    # Reversed once per view, base URL and language (/pt-br/... in Portuguese):
    # a batch needs several per learner.
    with translation.override(language):
        url = absolute_url(reverse(name, kwargs={"token": "TOKEN"}))
    before, _, after = url.partition("TOKEN")
    return before, after


def token_url_parts(name: str) -> tuple[str, str]:
    """The absolute URL of the view ``name`` in the active language, cut where
    its signed token goes: ``before + token + after`` is ``token_url``."""
    return _token_url_parts(
        name,
        settings.WAGTAILADMIN_BASE_URL,
        get_script_prefix(),
        translation.get_language(),
    )


def token_url(name: str, *, token: str) -> str:
    """The absolute URL of the view ``name`` that takes a signed ``token``, in
    the active language (its page opens in that language)."""
    before, after = token_url_parts(name)
    return f"{before}{token}{after}"


def choice_url(*, delivery: Delivery, choice: BoosterChoice) -> str:
    """Where tapping ``choice`` in the email goes: a signed link for this
    delivery and choice that opens the question with the choice selected.

    Opening it records nothing (mail scanners open every link); the learner
    confirms with one tap.
    """
    token = answer_token(delivery_id=delivery.pk, choice_id=choice.pk)
    return token_url("boosters_answer", token=token)


def hub_sign_in_url(*, learner, next_url: str = "") -> str:
    """A reusable sign-in link for ``learner`` from a hub email, leading to
    ``next_url`` (a path on the hub; My learning without one).

    Its GET only shows a "continue" button and the POST signs in, so a mail
    scanner that opens it signs nobody in. The email's "open the hub" link and
    its discussion link are both one of these.
    """
    token = sign_in_token(learner=learner, single_use=False)
    url = token_url("learner_sign_in_confirm", token=token)
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return url


def sender_domain() -> str:
    """The domain of ``DEFAULT_FROM_EMAIL``, for Message-IDs and mailto links."""
    return _address_domain(settings.DEFAULT_FROM_EMAIL)


@functools.lru_cache(maxsize=8)
def _address_domain(address: str) -> str:
    # Parsed once per address: every drip email's headers need it.
    return parseaddr(address)[1].rpartition("@")[2]


def unsubscribe_url(*, token: str) -> str:
    """The web unsubscribe link for a token from ``unsubscribe_token``."""
    return token_url("boosters_unsubscribe", token=token)


def list_unsubscribe(*, url: str, token: str) -> str:
    """The ``List-Unsubscribe`` value for ``url`` (``unsubscribe_url``) and
    its ``token``: the web link, then a mailto."""
    return (
        f"<{url}>, <mailto:unsubscribe@{sender_domain()}?subject=unsubscribe-{token}>"
    )


# With List-Unsubscribe: RFC 8058's one-click unsubscribe.
ONE_CLICK_HEADERS = {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def unsubscribe_headers(*, token: str) -> dict[str, str]:
    """``List-Unsubscribe`` (web and mailto) with RFC 8058 one-click."""
    return {
        "List-Unsubscribe": list_unsubscribe(
            url=unsubscribe_url(token=token), token=token
        ),
        **ONE_CLICK_HEADERS,
    }
