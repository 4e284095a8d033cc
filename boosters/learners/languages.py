"""Which language a learner or a manager is written to in (P12).

One place decides it: a learner's own choice, else their cohort's; a manager's
own, else the language most of their team reads. Emails, notices, the digest
and the links in them all ask here.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_supported_language_variant

from boosters.models import Enrollment, EnrollmentStatus

# What a roster may say for a language, beyond the codes themselves: English
# and native names, with or without the country ("Português (Brasil)").
_NAMES = {
    "english": "en",
    "ingles": "en",
    "portuguese": "pt-br",
    "portugues": "pt-br",
    "brazilian portuguese": "pt-br",
    "portuguese (brazil)": "pt-br",
    "portugues (brasil)": "pt-br",
    "portugues do brasil": "pt-br",
    "spanish": "es",
    "espanol": "es",
    "castellano": "es",
}


def language_codes() -> list[str]:
    """The hub's language codes, the default first."""
    return [code for code, _name in settings.LANGUAGES]


def language_name(code: str) -> str:
    """The language's own name (``Português (Brasil)``) for ``code``."""
    return dict(settings.LANGUAGES).get(code, code)


def _folded(value: str) -> str:
    # "Português" and "portugues" are the same answer in a spreadsheet.
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def language_parse(value: str) -> str | None:
    """The hub language ``value`` names (``pt-BR``, ``pt_br``, ``pt``,
    ``Português``, ``Spanish``...), ``""`` for a blank value, or ``None`` if
    it names none of the hub's languages."""
    folded = _folded(value or "")
    if not folded:
        return ""
    if folded in _NAMES:
        return _NAMES[folded]
    names = {_folded(name): code for code, name in settings.LANGUAGES}
    if folded in names:
        return names[folded]
    code = folded.replace("_", "-")
    try:
        supported = get_supported_language_variant(code)
    except LookupError:
        return None
    # "pt" finds "pt-br"; a region the hub doesn't speak ("es-mx") finds "es".
    return supported if supported in language_codes() else None


def _supported(code: str) -> str | None:
    return code if code in language_codes() else None


def learner_language(*, learner, cohort=None) -> str:
    """The language ``learner`` is written to in: their own, else ``cohort``'s
    (their latest active cohort's when not given), else the hub's default."""
    own = _supported(learner.language or "")
    if own:
        return own
    if cohort is None:
        enrollment = (
            learner.enrollments.filter(status="active")
            .select_related("cohort")
            .order_by("-enrolled_at", "-pk")
            .first()
        )
        cohort = enrollment.cohort if enrollment else None
    if cohort is not None and _supported(cohort.language or ""):
        return cohort.language
    return settings.LANGUAGE_CODE


def manager_language(*, manager) -> str:
    """The language ``manager``'s digest is in: their own, else the one most
    of their team (learners naming them as manager) reads; ties and an empty
    team give the hub's default."""
    own = _supported(manager.language or "")
    if own:
        return own
    rows = (
        Enrollment.objects.filter(
            learner__manager_email__iexact=manager.email,
            status=EnrollmentStatus.ACTIVE,
        )
        .order_by("learner_id", "-enrolled_at", "-pk")
        .values_list("learner_id", "learner__language", "cohort__language")
    )
    team: dict[int, str] = {}
    for learner_id, own_language, cohort_language in rows:
        team.setdefault(
            learner_id,
            _supported(own_language or "")
            or _supported(cohort_language or "")
            or settings.LANGUAGE_CODE,
        )
    counts = Counter(team.values()).most_common()
    if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
        return settings.LANGUAGE_CODE
    return counts[0][0]


def learner_language_change(*, learner, language: str) -> None:
    """Set ``learner``'s own language (``""``: their cohort's). Raises
    ``ValidationError`` for a language the hub doesn't speak, changing nothing.
    Their plan is untouched: language changes what they read, not when."""
    language = (language or "").strip()
    if language and language not in language_codes():
        raise ValidationError(f"{language!r} is not one of the hub's languages.")
    if language != learner.language:
        learner.language = language
        learner.save(update_fields=["language"])


@dataclass(frozen=True)
class LanguageSettings:
    """The language control on My learning."""

    own: str  # "" while they follow their cohort's
    cohort_language_name: str
    choices: list[tuple[str, str]]  # (code, the language's own name)


def learner_language_settings(*, learner) -> LanguageSettings:
    """What My learning's language control shows for ``learner``."""
    enrollment = (
        learner.enrollments.filter(status="active")
        .select_related("cohort")
        .order_by("-enrolled_at", "-pk")
        .first()
    )
    cohort_language = (
        enrollment.cohort.language if enrollment else settings.LANGUAGE_CODE
    )
    return LanguageSettings(
        own=learner.language if learner.language in language_codes() else "",
        cohort_language_name=language_name(cohort_language),
        choices=list(settings.LANGUAGES),
    )
