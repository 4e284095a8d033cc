"""Drip emails: one complete message per delivery, built from its hub page.

Messages are single-column, phone-first HTML with the CSS inlined, plus a
plain-text part. Every link is absolute, there are no tracking pixels, and the
RFC 8058 one-click unsubscribe headers are set.
"""

import contextlib
import contextvars
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy

from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page, Revision
from wagtail.rich_text import expand_db_html

import css_inline

from boosters.drip.links import (
    ONE_CLICK_HEADERS,
    choice_url,
    hub_sign_in_url,
    list_unsubscribe,
    page_absolute_url,
    token_url_parts,
    unsubscribe_headers,
    unsubscribe_url,
)
from boosters.drip.signer import token_timestamp
from boosters.drip.tokens import answer_token, sign_in_token, unsubscribe_token
from boosters.drip.translations import (
    delivery_language,
    delivery_translations_load,
    page_in_language,
)
from boosters.drip.wire import BodySource, Unmergeable, WireMessage, WireTemplate
from boosters.models import Delivery
from boosters.questions.choices import choice_order
from boosters.questions.pages import BoosterChoice, BoosterQuestionPage
from home.models import ArticlePage, ScreencastPage

logger = logging.getLogger(__name__)

# JPEG keeps posters small; 2x the 560px column for sharp phone screens.
POSTER_FILTER = "fill-1120x630|format-jpeg|jpegquality-75"
# How much of an article the email shows before "Read on the hub".
ARTICLE_OPENING_BLOCKS = 2
_ABSOLUTE_ATTR = re.compile(r'(\s(?:href|src)=")/(?!/)')
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)


class NotSendable(Exception):
    """A queued email can't be sent; the message says why (it is skipped)."""


class PageNotSendable(NotSendable):
    """The delivery's page can't be emailed; the message says why."""


@dataclass(frozen=True)
class EmailBlock:
    """An opening block of an article, ready for both parts of the email."""

    kind: str  # "heading" or "paragraph"
    text: str
    html: str


@dataclass(frozen=True)
class EmailChoice:
    """A booster choice as a button: its label and where a tap goes."""

    text: str
    url: str


def _absolute_links(html: str) -> str:
    # Rich text links to hub pages and documents are root-relative on the site.
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return _ABSOLUTE_ATTR.sub(rf"\1{base}/", html)


def rich_text_email_html(source: str) -> str:
    """Stored rich text as email HTML: internal links expanded and made absolute."""
    return _absolute_links(expand_db_html(source))


def html_to_text(html: str) -> str:
    """The words of a bit of email HTML, one line per paragraph or list item."""
    text = re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", html)
    text = unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _article_context(*, page: ArticlePage) -> dict:
    blocks = []
    for block in page.body:
        if len(blocks) == ARTICLE_OPENING_BLOCKS:
            break
        if block.block_type == "heading_block":
            text = block.value.get("text") or ""
            blocks.append(EmailBlock("heading", text, escape(text)))
        elif block.block_type == "paragraph_block":
            html = rich_text_email_html(block.value.source)
            blocks.append(EmailBlock("paragraph", html_to_text(html), html))
    return {"summary": page.summary, "opening_blocks": blocks}


def _screencast_context(*, page: ScreencastPage) -> dict:
    poster = page.poster_image
    return {
        "summary": page.summary,
        "poster_url": poster.get_rendition(POSTER_FILTER).full_url if poster else "",
        "poster_alt": f"Play the screencast: {page.title}",
        "duration_label": page.duration_label,
        "takeaways": [str(block.value) for block in page.takeaways],
    }


def _booster_context(*, page: BoosterQuestionPage) -> dict:
    question_html = rich_text_email_html(page.question)
    return {
        "question_html": question_html,
        "question_text": html_to_text(question_html),
    }


