"""Reading live sessions: who is invited, who may ask, who may run one, figures."""

from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boosters.analytics.privacy import GROUP_MINIMUM, GroupShare, group_share
from boosters.learners.sign_in import learner_from_request
from boosters.models import (
    Cohort,
    Delivery,
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    ProgramStep,
)
from boosters.planning.scheduling import learner_zone
from community.prompts import discussion_thread_path
from live_sessions.models import (
    Attendance,
    LiveSessionPage,
    SessionCalendar,
    SessionQuestion,
)

RUN_PERMISSION = "live_sessions.run_live_sessions"
GENERAL = "General"


def enrollment_zone(enrollment: Enrollment) -> ZoneInfo:
    """The learner's own zone, else their cohort's; UTC if neither is known."""
    try:
        return learner_zone(
            learner_zone_name=enrollment.learner.time_zone,
            cohort_zone_name=enrollment.cohort.time_zone,
        )
    except ValueError:
        return ZoneInfo("UTC")


def session_calendar(*, page: LiveSessionPage) -> SessionCalendar:
    """The session's calendar state (sequence 0 until its first change)."""
    calendar = SessionCalendar.objects.filter(page=page).first()
    return calendar or SessionCalendar(page=page)


def session_steps(*, page_ids) -> QuerySet[ProgramStep]:
    """The program steps that send these sessions."""
    return ProgramStep.objects.filter(page_id__in=list(page_ids))


def session_enrollments(*, page: LiveSessionPage) -> QuerySet[Enrollment]:
    """Active enrolments in the cohorts whose program has the session as a step."""
    programs = session_steps(page_ids=[page.pk]).values("program_id")
    return Enrollment.objects.filter(
        status=EnrollmentStatus.ACTIVE, cohort__program_id__in=programs
    ).select_related("learner", "cohort")


def invited_enrollments(*, page: LiveSessionPage) -> QuerySet[Enrollment]:
    """Active enrolments whose invite to the session was sent."""
    invited = Delivery.objects.filter(
        page_id=page.pk, status=DeliveryStatus.SENT
    ).values("enrollment_id")
    return (
        Enrollment.objects.filter(status=EnrollmentStatus.ACTIVE, pk__in=invited)
        .select_related("learner", "cohort")
        .order_by("cohort__name", "learner__last_name", "learner__first_name", "pk")
    )


def learner_session_enrollment(*, page: LiveSessionPage, learner) -> Enrollment | None:
    """``learner``'s enrolment in a cohort that has the session, or ``None``."""
    if learner is None:
        return None
    return session_enrollments(page=page).filter(learner=learner).first()


