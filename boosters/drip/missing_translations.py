"""What a program's learners will read in English because a translation is
missing (P12): per drippable page of a program, the languages its cohorts and
learners read that have no live translation of it.

A missing translation is not an error (the learner gets the default page),
so editors see a report and a note on the program and cohort, not a block.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from boosters.drip.translations import page_language
from boosters.learners.languages import language_codes, language_name
from boosters.models import Cohort, Enrollment, EnrollmentStatus, Program, ProgramStep


@dataclass
class MissingTranslation:
    """One page of a program without a live translation in one language."""

    program: Program
    page: Page
    language: str
    draft: Page | None = None  # a translation not yet published
    readers: list[str] = field(default_factory=list)  # cohorts reading it

    @property
    def language_label(self) -> str:
        return language_name(self.language)

    @property
    def status(self) -> str:
        return "Draft, not published" if self.draft else "Not translated"


def program_languages(*, programs) -> dict[int, dict[str, set[str]]]:
    """Program id → language → the names of its cohorts that read it (a
    cohort's language, and learners' own choices in it)."""
    found: dict[int, dict[str, set[str]]] = {}
    for program_id, name, language in Cohort.objects.filter(
        program__in=programs
    ).values_list("program_id", "name", "language"):
        found.setdefault(program_id, {}).setdefault(language, set()).add(name)
    own = (
        Enrollment.objects.filter(
            cohort__program__in=programs, status=EnrollmentStatus.ACTIVE
        )
        .exclude(learner__language="")
        .values_list("cohort__program_id", "cohort__name", "learner__language")
        .distinct()
    )
    for program_id, name, language in own:
        found.setdefault(program_id, {}).setdefault(language, set()).add(name)
    return found


def missing_translations(
    *, programs=None, languages: list[str] | None = None
) -> list[MissingTranslation]:
    """Each page of ``programs`` (all when ``None``) that some of the
    program's readers would get untranslated, per language; a few queries
    whatever the number of programs and pages."""
    programs = list(
        Program.objects.all() if programs is None else programs
    )  # evaluated once for the queries below
    wanted = program_languages(programs=programs)
    steps = (
        ProgramStep.objects.filter(program__in=programs, page__isnull=False)
        .select_related("program", "page")
        .order_by("program__name", "sort_order", "pk")
    )
    steps = list(steps)
    keys = {step.page.translation_key for step in steps}
    translations = {
        (page.translation_key, page.locale.language_code): page
        for page in Page.objects.filter(translation_key__in=keys).select_related(
            "locale"
        )
    }
    rows, seen = [], set()
    for step in steps:
        page = step.page
        own = page_language(page=page)
        for language in language_codes():
            readers = wanted.get(step.program_id, {}).get(language)
            if (
                language == own
                or not readers
                or (languages and language not in languages)
                or (step.program_id, page.pk, language) in seen
            ):
                continue
            seen.add((step.program_id, page.pk, language))
            found = translations.get((page.translation_key, language))
            if found is not None and found.live:
                continue
            rows.append(
                MissingTranslation(
                    program=step.program,
                    page=page,
                    language=language,
                    draft=found,
                    readers=sorted(readers),
                )
            )
    return rows


def missing_translations_summary(*, program=None, cohort=None) -> list[str]:
    """One sentence per language that lacks translations for ``program`` (or
    for ``cohort``'s readers), for a note on its edit page."""
    if cohort is not None:
        program = cohort.program
        names = {cohort.name}
    rows = missing_translations(programs=[program]) if program else []
    counts: dict[str, int] = {}
    for row in rows:
        if cohort is None or names & set(row.readers):
            counts[row.language] = counts.get(row.language, 0) + 1
    total = len({step.page_id for step in program.steps.all()}) if program else 0
    return [
        f"{language_name(language)}: {count} of {total} items have no live "
        "translation, so they go out in the default language."
        for language, count in counts.items()
    ]