@dataclass(frozen=True)
class EmailKind:
    """How pages of one type are emailed.

    ``stem`` names the templates (``boosters/email/<stem>.html`` and ``.txt``),
    ``subject_format`` the subject (``{title}`` is the page title), and
    ``context_builder(page=...)`` returns the parts that depend only on the page.

    Kinds with links of their own that differ per learner (a check-in's
    one-tap answers) name them in ``link_names``: templates get each as
    ``links.<name>`` (a stand-in, rendered once per cohort) and
    ``delivery_links(delivery=...)`` gives a delivery's real URLs (``delivery``
    is ``None`` for an editor's preview: give sample links). ``finish(message=,
    page=, learner=, delivery=)`` may complete a built message, e.g. attach a
    calendar invite.
    """

    stem: str
    subject_format: str
    context_builder: Callable[..., dict]
    link_names: tuple[str, ...] = ()
    delivery_links: Callable[..., dict[str, str]] | None = None
    finish: Callable[..., None] | None = None


# Page type → how it is emailed; other apps add theirs with ``email_kind_register``.
_KINDS: dict[type, EmailKind] = {}


def email_kind_register(
    *,
    page_class: type,
    stem: str,
    subject_format: str,
    context_builder: Callable[..., dict],
    link_names: tuple[str, ...] = (),
    delivery_links: Callable[..., dict[str, str]] | None = None,
    finish: Callable[..., None] | None = None,
) -> None:
    """Make pages of ``page_class`` drippable: emailed with the ``stem`` templates.

    Lets apps that boosters must not import (community) add email kinds; see
    ``EmailKind`` for the optional per-learner links and finisher.
    """
    _KINDS[page_class] = EmailKind(
        stem, subject_format, context_builder, link_names, delivery_links, finish
    )


email_kind_register(
    page_class=ArticlePage,
    stem="article",
    subject_format="{title}",
    context_builder=_article_context,
)
email_kind_register(
    page_class=ScreencastPage,
    stem="screencast",
    subject_format="{title}",
    context_builder=_screencast_context,
)
email_kind_register(
    page_class=BoosterQuestionPage,
    stem="booster",
    subject_format=gettext_lazy("Quick question: {title}"),
    context_builder=_booster_context,
)


def _page_context(page) -> dict:
    """The parts of an email that depend only on the page, built once per instance.

    A batch shares one instance per page (``delivery_pages_load``), so rich text
    is expanded and renditions looked up once per page, not once per learner.
    """
    context = page.__dict__.get("_email_page_context")
    if context is None:
        build_context = _KINDS[type(page)].context_builder
        context = page.__dict__["_email_page_context"] = build_context(page=page)
    return context


DeliveryBatchHook = Callable[..., None]
_BATCH_HOOKS: list[DeliveryBatchHook] = []


def delivery_batch_hook(func: DeliveryBatchHook) -> DeliveryBatchHook:
    """Register ``func(*, deliveries)`` to run at the end of ``delivery_pages_load``.

    A hook sees the batch with its specific pages loaded and may set attributes
    on the deliveries for their messages (``discussion_url``). It lets the
    community app join in without boosters importing it. A hook that fails is
    logged and the batch is sent without what it would have added.
    """
    if func not in _BATCH_HOOKS:
        _BATCH_HOOKS.append(func)
    return func


def sendable_page(*, delivery: Delivery):
    """The delivery's page as its specific type, or raise ``PageNotSendable``."""
    if delivery.page_id is None or delivery.page is None:
        raise PageNotSendable("The page was deleted.")
    page = delivery.page.specific
    if not page.live:
        raise PageNotSendable("The page is not published.")
    if type(page) not in _KINDS:
        raise PageNotSendable(f"A {page._meta.verbose_name} page can't be emailed.")
    return page


