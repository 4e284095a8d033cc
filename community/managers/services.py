"""Line managers: who they are, who their people are, and their weekly digest.

Managers come from the roster: each learner's ``manager_name`` and
``manager_email``. A manager's people are the learners with an active enrolment
whose manager email matches theirs, whatever its case. Once a week, at 08:00
on Monday in the manager's time zone, each manager gets a digest of what their
people were sent, a few conversation starters and a tip on supporting transfer
to the job (``community.managers.digest`` builds the email). The digest covers
the full Monday-to-Sunday week before, on the manager's calendar
(``community.managers.weeks``), and names programs by their public title.

Privacy rules live in one pure function, ``community.managers.privacy``'s
``team_results_visible``, applied here so the email and the manager page can't
differ: a learner's own results appear only if they chose to share them on My
learning; team figures cover only the others, for at least ``GROUP_MINIMUM``
of them, banded near none and all.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Min, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.query import QuerySet
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wagtail.models import Page

from boosters.drip.dispatch import MANAGER_OPTED_OUT
from boosters.drip.links import page_absolute_url
from boosters.drip.notices import notice_queue
from boosters.models import (
    Answer,
    Delivery,
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    Learner,
    Manager,
    Notice,
    NoticeKind,
    Program,
)
from boosters.planning.scheduling import week_monday_at
from community.managers.privacy import MemberWeek, TeamResults, team_results_visible
from community.managers.tips import EVERGREEN_STARTERS, TRANSFER_TIPS
from community.managers.weeks import DigestWeek, digest_week
from home.models import TopicPage

DIGEST_TIME = time(8, 0)  # Monday, on the manager's wall clock
STARTERS_MIN = 2
STARTERS_MAX = 3
_UTC = ZoneInfo("UTC")
# Kept out of a greeting: "Hi Dr" greets nobody.
_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame"}


@dataclass(frozen=True)
class DigestItem:
    """A hub page one or more of the manager's people were sent this week."""

    title: str
    type_label: str
    url: str


@dataclass(frozen=True)
class Starter:
    """A conversation starter, and the hub topic its page is filed under
    (``topic_id`` ``None`` for an evergreen starter)."""

    text: str
    topic_id: int | None = None
    topic_title: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ManagerDigest:
    """Everything a manager may see about their people's week.

    The email and the manager page both render this, so both follow the same
    privacy rules: ``results`` is all they show of anyone's answers.
    """

    manager_name: str
    week: DigestWeek
    team_size: int
    items: list[DigestItem]
    starters: list[Starter]
    tip: str
    results: TeamResults
    program_titles: list[str]
    answered_total: int

    @property
    def has_activity(self) -> bool:
        """Whether anything happened this week that is worth an email."""
        return bool(self.items or self.answered_total)

    @property
    def greeting(self) -> str:
        """ "Hi Ravi", or just "Hi" when the roster gives no usable name."""
        return manager_greeting(name=self.manager_name)

    @property
    def programs_text(self) -> str:
        """The programs by their public titles, as a phrase."""
        titles = self.program_titles
        if not titles:
            return _("a Learning Hub program")
        # "A, B and C" in the reader's language ("A, B e C", "A, B y C").
        return get_text_list(titles, pgettext("list: the last two items", "and"))


def manager_greeting(*, name: str) -> str:
    """ "Hi" and the manager's first name: "Kumar, Ravi" and "Dr Ravi Kumar" are
    Ravi too. A name that is an email address, or none, greets with "Hi". In
    the active language ("Olá, Ravi")."""
    name = " ".join((name or "").split())
    if "@" in name:
        return pgettext("greeting without a name", "Hi")
    if "," in name:
        name = name.split(",", 1)[1].strip()
    words = [w for w in name.split() if w.rstrip(".").lower() not in _HONORIFICS]
    if not words:
        return pgettext("greeting without a name", "Hi")
    return pgettext("greeting", "Hi %(name)s") % {"name": words[0]}


def manager_zone(*, manager: Manager) -> ZoneInfo:
    """The zone a manager's digest is timed in; UTC if unset or unknown."""
    try:
        return ZoneInfo(manager.time_zone) if manager.time_zone else _UTC
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return _UTC


