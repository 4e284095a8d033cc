"""What is working: cohort figures and question analytics, read from the drip engine.

Selectors only. Every figure comes from a fixed number of aggregate queries,
so a cohort of ten thousand learners costs the same number of queries as a
cohort of ten; the per-learner work happens in the database.

Proficiency is reported as Qstream does:

- *initial*: of the questions answered at their first showing, the share
  answered correctly (this is also "correct on first try");
- *current*: for each learner and question answered at least once, whether
  the answer at the latest answered showing was correct; the share of those
  pairs that were.

The gap between the two is the proficiency lift that spaced repeats bring.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.models import Page, Revision

from boosters.models import (
    Answer,
    BoosterQuestionPage,
    Cohort,
    Delivery,
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    QuestionState,
    SubscriptionStatus,
)

NON_RESPONDER_DAYS = 14

# A question needs this many first-try answers (in one revision) before the
# attention list judges it: a handful of answers says little.
ATTENTION_MIN_ANSWERS = 8
ATTENTION_FIRST_TRY_TOO_LOW = 0.3
ATTENTION_FIRST_TRY_TOO_HIGH = 0.95
ATTENTION_DISCRIMINATION_TOO_LOW = 0.1


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide."""
    return part / whole if whole else None


def percent(value: float | None) -> str:
    """A share as editors read it: "67%", or a dash when there is no data."""
    return "–" if value is None else f"{value:.0%}"


@dataclass(frozen=True)
class AnalyticsFilters:
    """Which learners and which period the figures cover; empty means all.

    The date range (inclusive, in the site's time zone) applies to when
    deliveries were sent and answers given; counts of learners, unsubscribes
    and retired questions describe the learners as they are now.
    """

    program_id: int | None = None
    cohort_id: int | None = None
    region: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @property
    def starts_at(self) -> datetime | None:
        if self.date_from is None:
            return None
        return timezone.make_aware(datetime.combine(self.date_from, time.min))

    @property
    def ends_before(self) -> datetime | None:
        if self.date_to is None:
            return None
        return timezone.make_aware(
            datetime.combine(self.date_to + timedelta(days=1), time.min)
        )


def enrollment_q(filters: AnalyticsFilters, *, prefix: str = "") -> Q:
    """A ``Q`` on the enrolment reached through ``prefix`` (e.g. ``"enrollment__"``).

    "Office or region" matches the cohort's region or the learner's own office.
    """
    q = Q()
    if filters.program_id:
        q &= Q(**{f"{prefix}cohort__program_id": filters.program_id})
    if filters.cohort_id:
        q &= Q(**{f"{prefix}cohort_id": filters.cohort_id})
    if filters.region:
        q &= Q(**{f"{prefix}cohort__region": filters.region}) | Q(
            **{f"{prefix}learner__office": filters.region}
        )
    return q


def period_q(filters: AnalyticsFilters, *, field_name: str) -> Q:
    """A ``Q`` keeping ``field_name`` (a datetime) inside the filters' date range."""
    q = Q()
    if filters.starts_at:
        q &= Q(**{f"{field_name}__gte": filters.starts_at})
    if filters.ends_before:
        q &= Q(**{f"{field_name}__lt": filters.ends_before})
    return q


def deliveries_filtered(*, filters: AnalyticsFilters):
    """Deliveries of the filtered enrolments; the period applies to ``sent_at``."""
    q = enrollment_q(filters, prefix="enrollment__")
    if filters.date_from or filters.date_to:
        q &= period_q(filters, field_name="sent_at")
    return Delivery.objects.filter(q)


def answers_filtered(*, filters: AnalyticsFilters):
    """Answers of the filtered enrolments, given within the period."""
    return Answer.objects.filter(
        enrollment_q(filters, prefix="delivery__enrollment__"),
        period_q(filters, field_name="answered_at"),
    )


def enrollments_filtered(*, filters: AnalyticsFilters):
    return Enrollment.objects.filter(enrollment_q(filters))


