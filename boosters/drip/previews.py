"""Emails as a learner gets them, for editors: the "Email" preview and test sends.

The preview and the test email are built by the same function as a real
delivery (``boosters.drip.emails.page_message``) with sample personalisation, so
what an editor sees is what a learner gets. Their links are signed test links
(``answer_token(test=True)``): they show what a learner would see and record
nothing. Building them writes nothing to the database. A booster's choices
are in the order a sample delivery shows them (each learner gets their own),
and the preview says so.
"""

import re

from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import escape

from wagtail.models import Page

from boosters.drip.emails import (
    PageNotSendable,
    email_kind_for,
    email_kind_stem,
    page_message,
)
from boosters.drip.links import absolute_url
from boosters.drip.tokens import answer_token
from boosters.drip.translations import page_language
from boosters.models import BoosterQuestionPage, Learner

TEST_SUBJECT_PREFIX = "[Test] "
SAMPLE_FIRST_NAME = "Ana"
SAMPLE_LAST_NAME = "Silva"
SAMPLE_EMAIL = "ana.silva@example.com"
SAMPLE_COHORT_NAME = "Sample cohort, spring"
SAMPLE_PROGRAM_NAME = "Example boosters"
# The delivery whose choice order previews and test links show: with it the
# editor's first choice is never shown first (for two to six choices), so the
# preview shows that choices are shuffled.
SAMPLE_DELIVERY_ID = 1
SHUFFLE_NOTE = (
    '<p style="margin: 0; padding: 12px 20px; background-color: #fef3c7; '
    'color: #1f2937; font-size: 14px;">Choices are shuffled: each learner gets '
    "them in their own order, and this preview shows one of them. To send them "
    "as you listed them (e.g. for an “all of the above” choice), tick "
    "“Keep choice order” under the choices.</p>"
)
_BODY_TAG = re.compile(r"<body[^>]*>")


class TestEmailNotSent(Exception):
    """A test email could not be sent; the message says why, for the editor."""


def sample_learner():
    """An unsaved learner who stands for the reader of a preview."""

    return Learner(
        first_name=SAMPLE_FIRST_NAME, last_name=SAMPLE_LAST_NAME, email=SAMPLE_EMAIL
    )


def _test_link(*, page, revision_id, target, choice_index=None) -> str:

    token = answer_token(
        test=True,
        page_id=page.pk,
        revision_id=revision_id,
        choice_index=choice_index,
        target=target,
    )
    return absolute_url(reverse("boosters_answer", kwargs={"token": token}))


def _opens_thread(page) -> bool:
    # Mirrors community.prompts.thread_source (which boosters must not import):
    # discussion steps and boosters with a prompt link to a cohort thread.

    if isinstance(page, BoosterQuestionPage):
        return bool((page.discussion_prompt or "").strip())
    return email_kind_stem(page) == "discussion"


def email_preview_message(*, page, editor=None, revision_id: int | None = None):
    """The drip email of ``page`` with sample personalisation and test links.

    With ``editor`` it is a test email to them ("[Test]" in the subject);
    without, it is the preview (addressed to the sample learner). Raises
    ``boosters.drip.emails.PageNotSendable`` for a page type that is never emailed.
    ``revision_id`` names the draft a test email shows, for its test links.
    """

    if email_kind_stem(page) is None:
        raise PageNotSendable(f"A {page._meta.verbose_name} page can't be emailed.")
    learner = sample_learner()
    discussion_url = (
        _test_link(page=page, revision_id=revision_id, target="discussion")
        if _opens_thread(page)
        else ""
    )
    kind = email_kind_for(type(page))
    message = page_message(
        page=page,
        to=editor.email if editor is not None else learner.email,
        cohort_name=SAMPLE_COHORT_NAME,
        program_name=SAMPLE_PROGRAM_NAME,
        choice_url=lambda index, _: _test_link(
            page=page, revision_id=revision_id, target="answer", choice_index=index
        ),
        delivery_id=SAMPLE_DELIVERY_ID,
        unsubscribe_url=_test_link(
            page=page, revision_id=revision_id, target="unsubscribe"
        ),
        hub_url=_test_link(page=page, revision_id=revision_id, target="hub"),
        discussion_url=discussion_url,
        # A kind's own links (a check-in's answers) as it samples them.
        links=kind.delivery_links(delivery=None) if kind.delivery_links else None,
        # A translation previews in its own language, as its learners get it.
        language=page_language(page=page) or None,
    )
    if kind.finish:
        kind.finish(message=message, page=page, learner=learner, delivery=None)
    if editor is not None:
        message.subject = TEST_SUBJECT_PREFIX + message.subject
    return message


def email_preview_html(*, page) -> str:
    """The HTML part of ``page``'s preview email."""
    # A kind's finisher may add alternatives of its own (a calendar invite).
    alternatives = email_preview_message(page=page).alternatives
    return next(
        content for content, mimetype in alternatives if mimetype == "text/html"
    )


def choices_are_shuffled(page) -> bool:
    """Whether learners get ``page``'s choices in orders of their own."""
    from boosters.questions.pages import BoosterQuestionPage

    return (
        isinstance(page, BoosterQuestionPage)
        and not page.keep_choice_order
        and len(page.choices.all()) > 1
    )


def email_preview_response(*, page) -> HttpResponse:
    """The preview email as a page for Wagtail's preview panel.

    A page that can't be emailed gets a short explanation, not an error. Above
    a booster whose choices are shuffled, a note says so.
    """

    try:
        html = email_preview_html(page=page)
    except PageNotSendable as problem:
        return HttpResponse(f"<p>{escape(str(problem))}</p>")
    if choices_are_shuffled(page):
        html = _BODY_TAG.sub(lambda tag: tag[0] + SHUFFLE_NOTE, html, count=1)
    return HttpResponse(html)


def email_test_send(*, page: Page, editor) -> str:
    """Email ``editor`` the latest draft of ``page`` as a learner would get it.

    Returns the address it went to. Raises ``TestEmailNotSent`` with a message
    for the editor when they have no email address, the page can't be emailed
    or the mail server refuses it. The links in it record nothing.
    """

    if not (editor.email or "").strip():
        raise TestEmailNotSent(
            "Your account has no email address. Add one in your account "
            "settings, then send the test again."
        )
    revision = page.latest_revision
    draft = page.get_latest_revision_as_object().specific
    try:
        message = email_preview_message(
            page=draft, editor=editor, revision_id=revision.pk if revision else None
        )
    except PageNotSendable as problem:
        raise TestEmailNotSent(str(problem)) from None
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 — any mail failure is the editor's message
        raise TestEmailNotSent(
            f"The mail server did not accept the test email ({error}). "
            "Try again in a few minutes."
        ) from error
    return editor.email