def digest_due(*, now: datetime, zone: ZoneInfo) -> tuple[str, datetime]:
    """The ISO week of ``now`` in ``zone`` (e.g. "2026-W11") and the UTC instant
    of that week's Monday 08:00 there, when its digest is due."""
    return week_monday_at(now=now, zone=zone, send_time=DIGEST_TIME)


def managers_sync() -> int:
    """Create or update a ``Manager`` for every manager email on the roster.

    Only learners with an active enrolment count. Emails match whatever their
    case. The name is the most common ``manager_name`` their people give, and
    the time zone the most common zone their people are timed in (the learner's
    own, else their cohort's). Idempotent, in a few queries whatever the roster's
    size. Returns how many managers were created or changed.
    """
    rows = (
        Enrollment.objects.filter(status=EnrollmentStatus.ACTIVE)
        .exclude(learner__manager_email="")
        .order_by("learner_id", "pk")
        .values_list(
            "learner_id",
            "learner__manager_email",
            "learner__manager_name",
            "learner__time_zone",
            "cohort__time_zone",
        )
    )
    # Manager key → learner id → (email as typed, name, effective zone).
    teams: dict[str, dict[int, tuple[str, str, str]]] = defaultdict(dict)
    for learner_id, email, name, learner_zone, cohort_zone in rows:
        email = email.strip()
        teams[email.lower()].setdefault(
            learner_id, (email, name.strip(), learner_zone or cohort_zone)
        )

    existing = {manager.email.lower(): manager for manager in Manager.objects.all()}
    to_create, to_update = [], []
    for key, team in teams.items():
        names = Counter(name for _, name, _ in team.values() if name)
        zones = Counter(zone for _, _, zone in team.values() if zone)
        manager = existing.get(key)
        if manager is None:
            first_email = next(iter(team.values()))[0]
            to_create.append(
                Manager(
                    email=first_email,
                    name=_most_common(names),
                    time_zone=_most_common(zones),
                )
            )
            continue
        name = _most_common(names) or manager.name
        zone = _most_common(zones) or manager.time_zone
        if (name, zone) != (manager.name, manager.time_zone):
            manager.name, manager.time_zone = name, zone
            to_update.append(manager)
    # A concurrent sync may have created the same manager: the row stands.
    Manager.objects.bulk_create(to_create, ignore_conflicts=True)
    Manager.objects.bulk_update(to_update, ["name", "time_zone"])
    return len(to_create) + len(to_update)


def _most_common(counter: Counter) -> str:
    # Ties go to the first seen, so repeated syncs agree.
    return counter.most_common(1)[0][0] if counter else ""