def _question_type_id() -> int:
    return ContentType.objects.get_for_model(BoosterQuestionPage).pk


# --- The cohort dashboard ---------------------------------------------------


@dataclass
class CohortFigures:
    """The dashboard's figures for one cohort, or for all filtered cohorts."""

    name: str
    cohort_id: int | None = None
    learners: int = 0
    delivered: int = 0
    failed: int = 0
    bounced: int = 0
    unsubscribed: int = 0
    questions_sent: int = 0
    answered: int = 0
    first_try_answers: int = 0
    first_try_correct: int = 0
    current_pairs: int = 0
    current_correct: int = 0
    retired: int = 0
    non_responders: int = 0

    @property
    def answer_rate(self) -> float | None:
        return ratio(self.answered, self.questions_sent)

    @property
    def proficiency_initial(self) -> float | None:
        return ratio(self.first_try_correct, self.first_try_answers)

    # Qstream's "correct on first try" is the same share.
    correct_first_try = proficiency_initial

    @property
    def proficiency_current(self) -> float | None:
        return ratio(self.current_correct, self.current_pairs)

    @property
    def retired_per_learner(self) -> float | None:
        return ratio(self.retired, self.learners)

    @property
    def answer_rate_label(self) -> str:
        return percent(self.answer_rate)

    @property
    def initial_label(self) -> str:
        return percent(self.proficiency_initial)

    @property
    def current_label(self) -> str:
        return percent(self.proficiency_current)

    @property
    def retired_per_learner_label(self) -> str:
        value = self.retired_per_learner
        return "–" if value is None else f"{value:.1f}"

    def add(self, other: "CohortFigures") -> None:
        for name in _SUMMED:
            setattr(self, name, getattr(self, name) + getattr(other, name))


_SUMMED = [
    "learners",
    "delivered",
    "failed",
    "bounced",
    "unsubscribed",
    "questions_sent",
    "answered",
    "first_try_answers",
    "first_try_correct",
    "current_pairs",
    "current_correct",
    "retired",
    "non_responders",
]


@dataclass(frozen=True)
class WeekRate:
    """Questions sent in one week (Monday start) and how many were answered."""

    week_start: date
    sent: int
    answered: int

    @property
    def rate(self) -> float | None:
        return ratio(self.answered, self.sent)

    @property
    def rate_label(self) -> str:
        return percent(self.rate)


@dataclass
class TopicProficiency:
    """Initial against current proficiency for the questions of one topic."""

    topic: str
    first_try_answers: int = 0
    first_try_correct: int = 0
    current_pairs: int = 0
    current_correct: int = 0

    @property
    def initial(self) -> float | None:
        return ratio(self.first_try_correct, self.first_try_answers)

    @property
    def current(self) -> float | None:
        return ratio(self.current_correct, self.current_pairs)

    @property
    def initial_label(self) -> str:
        return percent(self.initial)

    @property
    def current_label(self) -> str:
        return percent(self.current)


@dataclass
class CohortDashboard:
    """Everything the dashboard shows for one set of filters."""

    filters: AnalyticsFilters
    cohorts: list[CohortFigures]
    total: CohortFigures
    weeks: list[WeekRate] = field(default_factory=list)
    topics: list[TopicProficiency] = field(default_factory=list)


