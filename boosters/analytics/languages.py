"""Proficiency by language (P12): the same question's first-try right rate
for the learners who read it in each language, to spot a translation that
makes a question harder (or gives the answer away)."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from boosters.analytics.privacy import GROUP_MINIMUM, GroupShare, group_share
from boosters.learners.languages import language_name
from boosters.models import Answer, BoosterQuestionPage


@dataclass(frozen=True)
class LanguageProficiency:
    """First-try answers to one question read in one language."""

    language: str
    learners: int
    first_try_answers: int
    right: GroupShare | None  # None below GROUP_MINIMUM learners

    @property
    def language_label(self) -> str:
        return language_name(self.language)

    @property
    def right_label(self) -> str:
        if self.right is None:
            return f"Shown from {GROUP_MINIMUM} learners"
        return self.right.of_whole


def question_proficiency_by_language(
    *, page: BoosterQuestionPage, revision_id: int | None = None
) -> list[LanguageProficiency]:
    """Per language the question was read in, its first-try answers and how
    many were right; one query. A language with fewer than ``GROUP_MINIMUM``
    learners shows no rate (the privacy rule of every shared figure), and
    rates near none or all are banded. Answers from before languages were
    recorded count as the default language's."""
    answers = Answer.objects.filter(page=page, showing=1)
    if revision_id is not None:
        answers = answers.filter(revision_id=revision_id)
    rows = (
        answers.values("language")
        .annotate(
            answers=Count("pk"),
            right=Count("pk", filter=Q(is_correct=True)),
            learners=Count("learner", distinct=True),
        )
        .order_by()
    )
    merged: dict[str, list[int]] = {}
    for row in rows:
        language = row["language"] or settings.LANGUAGE_CODE
        totals = merged.setdefault(language, [0, 0, 0])
        totals[0] += row["answers"]
        totals[1] += row["right"]
        totals[2] += row["learners"]
    order = [code for code, _name in settings.LANGUAGES]
    return [
        LanguageProficiency(
            language=language,
            learners=learners,
            first_try_answers=count,
            right=(
                group_share(part=right, whole=count)
                if learners >= GROUP_MINIMUM
                else None
            ),
        )
        for language, (count, right, learners) in sorted(
            merged.items(),
            key=lambda item: order.index(item[0]) if item[0] in order else 99,
        )
    ]