def delivery_pages_load(*, deliveries: list[Delivery]) -> None:
    """Give a batch of deliveries their specific pages in a few queries.

    Deliveries of the same page share one instance, with booster choices,
    screencast videos and poster renditions prefetched, so building a batch of
    messages costs the same number of queries whatever its size. Then the
    registered ``delivery_batch_hook`` functions run on the batch. Call it
    before ``delivery_message`` in a loop; deliveries need
    ``enrollment__cohort`` loaded.
    """
    page_ids = {d.page_id for d in deliveries if d.page_id is not None}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    prefetch_related_objects(
        [p for p in pages.values() if isinstance(p, BoosterQuestionPage)], "choices"
    )
    prefetch_related_objects(
        [p for p in pages.values() if isinstance(p, ScreencastPage)],
        "video",
        "poster_image__renditions",
    )
    for delivery in deliveries:
        if delivery.page_id in pages:
            delivery.page = pages[delivery.page_id]
    # Each learner reads the live translation in their language, else the page.
    delivery_translations_load(deliveries=deliveries)
    for hook in _BATCH_HOOKS:
        try:
            hook(deliveries=deliveries)
        except Exception:  # noqa: BLE001 — the emails still go, without the extra
            logger.exception("Delivery batch hook %s failed", hook.__qualname__)


def email_kind_for(page_class: type) -> EmailKind | None:
    """How pages of ``page_class`` are emailed, or ``None``."""
    return _KINDS.get(page_class)


def email_kind_stem(page) -> str | None:
    """The template stem pages of ``page``'s type are emailed with, or ``None``
    if they can't be emailed."""
    kind = _KINDS.get(type(page))
    return kind.stem if kind else None


# Every value that differs between learners in a drip email is a URL. A page's
# email is rendered (and its CSS inlined) once per cohort with these stand-ins
# for them; each learner's message is that text with the stand-ins replaced:
# the same text as rendering it for them, at a fraction of the cost.
def _stand_in(name: str) -> str:
    return f"https://merge.invalid/{name}/"


@dataclass(frozen=True)
class _Body:
    """One part of a rendered email whose choice buttons can go in any order.

    ``choices`` holds each choice's button (or line) in the editor's order;
    ``in_order`` puts them back in the order a delivery shows them. Rendering
    once per cohort and reordering the buttons gives the same text as
    rendering for that order, so shuffled choices keep a batch fast.
    """

    head: str
    choices: tuple[str, ...]
    separator: str
    tail: str

    def in_order(self, order: tuple[int, ...]) -> str:
        return (
            self.head
            + self.separator.join(self.choices[index] for index in order)
            + self.tail
        )


def _slotted(body: str, *, count: int, html: bool) -> _Body | None:
    """``body`` cut around its ``count`` choice buttons (HTML: each ``<a>``
    holding a choice's stand-in; text: its line), or ``None`` if they can't be
    reordered in place (not one after another with the same text between)."""
    spans = []
    for index in range(count):
        url = _stand_in(f"choice-{index}")
        at = body.find(url)
        if at == -1 or body.find(url, at + 1) != -1:
            return None
        if html:
            start, end = body.rfind("<a ", 0, at), body.find("</a>", at)
            if start == -1 or end == -1 or body.find("</a>", start, at) != -1:
                return None  # the stand-in is not inside a link
            end += len("</a>")
        else:
            start, end = body.rfind("\n", 0, at) + 1, body.find("\n", at) + 1
            if end == 0:
                return None
        spans.append((start, end))
    if not spans:
        return _Body(body, (), "", "")
    separators = {body[end:start] for (_, end), (start, _) in itertools.pairwise(spans)}
    if len(separators) > 1 or any(
        end > start for (_, end), (start, _) in itertools.pairwise(spans)
    ):
        return None
    return _Body(
        head=body[: spans[0][0]],
        choices=tuple(body[start:end] for start, end in spans),
        separator=separators.pop() if separators else "",
        tail=body[spans[-1][1] :],
    )


def _render(
    *, page, cohort_name: str, program_name: str, discussion: bool, order, language
) -> tuple[str, str]:
    """The text and inlined HTML of ``page``'s email with stand-in URLs, its
    choices (if any) in ``order`` (indexes into the editor's order), in
    ``language`` (``None``: the active language)."""
    with (
        translation.override(language, deactivate=False) if language else nullcontext()
    ):
        return _render_active(
            page=page,
            cohort_name=cohort_name,
            program_name=program_name,
            discussion=discussion,
            order=order,
        )


