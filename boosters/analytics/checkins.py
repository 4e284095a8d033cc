"""Application rates: how many learners say they tried the behaviour at work,
beside how well they answer the questions (proficiency).

Per topic, cohort, office and team (the learner's manager):

- *answered*: of the check-ins sent, the share answered;
- *application rate*: of the check-ins answered, the share "I tried it";
- *proficiency*: of the booster questions answered at their first showing,
  the share answered correctly (the dashboard's "correct on first try").

A group's figures are shown only when at least ``GROUP_MINIMUM`` learners
answered its check-ins: below that a rate is close to naming someone. Each
grouping costs two aggregate queries, whatever the number of learners.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page

from boosters.analytics.filters import (
    AnalyticsFilters,
    answers_filtered,
    deliveries_filtered,
    percent,
    ratio,
)
from boosters.analytics.privacy import GROUP_MINIMUM
from boosters.checkins.pages import ApplicationCheckInPage
from boosters.models import CheckInOutcome, DeliveryStatus

NO_OFFICE = "(no office)"
NO_MANAGER = "(no manager)"
NO_TOPIC = "(no topic)"


@dataclass
class ApplicationRow:
    """One group's check-ins and first-try answers."""

    name: str
    sent: int = 0
    answered: int = 0
    tried: int = 0
    learners: int = 0
    first_try_answers: int = 0
    first_try_correct: int = 0

    @property
    def shown(self) -> bool:
        """Whether enough learners answered for the figures to be shown."""
        return self.learners >= GROUP_MINIMUM

    def _label(self, value) -> str:
        return percent(value) if self.shown else "–"

    @property
    def answered_label(self) -> str:
        return self._label(ratio(self.answered, self.sent))

    @property
    def application_label(self) -> str:
        return self._label(ratio(self.tried, self.answered))

    @property
    def proficiency_label(self) -> str:
        return self._label(ratio(self.first_try_correct, self.first_try_answers))


@dataclass(frozen=True)
class ApplicationRates:
    """Application rates beside proficiency, by four groupings."""

    topics: list[ApplicationRow]
    cohorts: list[ApplicationRow]
    offices: list[ApplicationRow]
    teams: list[ApplicationRow]
    minimum: int = GROUP_MINIMUM

    @property
    def groupings(self) -> list[tuple[str, list[ApplicationRow]]]:
        return [
            ("Topic", self.topics),
            ("Cohort", self.cohorts),
            ("Office", self.offices),
            ("Team (manager)", self.teams),
        ]

    @property
    def any(self) -> bool:
        return any(row.sent for row in self.cohorts)


def _topic_key(page_field: str):
    # A check-in or question lives right below its topic: its path without
    # the last step is the topic's path.
    return Substr(page_field, 1, Length(page_field) - Page.steplen)


def _keys(prefix: str, page_field: str) -> dict:
    return {
        "topics": _topic_key(page_field),
        "cohorts": F(f"{prefix}cohort__name"),
        "offices": F(f"{prefix}learner__office"),
        "teams": F(f"{prefix}learner__manager_email"),
    }


def _check_in_counts(*, filters: AnalyticsFilters, grouping: str) -> dict:
    key = _keys("enrollment__", "page__path")[grouping]
    rows = (
        deliveries_filtered(filters=filters)
        .filter(
            status=DeliveryStatus.SENT,
            page__content_type=ContentType.objects.get_for_model(
                ApplicationCheckInPage
            ),
        )
        .annotate(k=key)
        .values("k")
        .annotate(
            sent=Count("pk"),
            answered=Count("check_in_answer"),
            tried=Count(
                "check_in_answer",
                filter=Q(check_in_answer__outcome=CheckInOutcome.TRIED),
            ),
            learners=Count(
                "enrollment__learner",
                distinct=True,
                filter=Q(check_in_answer__isnull=False),
            ),
            label=Max("enrollment__learner__manager_name"),
        )
        .order_by()
    )
    return {row["k"]: row for row in rows}


def _first_try_counts(*, filters: AnalyticsFilters, grouping: str) -> dict:
    key = _keys("delivery__enrollment__", "page__path")[grouping]
    rows = (
        answers_filtered(filters=filters)
        .filter(showing=1)
        .annotate(k=key)
        .values("k")
        .annotate(n=Count("pk"), c=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )
    return {row["k"]: row for row in rows}


def _name(grouping: str, key, counts: dict, titles: dict) -> str:
    if grouping == "topics":
        return titles.get(key, NO_TOPIC)
    if grouping == "offices":
        return key or NO_OFFICE
    if grouping == "teams":
        return (counts.get("label") or key or NO_MANAGER).strip() or NO_MANAGER
    return key or ""


def application_rates(*, filters: AnalyticsFilters) -> ApplicationRates:
    """Check-ins sent, answered and tried beside first-try proficiency, per
    topic, cohort, office and team, for the filtered learners and period.
    Only groups where check-ins were sent are listed."""
    result = {}
    for grouping in ("topics", "cohorts", "offices", "teams"):
        check_ins = _check_in_counts(filters=filters, grouping=grouping)
        first_try = _first_try_counts(filters=filters, grouping=grouping)
        titles = {}
        if grouping == "topics":
            titles = dict(
                Page.objects.filter(path__in=list(check_ins)).values_list(
                    "path", "title"
                )
            )
        rows = []
        for key, counts in check_ins.items():
            proficiency = first_try.get(key, {})
            rows.append(
                ApplicationRow(
                    name=_name(grouping, key, counts, titles),
                    sent=counts["sent"],
                    answered=counts["answered"],
                    tried=counts["tried"],
                    learners=counts["learners"],
                    first_try_answers=proficiency.get("n", 0),
                    first_try_correct=proficiency.get("c", 0),
                )
            )
        result[grouping] = sorted(rows, key=lambda row: row.name.casefold())
    return ApplicationRates(**result)