def cohort_dashboard(*, filters: AnalyticsFilters, now: datetime) -> CohortDashboard:
    """The dashboard's figures per cohort, in total, by week and by topic.

    Seven queries whatever the number of learners.
    """
    question_type = _question_type_id()
    rows: dict[int, CohortFigures] = {}
    cohort_q = Q()
    if filters.program_id:
        cohort_q &= Q(program_id=filters.program_id)
    if filters.cohort_id:
        cohort_q &= Q(pk=filters.cohort_id)
    if filters.region:
        cohort_q &= Q(region=filters.region) | Q(
            pk__in=Enrollment.objects.filter(learner__office=filters.region).values(
                "cohort_id"
            )
        )
    cohorts = Cohort.objects.filter(cohort_q).order_by("name")
    for cohort in cohorts:
        rows[cohort.pk] = CohortFigures(name=cohort.name, cohort_id=cohort.pk)

    def row(cohort_id: int) -> CohortFigures:
        return rows.setdefault(cohort_id, CohortFigures(name="?", cohort_id=cohort_id))

    active = Q(status=EnrollmentStatus.ACTIVE)
    recent = now - timedelta(days=NON_RESPONDER_DAYS)
    was_asked = Delivery.objects.filter(
        enrollment_id=OuterRef("pk"),
        status=DeliveryStatus.SENT,
        page__content_type_id=question_type,
        sent_at__lte=now,
    )
    answered_lately = Answer.objects.filter(
        delivery__enrollment_id=OuterRef("pk"),
        answered_at__gte=recent,
        answered_at__lte=now,
    )
    learner_counts = (
        enrollments_filtered(filters=filters)
        .annotate(was_asked=Exists(was_asked), answered_lately=Exists(answered_lately))
        .values("cohort_id")
        .annotate(
            learners=Count("pk", filter=active),
            bounced=Count(
                "pk", filter=Q(learner__subscription=SubscriptionStatus.SUPPRESSED)
            ),
            unsubscribed=Count(
                "pk", filter=Q(learner__subscription=SubscriptionStatus.UNSUBSCRIBED)
            ),
            non_responders=Count(
                "pk", filter=active & Q(was_asked=True, answered_lately=False)
            ),
        )
        .order_by()
    )
    for counts in learner_counts:
        figures = row(counts.pop("cohort_id"))
        for name, value in counts.items():
            setattr(figures, name, value)

    sent = Q(status=DeliveryStatus.SENT)
    question_sent = sent & Q(page__content_type_id=question_type)
    delivery_counts = (
        deliveries_filtered(filters=filters)
        .values("enrollment__cohort_id")
        .annotate(
            delivered=Count("pk", filter=sent),
            failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
            questions_sent=Count("pk", filter=question_sent),
            answered=Count("pk", filter=question_sent & Q(answer__isnull=False)),
        )
        .order_by()
    )
    for counts in delivery_counts:
        figures = row(counts.pop("enrollment__cohort_id"))
        for name, value in counts.items():
            setattr(figures, name, value)

    retired_counts = (
        QuestionState.objects.filter(
            enrollment_q(filters, prefix="enrollment__"),
            retired=True,
            enrollment__status=EnrollmentStatus.ACTIVE,
        )
        .values("enrollment__cohort_id")
        .annotate(retired=Count("pk"))
        .order_by()
    )
    for counts in retired_counts:
        row(counts["enrollment__cohort_id"]).retired = counts["retired"]

    topics: dict[str, TopicProficiency] = {}
    page_topics = {}
    for counts in _proficiency_counts(filters=filters):
        figures = row(counts["delivery__enrollment__cohort_id"])
        figures.first_try_answers += counts["first_n"]
        figures.first_try_correct += counts["first_c"]
        figures.current_pairs += counts["current_n"]
        figures.current_correct += counts["current_c"]
        page_topics.setdefault(counts["page_id"], []).append(counts)
    titles = _topic_titles(page_ids=[pk for pk in page_topics if pk is not None])
    for page_id, page_rows in page_topics.items():
        name = titles.get(page_id, "(question deleted)")
        topic = topics.setdefault(name, TopicProficiency(topic=name))
        for counts in page_rows:
            topic.first_try_answers += counts["first_n"]
            topic.first_try_correct += counts["first_c"]
            topic.current_pairs += counts["current_n"]
            topic.current_correct += counts["current_c"]

    total = CohortFigures(name="All filtered cohorts")
    for figures in rows.values():
        total.add(figures)
    return CohortDashboard(
        filters=filters,
        cohorts=sorted(rows.values(), key=lambda f: f.name),
        total=total,
        weeks=_weekly_answer_rates(filters=filters, question_type=question_type),
        topics=sorted(topics.values(), key=lambda t: t.topic),
    )


