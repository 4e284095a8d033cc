"""Application rates: how many learners say they tried the behaviour at work,
beside how well they answer the questions (proficiency).

Per topic, cohort, office and team (the learner's manager):

- *answered*: of the check-ins sent, the share answered;
- *application rate*: of the check-ins answered, the share "I tried it";
- *proficiency*: of the booster questions answered at their first showing,
  the share answered correctly (the dashboard's "correct on first try").

A group's figures are shown only when at least ``GROUP_MINIMUM`` learners
answered its check-ins: below that a rate is close to naming someone. Each
figure comes from two grouped queries for all four groupings (none when no
check-in was sent), whatever the number of learners.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
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


def _check_in_page_ids() -> list[int]:
    """The check-in pages' ids: few, from the page tree's content type index."""
    return list(
        Page.objects.filter(
            content_type=ContentType.objects.get_for_model(ApplicationCheckInPage)
        ).values_list("pk", flat=True)
    )


def _check_in_rows(*, filters: AnalyticsFilters, page_ids: list[int]) -> list[dict]:
    """Sent check-ins counted per topic, cohort and learner (with the learner's
    office and manager), through the deliveries' page index: one query, its
    rows as many as the learners who got a check-in in each topic and cohort."""
    return list(
        deliveries_filtered(filters=filters)
        .filter(status=DeliveryStatus.SENT, page_id__in=page_ids)
        .annotate(topic=_topic_key("page__path"))
        .values(
            "topic",
            "enrollment__cohort__name",
            "enrollment__learner_id",
            "enrollment__learner__office",
            "enrollment__learner__manager_email",
            "enrollment__learner__manager_name",
        )
        .annotate(
            sent=Count("pk"),
            answered=Count("check_in_answer"),
            tried=Count(
                "check_in_answer",
                filter=Q(check_in_answer__outcome=CheckInOutcome.TRIED),
            ),
        )
        .order_by()
    )


def _first_try_rows(*, filters: AnalyticsFilters) -> list[dict]:
    """First-showing answers and how many were right, per topic, cohort,
    office and manager: one scan of the answers for all four groupings (the
    counts add up across the finer groups)."""
    return list(
        answers_filtered(filters=filters)
        .filter(showing=1)
        .annotate(topic=_topic_key("page__path"))
        .values(
            "topic",
            "delivery__enrollment__cohort__name",
            "delivery__enrollment__learner__office",
            "delivery__enrollment__learner__manager_email",
        )
        .annotate(n=Count("pk"), c=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )


GROUPINGS = ("topics", "cohorts", "offices", "teams")


def _check_in_keys(row: dict) -> dict:
    return {
        "topics": row["topic"],
        "cohorts": row["enrollment__cohort__name"],
        "offices": row["enrollment__learner__office"],
        "teams": row["enrollment__learner__manager_email"],
    }


def _first_try_keys(row: dict) -> dict:
    return {
        "topics": row["topic"],
        "cohorts": row["delivery__enrollment__cohort__name"],
        "offices": row["delivery__enrollment__learner__office"],
        "teams": row["delivery__enrollment__learner__manager_email"],
    }


def _name(grouping: str, key, counts: dict, titles: dict) -> str:
    if grouping == "topics":
        return titles.get(key, NO_TOPIC)
    if grouping == "offices":
        return key or NO_OFFICE
    if grouping == "teams":
        return (counts.get("label") or key or NO_MANAGER).strip() or NO_MANAGER
    return key or ""


def _empty() -> ApplicationRates:
    return ApplicationRates(topics=[], cohorts=[], offices=[], teams=[])


def application_rates(*, filters: AnalyticsFilters) -> ApplicationRates:
    """Check-ins sent, answered and tried beside first-try proficiency, per
    topic, cohort, office and team, for the filtered learners and period.
    Only groups where check-ins were sent are listed.

    At most four queries: the check-in pages (none: nothing else is asked),
    the sent check-ins, the first-try answers and the topics' titles; the
    groupings are summed from the two grouped queries."""
    page_ids = _check_in_page_ids()
    if not page_ids:
        return _empty()
    check_in_rows = _check_in_rows(filters=filters, page_ids=page_ids)
    if not check_in_rows:
        return _empty()
    check_ins = {grouping: {} for grouping in GROUPINGS}
    for row in check_in_rows:
        for grouping, key in _check_in_keys(row).items():
            counts = check_ins[grouping].setdefault(
                key, {"sent": 0, "answered": 0, "tried": 0, "learners": set()}
            )
            counts["sent"] += row["sent"]
            counts["answered"] += row["answered"]
            counts["tried"] += row["tried"]
            if row["answered"]:
                counts["learners"].add(row["enrollment__learner_id"])
            label = row["enrollment__learner__manager_name"]
            if label is not None and label > counts.get("label", ""):
                counts["label"] = label
    first_try = {grouping: {} for grouping in GROUPINGS}
    for row in _first_try_rows(filters=filters):
        for grouping, key in _first_try_keys(row).items():
            if key not in check_ins[grouping]:
                continue
            counts = first_try[grouping].setdefault(key, {"n": 0, "c": 0})
            counts["n"] += row["n"]
            counts["c"] += row["c"]
    titles = dict(
        Page.objects.filter(path__in=list(check_ins["topics"])).values_list(
            "path", "title"
        )
    )
    result = {}
    for grouping in GROUPINGS:
        rows = []
        for key, counts in check_ins[grouping].items():
            proficiency = first_try[grouping].get(key, {})
            rows.append(
                ApplicationRow(
                    name=_name(grouping, key, counts, titles),
                    sent=counts["sent"],
                    answered=counts["answered"],
                    tried=counts["tried"],
                    learners=len(counts["learners"]),
                    first_try_answers=proficiency.get("n", 0),
                    first_try_correct=proficiency.get("c", 0),
                )
            )
        result[grouping] = sorted(rows, key=lambda row: row.name.casefold())
    return ApplicationRates(**result)