def _render_active(
    *, page, cohort_name: str, program_name: str, discussion: bool, order
) -> tuple[str, str]:
    stem = _KINDS[type(page)].stem
    context = {
        "kind": stem,
        "subject": _subject(page),
        "page": page,
        "page_url": page_absolute_url(page),
        "cohort_name": cohort_name,
        "program_name": program_name,
        "unsubscribe_url": _stand_in("unsubscribe"),
        "hub_url": _stand_in("hub"),
        "discussion_url": _stand_in("discussion") if discussion else "",
        "links": {name: _stand_in(name) for name in _KINDS[type(page)].link_names},
        **_page_context(page),
    }
    if isinstance(page, BoosterQuestionPage):
        choices = list(page.choices.all())
        context["choices"] = [
            EmailChoice(choices[index].text, _stand_in(f"choice-{index}"))
            for index in order
        ]
    text = render_to_string(f"boosters/email/{stem}.txt", context)
    html = _INLINER.inline(render_to_string(f"boosters/email/{stem}.html", context))
    return text, html


# Renders of published pages, kept across batches: a backlog of one page over
# many cohorts renders each cohort's email once, not once per batch. Keyed by
# the page's live revision, so a worker picks up a publish at its next batch.
_RENDERS: dict[tuple, dict] = {}
RENDERS_KEPT = 32  # page versions
RENDERS_PER_PAGE = 256  # cohort, program and language combinations


def _renders(page) -> dict:
    """Where ``page``'s rendered emails are kept: shared by every instance of
    its live revision, or on the instance for a page without one."""
    revision = page.live_revision_id
    if revision is None or page.pk is None:
        return page.__dict__.setdefault("_email_renders", {})
    key = (type(page), page.pk, revision, page.last_published_at, page.url_path)
    renders = _RENDERS.get(key)
    if renders is None or len(renders.get("bodies", ())) > RENDERS_PER_PAGE:
        if len(_RENDERS) >= RENDERS_KEPT:
            _RENDERS.pop(next(iter(_RENDERS)))
        renders = _RENDERS[key] = {}
    return renders


def _renders_forget(sender, instance, **kwargs) -> None:
    """A saved or deleted page, revision, choice or image may change an email:
    render again (another process notices the new live revision)."""
    if isinstance(
        instance, Page | Revision | BoosterChoice | AbstractImage | AbstractRendition
    ):
        _RENDERS.clear()


post_save.connect(_renders_forget, dispatch_uid="drip_email_renders_save")
post_delete.connect(_renders_forget, dispatch_uid="drip_email_renders_delete")


def _slotted_bodies(
    *,
    page,
    cohort_name: str,
    program_name: str,
    discussion: bool,
    order: tuple[int, ...],
    language: str | None,
) -> tuple[_Body, _Body, tuple[int, ...], tuple]:
    """The text and inlined HTML of ``page``'s email with stand-in URLs, cut
    around its choices, the order to put those in, and the render's cache key.

    Rendered once per page instance, cohort and program whatever the order;
    a template whose buttons can't be moved as they are is rendered for each
    order (its bodies then hold the choices in place: put them in ``()``).
    """
    rendered = _renders(page).setdefault("bodies", {})
    key = (cohort_name, program_name, discussion, language)
    if key not in rendered:
        editors_order = tuple(range(len(order)))
        text, html = _render(
            page=page,
            cohort_name=cohort_name,
            program_name=program_name,
            discussion=discussion,
            order=editors_order,
            language=language,
        )
        rendered[key] = (
            _slotted(text, count=len(order), html=False),
            _slotted(html, count=len(order), html=True),
        )
    text, html = rendered[key]
    if text is not None and html is not None:
        return text, html, order, key
    # A template whose buttons can't be moved as they are: render each order.
    key = (*key, order)
    if key not in rendered:
        text, html = _render(
            page=page,
            cohort_name=cohort_name,
            program_name=program_name,
            discussion=discussion,
            order=order,
            language=language,
        )
        rendered[key] = (_Body(text, (), "", ""), _Body(html, (), "", ""))
    text, html = rendered[key]
    return text, html, (), key


