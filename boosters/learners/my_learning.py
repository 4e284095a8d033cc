"""What a signed-in learner sees on My learning: a read-only selector.

``learner_progress`` gathers everything in a fixed number of queries, however
many deliveries and answers the learner has, and turns times into labels in
the learner's own time zone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from boosters.drip.tokens import answer_token, unsubscribe_token
from boosters.learners.services import (
    PAUSE_WEEKS,
    learner_cohort_zone_name,
    learner_paused_until,
)
from boosters.learners.time_zones import ZoneChoice, time_zone_groups
from boosters.models import (
    Answer,
    BoosterQuestionPage,
    Delivery,
    DeliveryStatus,
    EnrollmentStatus,
    Learner,
    QuestionState,
    SubscriptionStatus,
)
from boosters.planning.scheduling import learner_zone
from home.models import ArticlePage, ScreencastPage

UPCOMING_LIMIT = 20
TO_ANSWER_LIMIT = 20
ANSWERED_LIMIT = 50

# Page type → (kind, label).
_KINDS = {
    BoosterQuestionPage: ("question", _("Booster question")),
    ArticlePage: ("article", _("Article")),
    ScreencastPage: ("screencast", _("Screencast")),
}
_OTHER_KIND = ("page", _("Hub page"))
_UTC = ZoneInfo("UTC")


def _zone(*, learner: Learner, cohort_zone_name: str) -> ZoneInfo:
    try:
        return learner_zone(
            learner_zone_name=learner.time_zone, cohort_zone_name=cohort_zone_name
        )
    except ValueError:  # a zone name that slipped past validation
        return _UTC


def _day_label(day: date, *, today: date) -> str:
    """e.g. "Mon 9 Mar", with the year only when it isn't this year, in the
    active language ("seg, 9 de mar")."""
    if day.year == today.year:
        return date_format(day, pgettext("date format: short day", "D j M"))
    return date_format(day, pgettext("date format: short day with year", "D j M Y"))


def _time_label(moment: datetime, *, zone: ZoneInfo, now: datetime) -> str:
    """e.g. "Mon 9 Mar, 09:00", on the wall clock of ``zone``."""
    local = moment.astimezone(zone)
    today = now.astimezone(zone).date()
    return f"{_day_label(local.date(), today=today)}, {local:%H:%M}"


def _answer_url(*, delivery_id: int, choice_id: int | None = None) -> str:
    token = answer_token(delivery_id=delivery_id, choice_id=choice_id)
    return reverse("boosters_answer", kwargs={"token": token})


@dataclass(frozen=True)
class UpcomingItem:
    """An email still to come: what it is and when, in the learner's time."""

    title: str
    kind: str  # "question", "article", "screencast" or "page"
    kind_label: str
    is_repeat: bool
    due_at: datetime
    when_label: str
    zone_name: str


@dataclass(frozen=True)
class OpenQuestion:
    """A booster question sent to the learner and not answered yet."""

    title: str
    url: str
    is_repeat: bool
    sent_label: str
    answer_by_label: str
    zone_name: str


@dataclass(frozen=True)
class AnsweredQuestion:
    """One of the learner's answers, with a link back to its feedback."""

    title: str
    choice_text: str
    is_correct: bool
    is_repeat: bool
    answered_at: datetime
    when_label: str
    zone_name: str
    feedback_url: str | None  # None once the question is taken down


@dataclass(frozen=True)
class QuestionMastery:
    """Where the learner stands with one question of their program."""

    title: str
    retired: bool
    correct_streak: int
    next_due_on: date | None
    next_due_label: str


@dataclass(frozen=True)
class Mastery:
    """Questions mastered (retired) and still coming back."""

    retired: list[QuestionMastery]
    in_progress: list[QuestionMastery]

    @property
    def retired_count(self) -> int:
        return len(self.retired)

    @property
    def in_progress_count(self) -> int:
        return len(self.in_progress)

    @property
    def total(self) -> int:
        return self.retired_count + self.in_progress_count


@dataclass(frozen=True)
class Score:
    """Right answers out of all answers, and the current run of right answers."""

    answered: int
    correct: int
    streak: int

    @property
    def percent(self) -> int | None:
        """Whole-number percentage right; ``None`` before the first answer."""
        if not self.answered:
            return None
        return round(100 * self.correct / self.answered)


@dataclass(frozen=True)
class LearnerProgress:
    """Everything on a learner's My learning page."""

    upcoming: list[UpcomingItem]
    to_answer: list[OpenQuestion]
    answered: list[AnsweredQuestion]
    mastery: Mastery
    score: Score

    @property
    def zone_names(self) -> list[str]:
        """The time zones the page's times are shown in (usually one)."""
        items = [*self.upcoming, *self.to_answer, *self.answered]
        return sorted({item.zone_name for item in items})


