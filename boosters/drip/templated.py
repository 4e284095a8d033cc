"""Emails written as a pair of templates (``<name>.txt`` and ``<name>.html``):
notices, digests, sign-in links and session notices all go out this way."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

import css_inline

# Email clients ignore <style> blocks, so every rule is inlined into the HTML.
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)


def templated_email(
    *,
    template: str,
    context: dict,
    subject: str,
    to: str,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The email rendered from ``template`` + ``.txt`` (the text part) and
    ``template`` + ``.html`` (the HTML part, CSS inlined), to one address."""
    message = EmailMultiAlternatives(
        subject=str(subject),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(
        _INLINER.inline(render_to_string(f"{template}.html", context)), "text/html"
    )
    return message