def _bodies(
    *,
    page,
    cohort_name: str,
    program_name: str,
    discussion: bool,
    order: tuple[int, ...],
    language: str | None = None,
) -> tuple[str, str]:
    """The text and inlined HTML of ``page``'s email with stand-in URLs and
    its choices in ``order`` (see ``_slotted_bodies``)."""
    text, html, order, _ = _slotted_bodies(
        page=page,
        cohort_name=cohort_name,
        program_name=program_name,
        discussion=discussion,
        order=order,
        language=language,
    )
    return text.in_order(order), html.in_order(order)


# Inside ``wire_messages()``, ``page_message`` gives drip emails as bytes.
_WIRE = contextvars.ContextVar("drip_wire_messages", default=False)
_STAND_IN = re.compile(r"https://merge\.invalid/([^/\s\"'<>]+)/")


@contextlib.contextmanager
def wire_messages() -> Iterator[None]:
    """Within this block ``page_message`` (and so ``delivery_message``) returns
    a ``WireMessage``: the email as the bytes smtplib sends, merged into a
    template serialized once per page, cohort and language
    (``boosters.drip.wire``). Kinds with a ``finish`` step, and values that
    don't fit a slot, still get an ``EmailMultiAlternatives``. The SMTP
    sender (``boosters.drip.sending``) asks for these."""
    reset = _WIRE.set(True)
    try:
        yield
    finally:
        _WIRE.reset(reset)


def _wire_message(
    *,
    page,
    to: str,
    bodies: tuple[_Body, _Body, tuple[int, ...], tuple],
    values: dict[str, str],
    subject: str,
    headers: dict[str, str],
) -> WireMessage | None:
    """The email as bytes from ``page``'s template for these bodies, or
    ``None`` if it has to be built the MIME way."""
    others = {k: v for k, v in headers.items() if k != "List-Unsubscribe"}
    template = _wire_template(page=page, bodies=bodies, subject=subject, others=others)
    try:
        return template.merge(
            to=to,
            values=values,
            order=bodies[2],
            list_unsubscribe=headers.get("List-Unsubscribe", ""),
        )
    except Unmergeable:
        return None


def _wire_template(
    *, page, bodies: tuple, subject: str, others: dict[str, str]
) -> WireTemplate:
    """``page``'s email for these bodies serialized once (``others``: the
    headers besides List-Unsubscribe)."""
    text, html, _, key = bodies
    templates = _renders(page).setdefault("wire", {})
    template_key = (key, subject, tuple(others.items()))
    template = templates.get(template_key)
    if template is None:
        template = templates[template_key] = WireTemplate(
            subject=subject,
            from_email=settings.DEFAULT_FROM_EMAIL,
            bodies=(
                BodySource(text.head, text.choices, text.separator, text.tail, False),
                BodySource(html.head, html.choices, html.separator, html.tail, True),
            ),
            stand_in=_STAND_IN,
            extra_headers=others,
        )
    return template


def _merge(body: str, values: dict[str, str], *, html: bool) -> str:
    for name, value in values.items():
        body = body.replace(_stand_in(name), escape(value) if html else value)
    return body


def _subject(page) -> str:
    return _KINDS[type(page)].subject_format.format(title=page.title)


def _subject_in(page, language: str | None) -> str:
    """The subject in ``language`` (``None``: the active one). Like the
    bodies, the page's in a language: made once."""
    subjects = _renders(page).setdefault("subjects", {})
    subject = subjects.get(language or translation.get_language())
    if subject is None:
        with translation.override(language) if language else nullcontext():
            subject = subjects[translation.get_language()] = _subject(page)
    return subject


