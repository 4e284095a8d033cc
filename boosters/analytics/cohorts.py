"""The cohort dashboard: per-cohort figures, weekly answer rate and proficiency by topic.

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

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q
from django.db.models.functions import Cast

from wagtail.models import Page

from boosters.analytics.filters import (
    AnalyticsFilters,
    answers_filtered,
    deliveries_filtered,
    enrollment_q,
    enrollments_filtered,
    percent,
    question_type_id,
    ratio,
)
from boosters.models import (
    Answer,
    Cohort,
    Delivery,
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    QuestionState,
    SubscriptionStatus,
)

NON_RESPONDER_DAYS = 14


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


class _CohortRows(dict):
    """Figures per cohort id; a cohort seen only in counts gets a "?" row."""

    def row(self, cohort_id: int) -> CohortFigures:
        return self.setdefault(cohort_id, CohortFigures(name="?", cohort_id=cohort_id))

    def add_counts(self, counts, *, cohort_key: str) -> None:
        """Copy each grouped count onto its cohort's figures, by field name."""
        for values in counts:
            figures = self.row(values.pop(cohort_key))
            for name, value in values.items():
                setattr(figures, name, value)


def cohort_dashboard(*, filters: AnalyticsFilters, now: datetime) -> CohortDashboard:
    """The dashboard's figures per cohort, in total, by week and by topic.

    Seven queries whatever the number of learners: one per step below.
    """
    question_type = question_type_id()
    rows = _cohort_rows(filters=filters)
    rows.add_counts(
        _learner_counts(filters=filters, now=now, question_type=question_type),
        cohort_key="cohort_id",
    )
    rows.add_counts(
        _delivery_counts(filters=filters, question_type=question_type),
        cohort_key="enrollment__cohort_id",
    )
    rows.add_counts(
        _retired_counts(filters=filters), cohort_key="enrollment__cohort_id"
    )
    topics = _proficiency_by_cohort_and_topic(rows=rows, filters=filters)
    total = CohortFigures(name="All filtered cohorts")
    for figures in rows.values():
        total.add(figures)
    return CohortDashboard(
        filters=filters,
        cohorts=sorted(rows.values(), key=lambda f: f.name),
        total=total,
        weeks=_weekly_answer_rates(filters=filters, question_type=question_type),
        topics=sorted(topics, key=lambda t: t.topic),
    )


def _cohort_rows(*, filters: AnalyticsFilters) -> _CohortRows:
    """An empty row for every cohort the filters cover (by program, cohort, or
    region: the cohort's own or a learner's office)."""
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
    rows = _CohortRows()
    for cohort in Cohort.objects.filter(cohort_q).order_by("name"):
        rows[cohort.pk] = CohortFigures(name=cohort.name, cohort_id=cohort.pk)
    return rows


def _learner_counts(*, filters: AnalyticsFilters, now: datetime, question_type: int):
    """Per cohort: active learners, bounced, unsubscribed, and non-responders
    (asked a question but no answer in the last ``NON_RESPONDER_DAYS``)."""
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
    return (
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


def _delivery_counts(*, filters: AnalyticsFilters, question_type: int):
    """Per cohort: emails delivered and failed, questions sent and answered."""
    sent = Q(status=DeliveryStatus.SENT)
    question_sent = sent & Q(page__content_type_id=question_type)
    return (
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


def _retired_counts(*, filters: AnalyticsFilters):
    """Per cohort: questions retired (mastered) by active learners."""
    return (
        QuestionState.objects.filter(
            enrollment_q(filters, prefix="enrollment__"),
            retired=True,
            enrollment__status=EnrollmentStatus.ACTIVE,
        )
        .values("enrollment__cohort_id")
        .annotate(retired=Count("pk"))
        .order_by()
    )


def _proficiency_by_cohort_and_topic(
    *, rows: _CohortRows, filters: AnalyticsFilters
) -> list[TopicProficiency]:
    """Add first-try and current proficiency to each cohort's row, and return
    the same counts summed by topic (the question's parent page)."""
    page_topics: dict[int | None, list[dict]] = {}
    for counts in _proficiency_counts(filters=filters):
        figures = rows.row(counts["delivery__enrollment__cohort_id"])
        figures.first_try_answers += counts["first_n"]
        figures.first_try_correct += counts["first_c"]
        figures.current_pairs += counts["current_n"]
        figures.current_correct += counts["current_c"]
        page_topics.setdefault(counts["page_id"], []).append(counts)
    titles = _topic_titles(page_ids=[pk for pk in page_topics if pk is not None])
    topics: dict[str, TopicProficiency] = {}
    for page_id, page_rows in page_topics.items():
        name = titles.get(page_id, "(question deleted)")
        topic = topics.setdefault(name, TopicProficiency(topic=name))
        for counts in page_rows:
            topic.first_try_answers += counts["first_n"]
            topic.first_try_correct += counts["first_c"]
            topic.current_pairs += counts["current_n"]
            topic.current_correct += counts["current_c"]
    return list(topics.values())


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