def manager_team(*, manager: Manager) -> QuerySet[Learner]:
    """The manager's people: learners with an active enrolment who name them."""
    return (
        Learner.objects.filter(
            manager_email__iexact=manager.email,
            enrollments__status=EnrollmentStatus.ACTIVE,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def _type_label(page) -> str:
    label = getattr(page, "content_type_label", "")
    return label or page._meta.verbose_name.capitalize()


def _prompts(page) -> list[str]:
    """The discussion prompts a page offers: a booster's, or a discussion's."""
    questions = getattr(page, "question_texts", None)
    if questions is not None:
        return [text.strip() for text in questions if text.strip()]
    prompt = (getattr(page, "discussion_prompt", "") or "").strip()
    return [prompt] if prompt else []


def _delivered_pages(*, manager: Manager, start: datetime, end: datetime) -> list:
    """Live pages sent to the manager's people in [start, end), first sent first."""
    first_sent = dict(
        Delivery.objects.filter(
            enrollment__learner__manager_email__iexact=manager.email,
            enrollment__status=EnrollmentStatus.ACTIVE,
            status=DeliveryStatus.SENT,
            sent_at__gte=start,
            sent_at__lt=end,
            page__isnull=False,
        )
        .values("page_id")
        .annotate(first_sent=Min("sent_at"))
        .values_list("page_id", "first_sent")
    )
    pages = Page.objects.filter(pk__in=first_sent).live().specific()
    return sorted(pages, key=lambda page: (first_sent[page.pk], page.pk))


def _page_topics(*, pages: list) -> dict[int, tuple[int, str]]:
    """Each page's topic (its parent, if a topic page): id and title, in one query."""
    if not pages:
        return {}
    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages}
    topics = {
        path: (pk, title)
        for pk, path, title in Page.objects.filter(
            path__in=set(parent_paths.values()),
            content_type=ContentType.objects.get_for_model(TopicPage),
        ).values_list("pk", "path", "title")
    }
    return {pk: topics[path] for pk, path in parent_paths.items() if path in topics}


def _starters(*, pages: list, week: int) -> list[Starter]:
    topics = _page_topics(pages=pages)
    starters: list[Starter] = []
    seen: set[str] = set()
    for page in pages:
        topic_id, topic_title = topics.get(page.pk, (None, ""))
        for prompt in _prompts(page):
            if prompt not in seen:
                seen.add(prompt)
                starters.append(Starter(prompt, topic_id, topic_title))
    starters = starters[:STARTERS_MAX]
    # Too few of the week's own: top up with evergreen ones, varied by week.
    offset = week % len(EVERGREEN_STARTERS)
    evergreen = EVERGREEN_STARTERS[offset:] + EVERGREEN_STARTERS[:offset]
    for text in evergreen:
        if len(starters) >= STARTERS_MIN:
            break
        starters.append(Starter(str(text)))  # in the manager's language
    return starters


def _topic_titles(*, page_ids: set[int]) -> dict[int, str]:
    """Each question page's topic (its parent page) title, in two queries."""
    paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "path"))
    parent_paths = {pk: path[: -Page.steplen] for pk, path in paths.items()}
    titles = dict(
        Page.objects.filter(path__in=set(parent_paths.values())).values_list(
            "path", "title"
        )
    )
    other = pgettext("topic", "Other")
    return {pk: titles.get(path, other) for pk, path in parent_paths.items()}


def _members_week(*, people: list[Learner], answers: list[dict]) -> list[MemberWeek]:
    """Each person's answers counted: all of them, and first answers by topic."""
    titles = _topic_titles(
        page_ids={
            answer["page_id"]
            for answer in answers
            if answer["showing"] == 1 and answer["page_id"] is not None
        }
    )
    other = pgettext("topic", "Other")
    answered: Counter = Counter()
    right_first: Counter = Counter()
    by_topic: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    for answer in answers:
        learner_id = answer["learner_id"]
        answered[learner_id] += 1
        if answer["showing"] != 1:
            continue
        right_first[learner_id] += answer["is_correct"]
        if answer["page_id"] is not None:
            counts = by_topic[learner_id][titles.get(answer["page_id"], other)]
            counts[0] += 1
            counts[1] += answer["is_correct"]
    return [
        MemberWeek(
            name=person.full_name,
            shares_results=person.share_results_with_manager,
            answered=answered[person.pk],
            right_first_time=right_first[person.pk],
            first_answers={
                title: (first, right)
                for title, (first, right) in by_topic[person.pk].items()
            },
        )
        for person in people
    ]


def manager_week(*, manager: Manager, now: datetime, week: date | None) -> DigestWeek:
    """The week starting ``week`` on ``manager``'s calendar, else the latest
    full week before ``now``."""
    return digest_week(now=now, zone=manager_zone(manager=manager), monday=week)