def page_message(
    *,
    to: str,
    page,
    cohort_name: str,
    program_name: str,
    choice_url: Callable[[int, BoosterChoice], str],
    unsubscribe_url: str,
    hub_url: str,
    discussion_url: str = "",
    links: dict[str, str] | None = None,
    language: str | None = None,
    delivery_id: int | None = None,
    headers: dict[str, str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The drip email of ``page`` as a learner in ``cohort_name`` gets it.

    Every value that differs between learners comes in as an argument, so a
    real delivery (``delivery_message``) and an editor's preview or test email
    (``boosters.drip.previews``) use the very same templates.
    ``choice_url(index, choice)`` gives each booster choice's link (``index``:
    its place in the editor's order). The choices are shown in the order
    ``choice_order`` gives for ``delivery_id`` (``None``: the editor's order).
    ``links`` gives the kind's own per-learner links (``EmailKind.link_names``).
    ``language`` is the language to render in (``None``: the active one).
    """
    choices, shown = [], []
    if isinstance(page, BoosterQuestionPage):
        choices = list(page.choices.all())
        shown = choice_order(
            choices=range(len(choices)),
            delivery_id=delivery_id,
            keep_order=page.keep_choice_order,
        )
    bodies = _slotted_bodies(
        page=page,
        cohort_name=cohort_name,
        program_name=program_name,
        discussion=bool(discussion_url),
        order=tuple(shown),
        language=language,
    )
    values = {
        "unsubscribe": unsubscribe_url,
        "hub": hub_url,
        "discussion": discussion_url,
        **(links or {}),
        **{
            f"choice-{index}": choice_url(index, choice)
            for index, choice in enumerate(choices)
        },
    }
    subject = _subject_in(page, language)
    if _WIRE.get() and headers and not _KINDS[type(page)].finish:
        wire = _wire_message(
            page=page,
            to=to,
            bodies=bodies,
            values=values,
            subject=subject,
            headers=headers,
        )
        if wire is not None:
            return wire
    text, html = bodies[0].in_order(bodies[2]), bodies[1].in_order(bodies[2])
    message = EmailMultiAlternatives(
        subject=subject,
        body=_merge(text, values, html=False),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(_merge(html, values, html=True), "text/html")
    return message


def delivery_message(*, delivery: Delivery, connection=None) -> EmailMultiAlternatives:
    """The complete email for ``delivery``, ready to send (it is not sent).

    In the learner's language: the page's live translation in it if there is
    one (``delivery_translations_load``), else the page; links lead to pages
    in that language. A choice's link names the delivery page's own choice.
    """
    page = sendable_page(delivery=delivery)
    if hasattr(delivery, "email_page"):  # set for a batch by delivery_pages_load
        shown, language = delivery.email_page, delivery.email_language
    else:
        language = delivery_language(delivery=delivery)
        shown = page_in_language(page=page, language=language)
    learner = delivery.enrollment.learner
    cohort = delivery.enrollment.cohort
    kind = _KINDS[type(page)]
    if _WIRE.get() and not kind.finish:
        wire = _delivery_wire_message(
            delivery=delivery,
            page=page,
            shown=shown,
            language=language,
            kind=kind,
            learner=learner,
            cohort=cohort,
        )
        if wire is not None:
            return wire
    token = unsubscribe_token(learner=learner)
    # Per delivery: each choice link is signed for this delivery and choice.
    sources = (
        {c.translation_key: c for c in page.choices.all()}
        if isinstance(page, BoosterQuestionPage)
        else {}
    )
    with translation.override(language):
        message = page_message(
            page=shown,
            to=learner.email,
            cohort_name=cohort.name,
            program_name=cohort.program.title,
            choice_url=lambda _, choice: choice_url(
                delivery=delivery, choice=sources.get(choice.translation_key, choice)
            ),
            delivery_id=delivery.pk,
            unsubscribe_url=unsubscribe_url(token=token),
            hub_url=hub_sign_in_url(learner=learner),
            # Set by a batch hook (community) when the page opens a cohort thread.
            discussion_url=getattr(delivery, "discussion_url", ""),
            links=(
                kind.delivery_links(delivery=delivery) if kind.delivery_links else None
            ),
            language=language,
            headers=unsubscribe_headers(token=token),
            connection=connection,
        )
    if kind.finish:  # e.g. a calendar invite, in the learner's language too
        with translation.override(language):
            kind.finish(message=message, page=page, learner=learner, delivery=delivery)
    return message


@dataclass(frozen=True)
class _WirePlan:
    """What every wire email of one page shares in a cohort and language:
    the serialized template, each choice's id and where each signed link's
    token goes. Made once, so a learner's email is their tokens and a merge."""

    template: WireTemplate
    choice_ids: tuple[int, ...]  # the delivery page's choice for each shown one
    choice_slots: tuple[str, ...]
    keep_order: bool
    answer: tuple[str, str]  # token URL parts (links.token_url_parts)
    sign_in: tuple[str, str]
    unsubscribe: tuple[str, str]


def _wire_plan(
    *, page, shown, cohort_name: str, program_name: str, discussion: bool, language
) -> _WirePlan | None:
    """The plan for ``shown`` (``page`` or its translation) in ``language``, or
    ``None`` when its choice buttons can't be moved (rendered per order)."""
    plans = _renders(shown).setdefault("plans", {})
    key = (
        page.pk,
        cohort_name,
        program_name,
        discussion,
        language,
        settings.WAGTAILADMIN_BASE_URL,
        get_script_prefix(),
    )
    if key in plans:
        return plans[key]
    choices, sources = [], {}
    if isinstance(shown, BoosterQuestionPage):
        choices = list(shown.choices.all())
        sources = {c.translation_key: c for c in page.choices.all()}
    editors_order = tuple(range(len(choices)))
    with translation.override(language):
        bodies = _slotted_bodies(
            page=shown,
            cohort_name=cohort_name,
            program_name=program_name,
            discussion=discussion,
            order=editors_order,
            language=language,
        )
        plan = None
        if bodies[2] == editors_order:  # the buttons move: any order merges
            plan = _WirePlan(
                template=_wire_template(
                    page=shown,
                    bodies=bodies,
                    subject=_subject_in(shown, language),
                    others=ONE_CLICK_HEADERS,
                ),
                choice_ids=tuple(sources.get(c.translation_key, c).pk for c in choices),
                choice_slots=tuple(f"choice-{index}" for index in editors_order),
                keep_order=getattr(shown, "keep_choice_order", False),
                answer=token_url_parts("boosters_answer"),
                sign_in=token_url_parts("learner_sign_in_confirm"),
                unsubscribe=token_url_parts("boosters_unsubscribe"),
            )
    plans[key] = plan
    return plan


def _delivery_wire_message(
    *, delivery: Delivery, page, shown, language, kind: EmailKind, learner, cohort
) -> WireMessage | None:
    """``delivery_message`` as bytes (inside ``wire_messages``): the same
    message, with what doesn't vary between learners made once per plan.
    ``None``: build it the general way."""
    discussion_url = getattr(delivery, "discussion_url", "")
    plan = _wire_plan(
        page=page,
        shown=shown,
        cohort_name=cohort.name,
        program_name=cohort.program.title,
        discussion=bool(discussion_url),
        language=language,
    )
    if plan is None:
        return None
    stamp = token_timestamp()  # one reading of the clock for the email's links
    token = unsubscribe_token(learner=learner, timestamp=stamp)
    before, after = plan.unsubscribe
    unsubscribe = f"{before}{token}{after}"
    before, after = plan.sign_in
    values = {
        "unsubscribe": unsubscribe,
        "hub": f"{before}{sign_in_token(learner=learner, single_use=False, timestamp=stamp)}{after}",
        "discussion": discussion_url,
    }
    if kind.delivery_links:
        with translation.override(language):
            values.update(kind.delivery_links(delivery=delivery))
    before, after = plan.answer
    for slot, choice_id in zip(plan.choice_slots, plan.choice_ids, strict=True):
        answer = answer_token(
            delivery_id=delivery.pk, choice_id=choice_id, timestamp=stamp
        )
        values[slot] = f"{before}{answer}{after}"
    order = plan.choice_slots and tuple(
        choice_order(
            choices=range(len(plan.choice_ids)),
            delivery_id=delivery.pk,
            keep_order=plan.keep_order,
        )
    )
    try:
        return plan.template.merge(
            to=learner.email,
            values=values,
            order=order or (),
            list_unsubscribe=list_unsubscribe(url=unsubscribe, token=token),
        )
    except Unmergeable:
        return None
