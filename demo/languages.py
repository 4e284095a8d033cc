"""The demo in several languages (P12): the hub's locales, the São Paulo
cohort reading in Brazilian Portuguese, and Portuguese translations of every
page its program sends (``demo.languages_pt`` holds the words).

Translations are made the way an editor's "Translate this page" makes them
(a copy in the locale sharing the page's translation key, its choices too),
then written in Portuguese and published. Keyed like the rest of the demo:
running it again adds only what is missing and leaves an editor's
translations alone. Pages without a Portuguese translation reach São Paulo
in English (the fallback), and the "Missing translations" report lists them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from boosters.models import Cohort

from .languages_pt import TRANSLATIONS

LANGUAGE = "pt-br"
COHORT_SLUG = "sao-paulo"  # demo.checkins creates it; here it reads Portuguese


@dataclass
class DemoLanguagesResult:
    locales_created: int = 0
    translations_created: list[str] = field(default_factory=list)
    # Words of a translation that found no English text to replace (the
    # English page changed): its Portuguese keeps that part in English.
    left_in_english: list[str] = field(default_factory=list)


def _locales_ensure(result: DemoLanguagesResult) -> dict[str, Locale]:
    locales = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], created = Locale.objects.get_or_create(language_code=code)
        result.locales_created += created
    return locales


def _texts_replace(value, *, texts: dict[str, str], used: set[str]):
    """``value`` (StreamField data in its stored form) with every string found
    in ``texts`` replaced by its translation; block types and ids stay."""
    if isinstance(value, str):
        if value in texts:
            used.add(value)
            return texts[value]
        return value
    if isinstance(value, dict):
        return {
            key: item
            if key in ("type", "id")
            else _texts_replace(item, texts=texts, used=used)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_texts_replace(item, texts=texts, used=used) for item in value]
    return value


def _translation_ensure(*, page, locale: Locale, spec: dict) -> list[str]:
    """Translate ``page`` into ``locale`` with ``spec``'s words: plain fields,
    StreamField texts, choices and chapters. Returns the English texts of
    ``spec`` the page no longer has (left in English)."""
    translated = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in spec.items():
        if name not in ("texts", "choices", "chapters"):
            setattr(translated, name, value)
    texts, used = spec.get("texts", {}), set()
    for model_field in translated._meta.concrete_fields:
        if isinstance(model_field, StreamField):
            stored = getattr(translated, model_field.name).get_prep_value()
            setattr(
                translated,
                model_field.name,
                _texts_replace(stored, texts=texts, used=used),
            )
    for choice, (text, feedback) in zip(
        translated.choices.all() if "choices" in spec else (),
        spec.get("choices", ()),
        strict=True,
    ):
        choice.text, choice.feedback = text, feedback
        choice.save()
    for chapter, title in zip(
        translated.chapters.all() if "chapters" in spec else (),
        spec.get("chapters", ()),
        strict=True,
    ):
        chapter.title = title
        chapter.save()
    translated.save()
    translated.save_revision().publish()
    return [text for text in texts if text not in used]


def demo_languages_ensure() -> DemoLanguagesResult:
    """Locales, the São Paulo cohort in Portuguese and the Portuguese
    translations of the pages its program sends, whichever are missing."""
    result = DemoLanguagesResult()
    with transaction.atomic():
        locales = _locales_ensure(result)
        Cohort.objects.filter(slug=COHORT_SLUG, language="en").update(language=LANGUAGE)
        default, target = locales[settings.LANGUAGE_CODE], locales[LANGUAGE]
        sources = {
            page.slug: page
            for page in Page.objects.filter(
                slug__in=TRANSLATIONS, locale=default, live=True
            ).specific()
        }
        # Any translation, live or draft: an editor's is left alone.
        translated = set(
            Page.objects.filter(
                locale=target,
                translation_key__in=[p.translation_key for p in sources.values()],
            ).values_list("translation_key", flat=True)
        )
        for slug, spec in TRANSLATIONS.items():
            page = sources.get(slug)
            if page is None or page.translation_key in translated:
                continue
            left = _translation_ensure(page=page, locale=target, spec=spec)
            result.translations_created.append(slug)
            result.left_in_english.extend(f"{slug}: {text}" for text in left)
    return result