def user_can_run_session(*, user, page: LiveSessionPage) -> bool:
    """The page's facilitator, and holders of ``run_live_sessions``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return page.facilitator_id == user.pk or user.has_perm(RUN_PERMISSION)


def sessions_run_by(*, user) -> QuerySet[LiveSessionPage]:
    """The sessions ``user`` may run, soonest first."""
    sessions = LiveSessionPage.objects.all().order_by("starts_at", "pk")
    if user.has_perm(RUN_PERMISSION):
        return sessions
    return sessions.filter(facilitator=user)


# -- the learner's page ------------------------------------------------------


def session_page_context(*, page: LiveSessionPage, request) -> dict:
    """What the session page shows the person looking at it.

    A signed-in learner in one of its cohorts sees times in their own zone,
    the question form and, after the session, their cohort's discussion;
    anyone else sees the organiser's times, the zone named.
    """
    learner = learner_from_request(request)
    enrollment = learner_session_enrollment(page=page, learner=learner)
    zone = enrollment_zone(enrollment) if enrollment else page.organiser_zone
    now = timezone.now()
    post_thread_url = pre_thread_url = ""
    if enrollment is not None:
        if page.pre_discussion_id:
            pre_thread_url = (
                discussion_thread_path(
                    cohort=enrollment.cohort, page=page.pre_discussion
                )
                or ""
            )
        if page.post_discussion_id and page.is_over(now=now):
            post_thread_url = (
                discussion_thread_path(
                    cohort=enrollment.cohort, page=page.post_discussion
                )
                or ""
            )
    my_questions = (
        list(SessionQuestion.objects.filter(page=page, enrollment=enrollment))
        if enrollment
        else []
    )
    return {
        "session_enrollment": enrollment,
        "session_zone": zone,
        "session_time": page.time_label(zone),
        "organiser_time": page.time_label(),
        "own_zone": enrollment is not None,
        "is_over": page.is_over(now=now),
        "is_running": page.is_running(now=now),
        "asking_open": not page.cancelled and not page.is_over(now=now),
        "assignment_due": (
            page.assignment_due_at.astimezone(zone) if page.ends_at else None
        ),
        "pre_thread_url": pre_thread_url,
        "post_thread_url": post_thread_url,
        "my_questions": my_questions,
        "question_url": reverse("live_session_question", kwargs={"page_id": page.pk}),
    }


# -- the facilitator's views ---------------------------------------------------


@dataclass
class QuestionGroup:
    """Questions filed under one agenda item (or "General")."""

    title: str
    questions: list[SessionQuestion] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.questions)


def questions_grouped(*, page: LiveSessionPage) -> list[QuestionGroup]:
    """The session's questions by agenda item, in agenda order, "General" last;
    within a group, oldest first. One query."""
    groups: dict[str, QuestionGroup] = {
        block_id: QuestionGroup(title=title) for block_id, title in page.agenda_items
    }
    general = QuestionGroup(title=GENERAL)
    by_title = {group.title: group for group in groups.values()}
    questions = SessionQuestion.objects.filter(page=page).select_related(
        "enrollment__learner", "enrollment__cohort"
    )
    for question in questions:
        group = groups.get(question.agenda_item_id)
        if group is None and question.agenda_item_title:
            # The item was edited away: keep it with its old title.
            group = by_title.get(question.agenda_item_title)
            if group is None:
                group = by_title[question.agenda_item_title] = QuestionGroup(
                    title=question.agenda_item_title
                )
                groups[f"old:{question.agenda_item_title}"] = group
        (group or general).questions.append(question)
    ordered = [group for group in groups.values() if group.questions]
    if general.questions:
        ordered.append(general)
    return ordered


@dataclass
class AttendanceRow:
    enrollment: Enrollment
    attended: bool
    source: str


@dataclass
class AttendanceCohort:
    cohort: Cohort
    rows: list[AttendanceRow]

    @property
    def attended_count(self) -> int:
        return sum(row.attended for row in self.rows)


def attendance_by_cohort(*, page: LiveSessionPage) -> list[AttendanceCohort]:
    """Every invited learner, by cohort, ticked if marked as attending. Two queries."""
    marks = {
        a.enrollment_id: a
        for a in Attendance.objects.filter(page=page).only(
            "enrollment_id", "attended", "source"
        )
    }
    cohorts: dict[int, AttendanceCohort] = {}
    for enrollment in invited_enrollments(page=page):
        mark = marks.get(enrollment.pk)
        entry = cohorts.setdefault(
            enrollment.cohort_id, AttendanceCohort(cohort=enrollment.cohort, rows=[])
        )
        entry.rows.append(
            AttendanceRow(
                enrollment=enrollment,
                attended=bool(mark and mark.attended),
                source=mark.get_source_display() if mark else "",
            )
        )
    return list(cohorts.values())


# -- analytics -----------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceFigure:
    """Attendance of one group (a session, a cohort or an office)."""

    label: str
    invited: int
    attended: int

    @property
    def share(self) -> GroupShare | None:
        """The share that may be shown; ``None`` for a group under the minimum."""
        if self.invited < GROUP_MINIMUM:
            return None
        return group_share(part=self.attended, whole=self.invited)

    @property
    def text(self) -> str:
        share = self.share
        if share is None:
            return _("fewer than %(minimum)s invited: not shown") % {
                "minimum": GROUP_MINIMUM
            }
        return share.of_whole


@dataclass
class SessionAttendance:
    page: LiveSessionPage
    total: AttendanceFigure
    cohorts: list[AttendanceFigure]
    offices: list[AttendanceFigure]


def attendance_report() -> list[SessionAttendance]:
    """Attendance per session, and per cohort and office within it.

    Invited: learners whose invite was sent. Groups under ``GROUP_MINIMUM``
    show no figure (``AttendanceFigure.text``). Three queries in all.
    """
    attended = Q(
        enrollment__session_attendance__attended=True,
        # The attendance of the same session as the delivery.
        enrollment__session_attendance__page_id=F("page_id"),
    )
    rows = (
        Delivery.objects.filter(
            page_id__in=LiveSessionPage.objects.values("pk"),
            status=DeliveryStatus.SENT,
        )
        .values("page_id", "enrollment__cohort__name", "enrollment__learner__office")
        .annotate(
            invited=Count("enrollment", distinct=True),
            came=Count("enrollment", filter=attended, distinct=True),
        )
    )
    pages = {p.pk: p for p in LiveSessionPage.objects.order_by("starts_at", "pk")}
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    cohorts: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    offices: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    for row in rows:
        page_id = row["page_id"]
        for bucket in (
            totals[page_id],
            cohorts[page_id][row["enrollment__cohort__name"]],
            offices[page_id][row["enrollment__learner__office"] or _("No office")],
        ):
            bucket[0] += row["invited"]
            bucket[1] += row["came"]

    def figures(groups: dict[str, list[int]]) -> list[AttendanceFigure]:
        return [
            AttendanceFigure(label=label, invited=invited, attended=came)
            for label, (invited, came) in sorted(groups.items())
        ]

    return [
        SessionAttendance(
            page=page,
            total=AttendanceFigure(
                label=page.title, invited=totals[pk][0], attended=totals[pk][1]
            ),
            cohorts=figures(cohorts[pk]),
            offices=figures(offices[pk]),
        )
        for pk, page in pages.items()
        if pk in totals
    ]