@dataclass(frozen=True)
class MyLearningSection:
    """A section a higher layer adds to My learning: its template and context."""

    template_name: str
    context: dict


# Template name → builder: ``build(*, learner, now)`` gives the template's
# context, or ``None`` to leave the section out for that learner.
_SECTIONS: dict[str, Callable[..., dict | None]] = {}


def my_learning_section_register(
    *, template_name: str, build: Callable[..., dict | None]
) -> None:
    """Add a section to My learning (boosters never imports the apps that do)."""
    _SECTIONS[template_name] = build


def my_learning_sections(*, learner: Learner, now: datetime) -> list[MyLearningSection]:
    """The registered sections ``learner`` has something in, in order of registration."""
    sections = []
    for template_name, build in _SECTIONS.items():
        context = build(learner=learner, now=now)
        if context is not None:
            sections.append(MyLearningSection(template_name, context))
    return sections


def learner_progress(*, learner: Learner, now: datetime) -> LearnerProgress:
    """What ``learner`` has coming, has to answer, has answered and has mastered."""
    return LearnerProgress(
        upcoming=_upcoming(learner=learner, now=now),
        to_answer=_to_answer(learner=learner, now=now),
        answered=_answered(learner=learner, now=now),
        mastery=_mastery(learner=learner, now=now),
        score=_score(learner=learner),
    )


@dataclass(frozen=True)
class EmailSettings:
    """The learner's email controls on My learning: pause, time zone, and
    the next email as those settings place it."""

    subscribed: bool
    paused_until: date | None  # set while a pause holds their email
    paused_until_label: str  # e.g. "Monday 12 January"
    pause_weeks: tuple[int, ...]
    own_zone: str  # "" while they follow their cohort's
    cohort_zone: str
    zone_groups: list[tuple[str, list[ZoneChoice]]]
    next_email: UpcomingItem | None
    unsubscribe_url: str

    @property
    def send_time_label(self) -> str:
        """The wall-clock time emails arrive at, e.g. "09:00" ("" if none)."""
        return self.next_email.when_label[-5:] if self.next_email else ""

    @property
    def zone_name(self) -> str:
        """The zone their emails are timed in."""
        return self.own_zone or self.cohort_zone


def long_day_label(day: date, *, today: date) -> str:
    """e.g. "Monday 12 January", with the year only when it isn't this year, in
    the active language ("segunda-feira, 12 de janeiro")."""
    if day.year == today.year:
        return date_format(day, pgettext("date format: long day", "l j F"))
    return date_format(day, pgettext("date format: long day with year", "l j F Y"))


def learner_email_settings(*, learner: Learner, now: datetime) -> EmailSettings:
    """What the email controls on My learning show for ``learner``."""
    paused_until = learner_paused_until(learner=learner, now=now)
    return EmailSettings(
        subscribed=learner.subscription == SubscriptionStatus.SUBSCRIBED,
        paused_until=paused_until,
        paused_until_label=(
            long_day_label(paused_until, today=now.date()) if paused_until else ""
        ),
        pause_weeks=PAUSE_WEEKS,
        own_zone=learner.time_zone,
        cohort_zone=learner_cohort_zone_name(learner=learner),
        zone_groups=time_zone_groups(now=now),
        next_email=next(iter(learner_next_emails(learner=learner, now=now)), None),
        unsubscribe_url=reverse(
            "boosters_unsubscribe", kwargs={"token": unsubscribe_token(learner=learner)}
        ),
    )


def learner_next_emails(
    *, learner: Learner, now: datetime, limit: int = 1
) -> list[UpcomingItem]:
    """The learner's next ``limit`` emails, in their time."""
    return _upcoming(learner=learner, now=now, limit=limit)


def _upcoming(
    *, learner: Learner, now: datetime, limit: int = UPCOMING_LIMIT
) -> list[UpcomingItem]:
    deliveries = (
        Delivery.objects.filter(
            enrollment__learner=learner,
            enrollment__status=EnrollmentStatus.ACTIVE,
            enrollment__cohort__paused=False,
            status=DeliveryStatus.PENDING,
            page__isnull=False,
        )
        .select_related("enrollment__cohort", "page__content_type")
        .order_by("due_at", "pk")[:limit]
    )
    items = []
    for delivery in deliveries:
        zone = _zone(
            learner=learner, cohort_zone_name=delivery.enrollment.cohort.time_zone
        )
        page_class = delivery.page.content_type.model_class()
        kind, kind_label = _KINDS.get(page_class, _OTHER_KIND)
        items.append(
            UpcomingItem(
                title=delivery.page.title,
                kind=kind,
                kind_label=kind_label,
                is_repeat=delivery.is_repeat,
                due_at=delivery.due_at,
                when_label=_time_label(delivery.due_at, zone=zone, now=now),
                zone_name=zone.key,
            )
        )
    return items


