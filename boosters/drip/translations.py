"""Which translation of a page a learner reads, and mapping choices across
translations (P12).

A delivery is planned with its program's page (the default language). A
learner reads that page's live translation in their language when there is
one, else the page itself: a missing translation falls back. Booster choices
of a translation share their source's ``translation_key``, so an answer given
on a translation is recorded against the delivery page's own choice.
"""

from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from wagtail.models import Locale, Page

from boosters.learners.languages import learner_language
from boosters.models import Delivery
from boosters.questions.pages import BoosterChoice, BoosterQuestionPage
from home.models import ScreencastPage

_locale_codes_cache: dict[int, str] = {}


def _locale_codes() -> dict[int, str]:
    """Locale id → language code. Kept per process (a send batch would
    otherwise spend a query on it): locales are few and rarely change, and
    any change empties it."""
    if not _locale_codes_cache:
        _locale_codes_cache.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes_cache


@receiver([post_save, post_delete], sender=Locale, dispatch_uid="boosters_locale_codes")
def _locale_codes_forget(**kwargs) -> None:
    _locale_codes_cache.clear()


def translation_usable(*, source, translation) -> bool:
    """Whether ``translation`` can stand in for ``source`` in a learner's email
    and pages: live, and (for a question) with the same choices, so every
    answer maps back. An unsynced translation falls back to the source."""
    if translation is None or not translation.live:
        return False
    if isinstance(source, BoosterQuestionPage):
        keys = {choice.translation_key for choice in source.choices.all()}
        theirs = {choice.translation_key for choice in translation.choices.all()}
        return keys == theirs
    return True


def _prefetch(pages) -> None:
    prefetch_related_objects(
        [p for p in pages if isinstance(p, BoosterQuestionPage)], "choices"
    )
    prefetch_related_objects(
        [p for p in pages if isinstance(p, ScreencastPage)],
        "video",
        "poster_image__renditions",
    )


def page_language(*, page) -> str:
    """The language code of ``page``'s locale."""
    return _locale_codes().get(page.locale_id, "")


def page_in_language(*, page, language: str | None = None):
    """``page``'s live translation in ``language`` (the active language when
    ``None``), as its specific type, else ``page`` itself."""
    language = language or translation.get_language()
    codes = _locale_codes()
    if codes.get(page.locale_id) == language:
        return page
    locale_ids = [pk for pk, code in codes.items() if code == language]
    found = (
        Page.objects.filter(
            translation_key=page.translation_key, locale_id__in=locale_ids, live=True
        )
        .specific()
        .first()
    )
    if found is None:
        return page
    _prefetch([found])
    return found if translation_usable(source=page, translation=found) else page


def delivery_language(*, delivery: Delivery) -> str:
    """The language ``delivery``'s email is written in: its learner's."""
    return learner_language(
        learner=delivery.enrollment.learner, cohort=delivery.enrollment.cohort
    )


def delivery_translations_load(*, deliveries: list[Delivery]) -> None:
    """Set ``email_language`` and ``email_page`` on each delivery of a batch:
    the learner's language and the page they read in it (the live
    translation, else the delivery's own page). Deliveries need their
    specific pages (``delivery_pages_load``), learners and cohorts loaded.

    Two queries for the locales and the translations, plus their specific
    rows and prefetches, whatever the batch size; learners of one language
    share one instance of each translation.
    """
    codes = _locale_codes()
    ids_by_code = {code: pk for pk, code in codes.items()}
    wanted: dict[tuple, list[Delivery]] = {}
    for delivery in deliveries:
        language = delivery_language(delivery=delivery)
        delivery.email_language = language
        page = delivery.page if delivery.page_id is not None else None
        delivery.email_page = page
        if page is None or codes.get(page.locale_id) == language:
            continue
        if language in ids_by_code:
            key = (page.translation_key, ids_by_code[language])
            wanted.setdefault(key, []).append(delivery)
    if not wanted:
        return
    found = Page.objects.filter(
        translation_key__in={key for key, _ in wanted},
        locale_id__in={locale_id for _, locale_id in wanted},
        live=True,
    ).specific()
    translations = {(p.translation_key, p.locale_id): p for p in found}
    _prefetch(translations.values())
    for key, batch in wanted.items():
        found_page = translations.get(key)
        for delivery in batch:
            if translation_usable(source=delivery.page, translation=found_page):
                delivery.email_page = found_page


def choice_counterparts(
    *, choices: list[BoosterChoice], among: list[BoosterChoice]
) -> dict[int, BoosterChoice | None]:
    """For each of ``choices`` (by pk), the choice in ``among`` (the choices
    of a translation, or of the source) it is a translation of, or ``None``.
    Both lists are loaded already: no query."""
    by_key = {choice.translation_key: choice for choice in among}
    return {choice.pk: by_key.get(choice.translation_key) for choice in choices}
