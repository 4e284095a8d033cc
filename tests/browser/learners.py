"""What a learner does with a drip email: find its links, sign in from it."""

import re
from html import unescape
from urllib.parse import urlparse

from boosters.drip.tokens import answer_token_read
from boosters.models import BoosterChoice

QUICK_QUESTION = "Quick question: "


def email_html(message) -> str:
    """The HTML part of an email."""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            return content
    raise AssertionError(f"{message.subject!r} has no HTML part")


def email_links(message) -> list[tuple[str, str]]:
    """``(text, href)`` for every link in an email's HTML part."""
    links = re.findall(
        r'<a\b[^>]*\bhref="([^"]+)"[^>]*>(.*?)</a>', email_html(message), flags=re.S
    )
    return [
        (re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", text))).strip(), href)
        for href, text in links
    ]


def booster_email(outbox):
    """The first booster question emailed in English, with its links by purpose
    (the demo's São Paulo cohort gets its emails in Portuguese)."""
    for message in outbox:
        english = '<html lang="en">' in email_html(message)
        if english and message.subject.startswith(QUICK_QUESTION):
            links = email_links(message)
            return message, links
    raise AssertionError(f"no booster email among {[m.subject for m in outbox]}")


def link_to(links, text: str) -> str:
    return next(href for label, href in links if label.startswith(text))


def choice_links(links) -> list[tuple[BoosterChoice, str]]:
    """Each choice button of a booster email with the choice it answers."""
    found = []
    for _, href in links:
        path = urlparse(href).path
        if path.startswith("/email/answer/"):
            token = path.removeprefix("/email/answer/").strip("/")
            choice_id = answer_token_read(token).choice_id
            found.append((BoosterChoice.objects.get(pk=choice_id), href))
    return found


def sign_in_from_email(page, links):
    """Open the email's "Open the hub" link and confirm with the one tap."""
    page.goto(link_to(links, "Open the hub"))
    page.get_by_role("button", name="Sign in as").click()