def _to_answer(*, learner: Learner, now: datetime) -> list[OpenQuestion]:
    deliveries = (
        Delivery.objects.filter(
            enrollment__learner=learner,
            status=DeliveryStatus.SENT,
            missed_at__isnull=True,
            answer__isnull=True,
            page_id__in=BoosterQuestionPage.objects.live().values("pk"),
        )
        .select_related("enrollment__cohort", "page")
        .order_by(F("answer_due_by").asc(nulls_last=True), "pk")[:TO_ANSWER_LIMIT]
    )
    questions = []
    for delivery in deliveries:
        zone = _zone(
            learner=learner, cohort_zone_name=delivery.enrollment.cohort.time_zone
        )
        sent_at = delivery.sent_at or delivery.due_at
        due_by = delivery.answer_due_by
        questions.append(
            OpenQuestion(
                title=delivery.page.title,
                url=_answer_url(delivery_id=delivery.pk),
                is_repeat=delivery.is_repeat,
                sent_label=_time_label(sent_at, zone=zone, now=now),
                answer_by_label=(
                    _time_label(due_by, zone=zone, now=now) if due_by else ""
                ),
                zone_name=zone.key,
            )
        )
    return questions


def _answered(*, learner: Learner, now: datetime) -> list[AnsweredQuestion]:
    answers = (
        Answer.objects.filter(learner=learner)
        .select_related("page", "delivery__enrollment__cohort")
        .order_by("-answered_at", "-pk")[:ANSWERED_LIMIT]
    )
    answered = []
    for answer in answers:
        zone = _zone(
            learner=learner,
            cohort_zone_name=answer.delivery.enrollment.cohort.time_zone,
        )
        page = answer.page
        answered.append(
            AnsweredQuestion(
                title=page.title if page else "A question that was taken down",
                choice_text=answer.choice_text,
                is_correct=answer.is_correct,
                is_repeat=answer.is_repeat,
                answered_at=answer.answered_at,
                when_label=_time_label(answer.answered_at, zone=zone, now=now),
                zone_name=zone.key,
                feedback_url=(
                    _answer_url(
                        delivery_id=answer.delivery_id, choice_id=answer.choice_id
                    )
                    if page is not None and page.live
                    else None
                ),
            )
        )
    return answered


def _mastery(*, learner: Learner, now: datetime) -> Mastery:
    states = (
        QuestionState.objects.filter(enrollment__learner=learner)
        .select_related("page", "enrollment__cohort")
        .order_by(F("next_due_on").asc(nulls_last=True), "pk")
    )
    # The repeat actually planned (after weekends and the daily cap), which
    # can be later than the date spacing asked for.
    planned = {}
    for enrollment_id, page_id, local_date in (
        Delivery.objects.filter(
            enrollment__learner=learner,
            status=DeliveryStatus.PENDING,
            showing__gt=1,
        )
        .order_by("-local_date")
        .values_list("enrollment_id", "page_id", "local_date")
    ):
        planned[(enrollment_id, page_id)] = local_date
    retired, in_progress = [], []
    for state in states:
        zone = _zone(
            learner=learner, cohort_zone_name=state.enrollment.cohort.time_zone
        )
        today = now.astimezone(zone).date()
        next_due = None
        if not state.retired:
            next_due = planned.get((state.enrollment_id, state.page_id))
            next_due = next_due or state.next_due_on
        item = QuestionMastery(
            title=state.page.title,
            retired=state.retired,
            correct_streak=state.correct_streak,
            next_due_on=next_due,
            next_due_label=_day_label(next_due, today=today) if next_due else "",
        )
        (retired if state.retired else in_progress).append(item)
    return Mastery(retired=retired, in_progress=in_progress)


def _score(*, learner: Learner) -> Score:
    answers = Answer.objects.filter(learner=learner)
    totals = answers.aggregate(
        answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True))
    )
    last_wrong = (
        answers.filter(is_correct=False)
        .order_by("-answered_at", "-pk")
        .values("answered_at", "pk")
        .first()
    )
    if last_wrong is None:
        streak = totals["correct"]
    else:
        streak = answers.filter(
            Q(answered_at__gt=last_wrong["answered_at"])
            | Q(answered_at=last_wrong["answered_at"], pk__gt=last_wrong["pk"])
        ).count()
    return Score(answered=totals["answered"], correct=totals["correct"], streak=streak)
