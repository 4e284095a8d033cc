"""The pulse question: one short question to enrolled learners before the course.

A program may ask it (``Program.pulse_question``, e.g. "What do you most want
to get out of this course?"). It goes ``pulse_days_before`` days before the
cohort's course end date, at the cohort's send time in the learner's zone, on
the working day before if that falls on the cohort's weekend. The email's
button opens a signed answer page; mail scanners open every link, so opening
it records nothing and the learner's own submit does. The first answer counts.
Editors and facilitators read the answers in the "Pulse responses" admin list.
"""

from datetime import date, datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from boosters.drip.links import absolute_url
from boosters.drip.tokens import LinkInvalid, payload_id, signed_payload
from boosters.models import (
    DeliveryStatus,
    Enrollment,
    EnrollmentStatus,
    Notice,
    NoticeKind,
    SubscriptionStatus,
)
from boosters.planning.scheduling import local_to_utc
from community.digests import enrollment_zone, notices_queue_bulk
from community.models import PulseResponse

PULSE_SALT = "community.pulse"
# A pulse planned late (a new enrolment, a planner that was down) still goes
# if it was due at most this long ago; after that the course has moved on.
PULSE_GRACE = timedelta(days=2)
ANSWER_MAX_CHARS = PulseResponse._meta.get_field("answer").max_length

__all__ = [
    "LinkInvalid",
    "PulseRejected",
    "pulse_answer_record",
    "pulse_answer_url",
    "pulse_due",
    "pulse_enrollment_from_token",
    "pulse_plan",
    "pulse_token",
]


class PulseRejected(Exception):
    """An answer that can't be recorded; the message says why, for the learner."""


def previous_working_day(*, day: date, weekend: frozenset[int]) -> date:
    """``day`` if it is a working day, else the last working day before it."""
    if len(weekend) >= 7:
        raise ValueError("A weekend of all seven days leaves no working day")
    while day.isoweekday() in weekend:
        day -= timedelta(days=1)
    return day


def pulse_due(*, enrollment: Enrollment) -> datetime:
    """When the pulse question goes to ``enrollment``'s learner, in UTC."""
    cohort = enrollment.cohort
    day = cohort.anchor_date - timedelta(days=cohort.program.pulse_days_before)
    if cohort.working_days_only:
        day = previous_working_day(day=day, weekend=cohort.weekend_days)
    return local_to_utc(
        local_date=day,
        send_time=cohort.send_time,
        zone=enrollment_zone(enrollment=enrollment),
    )


def pulse_plan(*, now: datetime) -> int:
    """Queue the pulse question for each active enrolment that should get it.

    Cohorts whose program asks one, not paused, with subscribed learners who
    have not answered yet; due ``pulse_days_before`` days before the anchor,
    queued if that is still ahead or at most ``PULSE_GRACE`` ago. Pending pulses
    whose due time moved (the cohort's dates changed) are re-timed. Idempotent
    (one per enrolment) and bulk: a few queries whatever the number of learners.
    Returns how many were queued.
    """
    # The due date is at least a day before the anchor, so older cohorts are out.
    earliest_anchor = (now - PULSE_GRACE - timedelta(days=1)).date()
    enrollments = (
        Enrollment.objects.filter(
            status=EnrollmentStatus.ACTIVE,
            learner__subscription=SubscriptionStatus.SUBSCRIBED,
            cohort__paused=False,
            cohort__anchor_date__gte=earliest_anchor,
            pulse_response__isnull=True,
        )
        .exclude(cohort__program__pulse_question="")
        .select_related("learner", "cohort__program")
    )
    planned = []
    for enrollment in enrollments:
        due_at = pulse_due(enrollment=enrollment)
        if due_at < now - PULSE_GRACE:
            continue
        planned.append(
            Notice(
                kind=NoticeKind.PULSE,
                dedupe_key=f"pulse:{enrollment.pk}",
                due_at=due_at,
                learner=enrollment.learner,
                cohort=enrollment.cohort,
                subject_id=enrollment.cohort.program_id,
            )
        )
    _pending_retime(planned)
    return notices_queue_bulk(notices=planned)


def _pending_retime(planned: list[Notice]) -> None:
    """Move pending pulses whose planned time changed; two queries at most."""
    due = {notice.dedupe_key: notice.due_at for notice in planned}
    moved = []
    for notice in Notice.objects.filter(
        dedupe_key__in=list(due), status=DeliveryStatus.PENDING
    ).only("pk", "dedupe_key", "due_at"):
        if notice.due_at != due[notice.dedupe_key]:
            notice.due_at = due[notice.dedupe_key]
            moved.append(notice)
    if moved:
        Notice.objects.bulk_update(moved, ["due_at"])


def pulse_token(*, enrollment: Enrollment) -> str:
    """A URL-safe token that opens ``enrollment``'s pulse answer page."""
    return signing.dumps({"e": enrollment.pk}, salt=PULSE_SALT, compress=False)


def pulse_answer_url(*, enrollment: Enrollment) -> str:
    """The absolute link to ``enrollment``'s pulse answer page."""
    token = pulse_token(enrollment=enrollment)
    return absolute_url(reverse("community_pulse_answer", kwargs={"token": token}))


def pulse_enrollment_from_token(token: str) -> Enrollment:
    """The enrolment a pulse token names, with its learner, cohort and program.

    Raises ``LinkInvalid`` if the token was tampered with, is of another kind,
    or names an enrolment that no longer exists. Pulse links don't expire.
    """
    payload = signed_payload(token, salt=PULSE_SALT, max_age=None)
    enrollment = (
        Enrollment.objects.select_related("learner", "cohort__program")
        .filter(pk=payload_id(payload, "e"))
        .first()
    )
    if enrollment is None:
        raise LinkInvalid("Unknown enrolment.")
    return enrollment


def pulse_answer_record(
    *, enrollment: Enrollment, answer: str, now: datetime
) -> tuple[PulseResponse, bool]:
    """Record ``enrollment``'s answer to its program's pulse question.

    The first answer counts: if there is one already, it is returned unchanged
    with ``False``. Raises ``PulseRejected`` for an empty or overlong answer,
    a withdrawn learner, or a program that no longer asks a question.
    """
    existing = PulseResponse.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing, False
    question = enrollment.cohort.program.pulse_question.strip()
    if not question:
        raise PulseRejected(_("This question is no longer being asked."))
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise PulseRejected(_("You are no longer enrolled in this course."))
    answer = (answer or "").replace("\r\n", "\n").strip()
    if not answer:
        raise PulseRejected(_("Write a few words before you send your answer."))
    if len(answer) > ANSWER_MAX_CHARS:
        raise PulseRejected(
            _("Keep your answer under %(limit)s characters; it has %(length)s.")
            % {"limit": ANSWER_MAX_CHARS, "length": len(answer)}
        )
    try:
        with transaction.atomic():
            response = PulseResponse.objects.create(
                enrollment=enrollment, question=question, answer=answer, answered_at=now
            )
    except IntegrityError:  # two submits at once: the first one counts
        return PulseResponse.objects.get(enrollment=enrollment), False
    return response, True