def manager_digest(
    *,
    manager: Manager,
    now: datetime,
    week: date | None = None,
    current: bool = False,
) -> ManagerDigest:
    """What ``manager``'s people were sent and did in one Monday-to-Sunday week
    on the manager's calendar: the one starting ``week`` (a Monday), with
    ``current`` the week ``now`` is in, else the latest full week before
    ``now``. The current week counts up to ``now``.

    Runs a fixed number of queries whatever the team's size.
    """
    zone = manager_zone(manager=manager)
    if current:
        week = now.astimezone(zone).date()
    covered = digest_week(now=now, zone=zone, monday=week)
    start, end = covered.start, covered.end
    week_number = covered.monday.isocalendar().week
    people = list(
        manager_team(manager=manager).only(
            "first_name", "last_name", "share_results_with_manager"
        )
    )
    pages = _delivered_pages(manager=manager, start=start, end=end) if people else []
    answers = list(
        Answer.objects.filter(
            learner__manager_email__iexact=manager.email,
            delivery__enrollment__status=EnrollmentStatus.ACTIVE,
            answered_at__gte=start,
            answered_at__lt=end,
        ).values("learner_id", "page_id", "is_correct", "showing")
        if people
        else []
    )
    results = team_results_visible(
        members=_members_week(people=people, answers=answers)
    )
    return ManagerDigest(
        manager_name=manager.name,
        week=covered,
        team_size=len(people),
        items=[
            DigestItem(
                title=page.title,
                type_label=_type_label(page),
                url=page_absolute_url(page),
            )
            for page in pages
        ],
        starters=_starters(pages=pages, week=week_number),
        tip=str(TRANSFER_TIPS[week_number % len(TRANSFER_TIPS)]),
        results=results,
        program_titles=_program_titles(manager=manager) if people else [],
        answered_total=len(answers),
    )


def _program_titles(*, manager: Manager) -> list[str]:
    """The public titles (else names) of the programs the manager's people are in."""
    return list(
        Program.objects.filter(
            cohorts__enrollments__status=EnrollmentStatus.ACTIVE,
            cohorts__enrollments__learner__manager_email__iexact=manager.email,
        )
        .annotate(title=Coalesce(NullIf(F("public_title"), Value("")), F("name")))
        .order_by("title")
        .values_list("title", flat=True)
        .distinct()
    )


def manager_digests_plan(*, now: datetime) -> int:
    """Sync managers from the roster, then queue this week's digest for each.

    A digest is due at Monday 08:00 in the manager's zone (UTC if unknown) of
    the current ISO week there; if that has passed and none was queued this
    week, it is due at once. Managers who opted out or have nobody in an active
    cohort get nothing. Idempotent: the week is in the dedupe key. Returns how
    many digests were queued.
    """
    managers_sync()
    with_people = {
        email.lower()
        for email in Learner.objects.filter(enrollments__status=EnrollmentStatus.ACTIVE)
        .exclude(manager_email="")
        .values_list("manager_email", flat=True)
        .distinct()
    }
    planned = []
    for manager in Manager.objects.filter(opted_out_at__isnull=True):
        if manager.email.lower() not in with_people:
            continue
        week, due_at = digest_due(now=now, zone=manager_zone(manager=manager))
        planned.append((manager, f"manager_digest:{manager.pk}:{week}", due_at))
    # Skip the ones already queued without an insert attempt each.
    queued_before = set(
        Notice.objects.filter(
            dedupe_key__in=[key for _, key, _ in planned]
        ).values_list("dedupe_key", flat=True)
    )
    queued = 0
    for manager, key, due_at in planned:
        if key in queued_before:
            continue
        notice = notice_queue(
            kind=NoticeKind.MANAGER_DIGEST,
            manager=manager,
            dedupe_key=key,
            due_at=due_at,
        )
        queued += notice is not None
    return queued


def manager_opt_out(*, manager: Manager, now: datetime | None = None) -> int:
    """Stop digests to ``manager`` and cancel any still queued.

    Idempotent: a manager who already opted out keeps the original date.
    Returns how many queued digests were cancelled.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if manager.opted_out_at is None:
            manager.opted_out_at = now
            manager.save(update_fields=["opted_out_at"])
        return Notice.objects.filter(
            manager=manager, status=DeliveryStatus.PENDING
        ).update(
            status=DeliveryStatus.CANCELLED,
            status_reason=MANAGER_OPTED_OUT,
            updated_at=now,
        )


def learner_share_results_set(*, learner: Learner, share: bool) -> None:
    """Record whether ``learner`` shows their own results to their manager."""
    if learner.share_results_with_manager != share:
        learner.share_results_with_manager = share
        learner.save(update_fields=["share_results_with_manager"])
