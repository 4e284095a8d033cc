"""Translating pages in tests the way wagtail-localize does: a copy of the
page in the locale, sharing its translation key (and its choices' keys)."""

from wagtail.models import Locale


def translate_page(page, language: str, *, publish: bool = True, choices=(), **fields):
    """``page``'s translation into ``language`` with ``fields`` set and its
    choices' words replaced, in order, by ``choices`` (text, feedback) pairs;
    published unless ``publish`` is False."""
    locale = Locale.objects.get(language_code=language)
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if choices:
        for choice, (text, feedback) in zip(
            translation.choices.all(), choices, strict=True
        ):
            choice.text, choice.feedback = text, feedback
            choice.save()
    translation.save()
    if publish:
        translation.save_revision().publish()
    return type(page).objects.get(pk=translation.pk)