def _proficiency_counts(*, filters: AnalyticsFilters) -> list[dict]:
    """First-try and latest-showing counts per cohort and question (two queries).

    The latest showing's verdict comes from one grouped pass: per learner and
    question, ``max(showing * 2 + is_correct)`` is the latest showing with its
    verdict in the lowest bit. An outer query then counts those per cohort
    and question, so no row is looked up once per answer.
    """
    answers = answers_filtered(filters=filters)
    counts = {
        (row["delivery__enrollment__cohort_id"], row["page_id"]): {
            **row,
            "current_n": 0,
            "current_c": 0,
        }
        for row in answers.values("delivery__enrollment__cohort_id", "page_id")
        .annotate(
            first_n=Count("pk", filter=Q(showing=1)),
            first_c=Count("pk", filter=Q(showing=1, is_correct=True)),
        )
        .order_by()
    }
    latest = (
        answers.values(
            c=F("delivery__enrollment__cohort_id"), l=F("learner_id"), p=F("page_id")
        )
        .annotate(k=Max(F("showing") * 2 + Cast("is_correct", IntegerField())))
        .order_by()
    )
    sql, params = latest.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c, p, COUNT(*), SUM(k %% 2) FROM ({sql}) latest GROUP BY c, p",  # noqa: S608 (Django-built SQL)
            params,
        )
        for cohort_id, page_id, pairs, correct in cursor.fetchall():
            row = counts.setdefault(
                (cohort_id, page_id),
                {
                    "delivery__enrollment__cohort_id": cohort_id,
                    "page_id": page_id,
                    "first_n": 0,
                    "first_c": 0,
                },
            )
            row["current_n"], row["current_c"] = pairs, int(correct or 0)
    return [{"current_n": 0, "current_c": 0, **row} for row in counts.values()]


def _topic_titles(*, page_ids: list[int]) -> dict[int, str]:
    """Each question's topic: the title of its parent page (two queries)."""
    paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "path"))
    parent_paths = {
        pk: path[: -Page.steplen] for pk, path in paths.items() if len(path) > 4
    }
    titles = dict(
        Page.objects.filter(path__in=set(parent_paths.values())).values_list(
            "path", "title"
        )
    )
    return {pk: titles.get(path, "(no topic)") for pk, path in parent_paths.items()}


def _weekly_answer_rates(*, filters: AnalyticsFilters, question_type: int):
    """Questions sent and answered per week (Monday start) of the learner-local
    date they were due. Grouped by that stored date in SQL, then by week here,
    so the database needs no date function per row."""
    days = (
        deliveries_filtered(filters=filters)
        .filter(status=DeliveryStatus.SENT, page__content_type_id=question_type)
        .values("local_date")
        .annotate(
            sent=Count("pk"), answered=Count("pk", filter=Q(answer__isnull=False))
        )
        .order_by("local_date")
    )
    weeks: dict[date, list[int]] = {}
    for day in days:
        monday = day["local_date"] - timedelta(days=day["local_date"].weekday())
        totals = weeks.setdefault(monday, [0, 0])
        totals[0] += day["sent"]
        totals[1] += day["answered"]
    return [WeekRate(week, sent, answered) for week, (sent, answered) in weeks.items()]


# --- Question analytics -----------------------------------------------------


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
        return "–" if self.discrimination is None else f"{self.discrimination:.2f}"

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

    @property
    def first_try_rate(self) -> float | None:
        return ratio(self.first_try_correct, self.first_try_answers)

    @property
    def first_try_label(self) -> str:
        return percent(self.first_try_rate)

    @property
    def discrimination_label(self) -> str:
        return "–" if self.discrimination is None else f"{self.discrimination:.2f}"


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
    if d is not None and d < ATTENTION_DISCRIMINATION_TOO_LOW:
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
