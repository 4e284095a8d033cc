"""One question's analytics at one delivered revision: how each choice was
picked, first-try rate, time to answer and discrimination. Selectors only.
"""

import math
import statistics
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q

from wagtail.models import Revision

from boosters.analytics.filters import (
    percent,
    ratio,
)
from boosters.models import (
    Answer,
    BoosterQuestionPage,
)

# A question needs this many first-try answers (in one revision) before its
# quality is judged: a handful of answers says little.
QUALITY_MIN_ANSWERS = 8
# Below this the strongest learners clearly do worse than weaker ones; just
# under zero is noise, like just over it.
DISCRIMINATION_WRONG_KEY = -0.1


def discrimination_verdict(
    *, discrimination: float | None, answers: int, min_answers: int
) -> str:
    """The discrimination as editors should read it (pure).

    Below ``min_answers`` first-try answers any number is noise, so none is
    shown; a clearly negative one means the strongest learners chose a wrong answer
    more often than weaker ones, which is usually a wrong answer key.
    """
    if answers < min_answers:
        return f"too few answers to judge ({answers} of {min_answers} needed)"
    if discrimination is None:
        return "–"
    if discrimination <= DISCRIMINATION_WRONG_KEY:
        return f"{discrimination:.2f}: check the answer key"
    return f"{discrimination:.2f}"


@dataclass(frozen=True)
class ChoiceShare:
    """How often one choice (as worded in one revision) was picked."""

    text: str
    is_correct: bool
    first_try: int
    repeats: int
    first_try_share: float | None
    repeat_share: float | None

    @property
    def first_try_label(self) -> str:
        return percent(self.first_try_share)

    @property
    def repeat_label(self) -> str:
        return percent(self.repeat_share)


@dataclass(frozen=True)
class RevisionOption:
    """A revision of a question that learners answered, for the picker."""

    revision_id: int | None
    created_at: datetime | None
    answers: int

    @property
    def label(self) -> str:
        when = f"{self.created_at:%Y-%m-%d %H:%M}" if self.created_at else "unknown"
        return f"Revision {self.revision_id or '?'} of {when} ({self.answers} answers)"


@dataclass
class QuestionAnalytics:
    """Figures for one question, from the answers to one delivered revision."""

    page: BoosterQuestionPage
    revision_id: int | None
    revisions: list[RevisionOption]
    answers: int = 0
    first_try_answers: int = 0
    first_try_correct: int = 0
    repeat_answers: int = 0
    repeat_correct: int = 0
    choices: list[ChoiceShare] = field(default_factory=list)
    median_seconds: float | None = None
    discrimination: float | None = None
    discrimination_learners: int = 0

    @property
    def first_try_rate(self) -> float | None:
        return ratio(self.first_try_correct, self.first_try_answers)

    @property
    def repeat_rate(self) -> float | None:
        return ratio(self.repeat_correct, self.repeat_answers)

    @property
    def first_try_label(self) -> str:
        return percent(self.first_try_rate)

    @property
    def repeat_label(self) -> str:
        return percent(self.repeat_rate)

    @property
    def discrimination_label(self) -> str:
        return discrimination_verdict(
            discrimination=self.discrimination,
            answers=self.first_try_answers,
            min_answers=QUALITY_MIN_ANSWERS,
        )

    @property
    def median_label(self) -> str:
        """e.g. "3 h 5 min" from the email being sent to the answer."""
        if self.median_seconds is None:
            return "–"
        minutes = round(self.median_seconds / 60)
        if minutes < 60:
            return f"{minutes} min"
        hours, minutes = divmod(minutes, 60)
        if hours < 24:
            return f"{hours} h {minutes} min"
        days, hours = divmod(hours, 24)
        return f"{days} d {hours} h"


def point_biserial(*, scores: list[tuple[bool, float]]) -> float | None:
    """The point-biserial correlation of a right/wrong item with a score.

    ``r = (M1 - M0) / s * sqrt(p * (1 - p))``, where M1 and M0 are the mean
    scores of those who got the item right and wrong, ``s`` is the population
    standard deviation of all scores and ``p`` the share who got it right. It
    equals Pearson's r between the 0/1 item and the score. None when it is
    undefined: fewer than two people, everyone right or everyone wrong, or
    every score the same.
    """
    if len(scores) < 2:
        return None
    right = [s for ok, s in scores if ok]
    wrong = [s for ok, s in scores if not ok]
    if not right or not wrong:
        return None
    s = statistics.pstdev([s for _, s in scores])
    if s == 0:
        return None
    p = len(right) / len(scores)
    return (
        (statistics.fmean(right) - statistics.fmean(wrong)) / s * math.sqrt(p * (1 - p))
    )


