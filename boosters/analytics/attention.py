"""Questions that need a look: too easy, too hard, a popular wrong choice, or a
key that may be wrong. Selectors only.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from wagtail.models import Page

from boosters.analytics.filters import (
    percent,
    ratio,
)
from boosters.analytics.questions import (
    DISCRIMINATION_WRONG_KEY,
    QUALITY_MIN_ANSWERS,
    discrimination_verdict,
    point_biserial,
)
from boosters.models import (
    Answer,
)

ATTENTION_MIN_ANSWERS = QUALITY_MIN_ANSWERS
ATTENTION_FIRST_TRY_TOO_LOW = 0.3
ATTENTION_FIRST_TRY_TOO_HIGH = 0.95
ATTENTION_DISCRIMINATION_TOO_LOW = 0.1


@dataclass
class QuestionAttention:
    """One question (at its newest answered revision) and why it needs a look."""

    page_id: int
    title: str
    revision_id: int | None
    first_try_answers: int
    first_try_correct: int
    discrimination: float | None
    top_wrong_choice: str = ""
    top_wrong_count: int = 0
    correct_count: int = 0
    reasons: list[str] = field(default_factory=list)
    min_answers: int = ATTENTION_MIN_ANSWERS

    @property
    def judged(self) -> bool:
        return self.first_try_answers >= self.min_answers

    @property
    def verdict(self) -> str:
        """Why it needs a look, or that it looks fine, or that it can't be told."""
        if not self.judged:
            return (
                f"Too few answers to judge ({self.first_try_answers} of "
                f"{self.min_answers} needed)."
            )
        return " ".join(self.reasons) or "Looks fine."

    @property
    def first_try_rate(self) -> float | None:
        return ratio(self.first_try_correct, self.first_try_answers)

    @property
    def first_try_label(self) -> str:
        return percent(self.first_try_rate)

    @property
    def discrimination_label(self) -> str:
        return discrimination_verdict(
            discrimination=self.discrimination,
            answers=self.first_try_answers,
            min_answers=self.min_answers,
        )


def question_attention_list(
    *, min_answers: int = ATTENTION_MIN_ANSWERS
) -> list[QuestionAttention]:
    """Every answered question at its newest answered revision, with its flags.

    Reads all first-try answers once; the flagged ones are those with reasons.
    """
    rows = list(
        Answer.objects.filter(showing=1)
        .values_list(
            "learner_id", "page_id", "revision_id", "is_correct", "choice_text"
        )
        .order_by()
    )
    newest: dict[int, int | None] = {}
    for _, page_id, revision_id, _, _ in rows:
        if page_id is not None and (revision_id or 0) >= (newest.get(page_id) or 0):
            newest[page_id] = revision_id
    per_learner = defaultdict(lambda: [0, 0])  # learner: [answers, correct]
    per_learner_page = defaultdict(lambda: [0, 0])
    per_question = defaultdict(list)
    for learner_id, page_id, revision_id, is_correct, text in rows:
        per_learner[learner_id][0] += 1
        per_learner[learner_id][1] += is_correct
        per_learner_page[(learner_id, page_id)][0] += 1
        per_learner_page[(learner_id, page_id)][1] += is_correct
        if page_id is not None and revision_id == newest[page_id]:
            per_question[page_id].append((learner_id, is_correct, text))
    titles = dict(
        Page.objects.filter(pk__in=list(per_question)).values_list("pk", "title")
    )
    result = []
    for page_id, answers in per_question.items():
        scores = []
        for learner_id, is_correct, _ in answers:
            n, c = per_learner[learner_id]
            own_n, own_c = per_learner_page[(learner_id, page_id)]
            if n - own_n:
                scores.append((is_correct, (c - own_c) / (n - own_n)))
        correct = sum(1 for _, ok, _ in answers if ok)
        wrong = defaultdict(int)
        for _, ok, text in answers:
            if not ok:
                wrong[text] += 1
        top_text, top_count = max(wrong.items(), key=lambda kv: kv[1], default=("", 0))
        attention = QuestionAttention(
            page_id=page_id,
            title=titles.get(page_id, "(deleted)"),
            revision_id=newest[page_id],
            first_try_answers=len(answers),
            first_try_correct=correct,
            discrimination=point_biserial(scores=scores),
            top_wrong_choice=top_text,
            top_wrong_count=top_count,
            correct_count=correct,
            min_answers=min_answers,
        )
        attention.reasons = attention_reasons(
            attention=attention, min_answers=min_answers
        )
        result.append(attention)
    return sorted(result, key=lambda a: (not a.reasons, a.title))


def attention_reasons(*, attention: QuestionAttention, min_answers: int) -> list[str]:
    """Why a question needs a look, in editors' words; empty if it doesn't (pure)."""
    if attention.first_try_answers < min_answers:
        return []
    reasons = []
    if attention.top_wrong_count > attention.correct_count:
        reasons.append(
            f"A wrong choice ({_quoted(attention.top_wrong_choice)}) is picked more "
            "often than the right one."
        )
    rate = attention.first_try_rate
    if rate is not None and rate < ATTENTION_FIRST_TRY_TOO_LOW:
        reasons.append(f"Very few right at first try ({rate:.0%}).")
    if rate is not None and rate > ATTENTION_FIRST_TRY_TOO_HIGH:
        reasons.append(f"Almost everyone is right at first try ({rate:.0%}).")
    d = attention.discrimination
    if d is not None and d <= DISCRIMINATION_WRONG_KEY:
        reasons.append(
            "The strongest learners pick a wrong choice more often than weaker "
            f"ones (discrimination {d:.2f}): check the answer key."
        )
    elif d is not None and d < ATTENTION_DISCRIMINATION_TOO_LOW:
        reasons.append(
            f"It barely separates strong from weak learners (discrimination {d:.2f})."
        )
    return reasons


def questions_needing_attention(
    *, min_answers: int = ATTENTION_MIN_ANSWERS
) -> list[QuestionAttention]:
    """Only the questions with at least one flag."""
    return [q for q in question_attention_list(min_answers=min_answers) if q.reasons]


def _quoted(text: str) -> str:
    """``text`` in curly quotes, unless the choice is itself a quotation."""
    text = text.strip()
    return text if text.startswith(("“", '"')) else f"“{text}”"