def question_revisions(*, page: BoosterQuestionPage) -> list[RevisionOption]:
    """The revisions of ``page`` that have answers, newest first (one query)."""
    rows = (
        Answer.objects.filter(page=page)
        .values("revision_id", "revision__created_at")
        .annotate(n=Count("pk"))
        .order_by(F("revision__created_at").desc(nulls_last=True), "-revision_id")
    )
    return [
        RevisionOption(r["revision_id"], r["revision__created_at"], r["n"])
        for r in rows
    ]


def question_analytics(
    *, page: BoosterQuestionPage, revision_id: int | None = None
) -> QuestionAnalytics:
    """Choice shares, median time and discrimination for one revision of ``page``.

    Figures never mix revisions: an edited question starts new figures. By
    default the newest revision with answers is read.
    """
    revisions = question_revisions(page=page)
    known = {r.revision_id for r in revisions}
    if revision_id not in known:
        revision_id = revisions[0].revision_id if revisions else None
    result = QuestionAnalytics(page=page, revision_id=revision_id, revisions=revisions)
    if not revisions:
        result.choices = [
            ChoiceShare(c.text, c.is_correct, 0, 0, None, None)
            for c in page.choices.all()
        ]
        return result
    answers = Answer.objects.filter(page=page, revision_id=revision_id)

    counts = (
        answers.values("choice_text", "is_correct")
        .annotate(
            first=Count("pk", filter=Q(showing=1)),
            repeats=Count("pk", filter=Q(showing__gt=1)),
        )
        .order_by()
    )
    by_text = {(c["choice_text"], c["is_correct"]): c for c in counts}
    ordered = [(c.text, c.is_correct) for c in _revision_choices(revision_id, page)]
    ordered += [key for key in by_text if key not in ordered]
    result.first_try_answers = sum(c["first"] for c in counts)
    result.repeat_answers = sum(c["repeats"] for c in counts)
    result.first_try_correct = sum(c["first"] for c in counts if c["is_correct"])
    result.repeat_correct = sum(c["repeats"] for c in counts if c["is_correct"])
    result.answers = result.first_try_answers + result.repeat_answers
    for text, is_correct in ordered:
        c = by_text.get((text, is_correct), {"first": 0, "repeats": 0})
        result.choices.append(
            ChoiceShare(
                text=text,
                is_correct=is_correct,
                first_try=c["first"],
                repeats=c["repeats"],
                first_try_share=ratio(c["first"], result.first_try_answers),
                repeat_share=ratio(c["repeats"], result.repeat_answers),
            )
        )
    result.median_seconds = _median_seconds(answers=answers)
    scores = _discrimination_scores(page_id=page.pk, revision_id=revision_id)
    result.discrimination = point_biserial(scores=scores)
    result.discrimination_learners = len(scores)
    return result


def _revision_choices(revision_id: int | None, page: BoosterQuestionPage):
    """The choices as worded in ``revision_id`` (one query), in their order."""
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    if revision is None:
        return []
    content = revision.content or {}
    return [
        _Choice(c.get("text", ""), bool(c.get("is_correct")))
        for c in sorted(
            content.get("choices", []), key=lambda c: c.get("sort_order") or 0
        )
    ]


@dataclass(frozen=True)
class _Choice:
    text: str
    is_correct: bool


def _median_seconds(*, answers) -> float | None:
    timed = answers.filter(seconds_to_answer__isnull=False)
    n = timed.count()
    if not n:
        return None
    ordered = timed.order_by("seconds_to_answer").values_list(
        "seconds_to_answer", flat=True
    )
    middle = list(ordered[(n - 1) // 2 : n // 2 + 1])
    return statistics.fmean(middle)


def _discrimination_scores(*, page_id: int, revision_id) -> list[tuple[bool, float]]:
    """(right on this question at first try, share right on all other questions
    at first try) per learner who answered this revision at first try and
    at least one other question (two queries)."""
    item = dict(
        Answer.objects.filter(page_id=page_id, revision_id=revision_id, showing=1)
        .values_list("learner_id", "is_correct")
        .order_by("answered_at")
    )
    others = (
        Answer.objects.filter(showing=1, learner_id__in=list(item))
        .exclude(page_id=page_id)
        .values("learner_id")
        .annotate(n=Count("pk"), c=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )
    return [(item[o["learner_id"]], o["c"] / o["n"]) for o in others if o["n"]]


# --- Questions that need attention -------------------------------------------
