"""Changing live sessions: published changes, learners' questions, attendance.

Views, hooks and tasks parse input and call these; each raises
``SessionRejected`` with a message for the person when it can't be done, and
writes nothing in that case.
"""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from boosters.drip.notices import notice_queue
from boosters.models import DeliveryStatus, Enrollment, Notice, NoticeKind
from community.models import Thread
from community.prompts import thread_source
from live_sessions.models import (
    QUESTION_MAX_CHARS,
    Attendance,
    AttendanceSource,
    LiveSessionPage,
    SessionCalendar,
    SessionQuestion,
)
from live_sessions.selectors import invited_enrollments

# Line breaks and tabs are fine in a question; other control characters are not.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CSV_MAX_BYTES = 2 * 1024 * 1024
SUPERSEDED = "A newer change to the session replaces it."
SESSION_CANCELLED = "The session was cancelled."
_SESSION_NOTICES = (
    NoticeKind.SESSION_BEFORE,
    NoticeKind.SESSION_AFTER,
    NoticeKind.SESSION_RECORDING,
)


class SessionRejected(Exception):
    """What someone asked for can't be done; the message says why, for them.
    ``field`` names the form field it is about, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# -- published changes ---------------------------------------------------------


def session_fingerprint(*, page: LiveSessionPage) -> str:
    """A digest of what a calendar holds: title, times, join link, agenda and
    whether it is cancelled. Other edits (a typo in the intro) change nothing."""
    details = {
        "title": page.title,
        "starts_at": page.starts_at.isoformat() if page.starts_at else "",
        "ends_at": page.ends_at.isoformat() if page.ends_at else "",
        "join_url": page.join_url,
        "agenda": [dict(block.value.items()) for block in page.agenda],
        "cancelled": page.cancelled,
    }
    encoded = json.dumps(details, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


@dataclass
class PublishResult:
    """What a publish changed for the session's calendars."""

    sequence: int
    changed: bool = False
    notified: int = 0
    recording_attached: bool = False


def session_publish_record(*, page: LiveSessionPage, now: datetime) -> PublishResult:
    """Note a published version of ``page``; if what calendars hold changed,
    bump the sequence and queue an update (or a cancellation) to every learner
    whose invite was sent.

    Invites not sent yet simply go out with the newest details. Pending updates
    of an older sequence are cancelled: the newest one says it all. A first
    publish only records the state. Safe to call twice for the same publish.
    """
    with transaction.atomic():
        SessionCalendar.objects.get_or_create(page=page)
        calendar = SessionCalendar.objects.select_for_update().get(page=page)
        fingerprint = session_fingerprint(page=page)
        result = PublishResult(sequence=calendar.sequence)
        if page.recording_id and page.recording_id != calendar.recording_page_id:
            calendar.recording_page_id = page.recording_id
            calendar.recording_attached_at = now
            result.recording_attached = True
        if not page.recording_id:
            calendar.recording_page_id = None
        first = not calendar.fingerprint
        if first or calendar.fingerprint == fingerprint:
            calendar.fingerprint = fingerprint
            calendar.cancelled = page.cancelled
            calendar.save()
            return result
        calendar.sequence += 1
        calendar.fingerprint = fingerprint
        calendar.cancelled = page.cancelled
        calendar.save()
        result.sequence = calendar.sequence
        result.changed = True
        kind = (
            NoticeKind.SESSION_CANCEL if page.cancelled else NoticeKind.SESSION_UPDATE
        )
        Notice.objects.filter(
            kind__in=[NoticeKind.SESSION_UPDATE, NoticeKind.SESSION_CANCEL],
            subject_id=page.pk,
            status=DeliveryStatus.PENDING,
        ).update(status=DeliveryStatus.CANCELLED, status_reason=SUPERSEDED)
        if page.cancelled:
            session_notices_cancel(page=page, reason=SESSION_CANCELLED)
        for enrollment in invited_enrollments(page=page):
            queued = notice_queue(
                kind=kind,
                dedupe_key=(f"{kind}:{page.pk}:{calendar.sequence}:{enrollment.pk}"),
                due_at=now,
                learner=enrollment.learner,
                cohort=enrollment.cohort,
                subject_id=page.pk,
            )
            result.notified += queued is not None
    return result


# -- questions -----------------------------------------------------------------


def question_text_clean(text: str) -> str:
    """``text`` trimmed, or ``SessionRejected`` saying what to fix."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise SessionRejected(_("Write your question before sending it."), field="text")
    if _CONTROL.search(text):
        raise SessionRejected(
            _(
                "Your question contains a control character (pasted in by "
                "mistake?). Delete it and type the text again."
            ),
            field="text",
        )
    if len(text) > QUESTION_MAX_CHARS:
        raise SessionRejected(
            _("Keep your question to %(limit)s characters; it has %(count)s.")
            % {"limit": QUESTION_MAX_CHARS, "count": len(text)},
            field="text",
        )
    return text


def session_question_add(
    *,
    page: LiveSessionPage,
    enrollment: Enrollment,
    text: str,
    agenda_item_id: str,
    now: datetime,
) -> SessionQuestion:
    """Record a learner's question for the session, before or during it."""
    if page.cancelled:
        raise SessionRejected(_("The session was cancelled: questions are closed."))
    if page.is_over(now=now):
        raise SessionRejected(_("The session is over: questions are closed."))
    text = question_text_clean(text)
    titles = dict(page.agenda_items)
    if agenda_item_id and agenda_item_id not in titles:
        raise SessionRejected(
            _("That agenda item is no longer on the agenda. Choose another."),
            field="agenda_item",
        )
    return SessionQuestion.objects.create(
        page=page,
        enrollment=enrollment,
        agenda_item_id=agenda_item_id or "",
        agenda_item_title=titles.get(agenda_item_id, "")[:120],
        text=text,
    )


# -- attendance ----------------------------------------------------------------


def _attendance_write(*, page, enrollments, attended: bool, source, user, now) -> None:
    """Insert or update the marks of ``enrollments`` in one statement."""
    Attendance.objects.bulk_create(
        [
            Attendance(
                page=page,
                enrollment=enrollment,
                attended=attended,
                source=source,
                marked_by=user,
                marked_at=now,
            )
            for enrollment in enrollments
        ],
        update_conflicts=True,
        unique_fields=["page", "enrollment"],
        update_fields=["attended", "source", "marked_by", "marked_at"],
    )


def attendance_mark(
    *, page: LiveSessionPage, attended_ids: set[int], user, now: datetime
) -> int:
    """Mark every invited learner as attending (in ``attended_ids``, enrolment
    ids) or not; returns how many marks changed. Ids of learners who were not
    invited are ignored. A few queries, whatever the number of learners."""
    invited = list(invited_enrollments(page=page))
    existing = dict(
        Attendance.objects.filter(page=page).values_list("enrollment_id", "attended")
    )
    came, missed = [], []
    for enrollment in invited:
        attended = enrollment.pk in attended_ids
        if existing.get(enrollment.pk) is not attended:
            (came if attended else missed).append(enrollment)
    with transaction.atomic():
        for enrollments, attended in ((came, True), (missed, False)):
            if enrollments:
                _attendance_write(
                    page=page,
                    enrollments=enrollments,
                    attended=attended,
                    source=AttendanceSource.MANUAL,
                    user=user,
                    now=now,
                )
    return len(came) + len(missed)


@dataclass(frozen=True)
class CsvProblem:
    line: int
    value: str
    reason: str


@dataclass
class CsvImportResult:
    marked: int = 0
    already: int = 0
    problems: list[CsvProblem] = field(default_factory=list)


_EMAIL_HEADERS = ("email", "e-mail", "mail")


def _email_column(header: list[str]) -> int | None:
    names = [name.strip().lower() for name in header]
    for index, name in enumerate(names):
        if name in _EMAIL_HEADERS:
            return index
    for index, name in enumerate(names):
        if any(word in name for word in _EMAIL_HEADERS):
            return index
    return None


def _csv_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SessionRejected(
        _("The file is not text we can read. Save it as CSV (UTF-8) and try again.")
    )


def attendance_import_csv(
    *, page: LiveSessionPage, data: bytes, user, now: datetime
) -> CsvImportResult:
    """Mark as attending every invited learner whose email is in the CSV (an
    attendee report from Teams or Zoom, or a list with an email column).

    Rows that can't be used are listed with the reason and nothing is done with
    them; the good rows are all marked, in one transaction. A file with no
    email column, or one that is not text, is refused whole.
    """
    if len(data) > CSV_MAX_BYTES:
        raise SessionRejected(_("The file is larger than 2 MB; is it the right one?"))
    text = _csv_text(data)
    if "\x00" in text:
        raise SessionRejected(
            _("The file contains NUL characters: it is not a CSV file.")
        )
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    # Teams puts a summary above the attendee table: the header is the first
    # row that names an email column.
    header_at = next(
        (i for i, row in enumerate(rows) if _email_column(row) is not None), None
    )
    if header_at is None:
        raise SessionRejected(
            _("No email column found. The first row must name one, e.g. “Email”.")
        )
    column = _email_column(rows[header_at])
    invited = {
        enrollment.learner.email.lower(): enrollment
        for enrollment in invited_enrollments(page=page)
    }
    result = CsvImportResult()
    seen: set[str] = set()
    good: list[Enrollment] = []
    for offset, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell.strip() for cell in row):
            continue
        value = row[column].strip() if column < len(row) else ""
        shown = value[:254]
        if not value:
            result.problems.append(CsvProblem(offset, "", _("No email address.")))
            continue
        try:
            validate_email(value)
        except ValidationError:
            result.problems.append(
                CsvProblem(offset, shown, _("Not an email address."))
            )
            continue
        key = value.lower()
        if key in seen:
            result.problems.append(
                CsvProblem(offset, shown, _("Listed again: counted once."))
            )
            continue
        seen.add(key)
        enrollment = invited.get(key)
        if enrollment is None:
            result.problems.append(
                CsvProblem(offset, shown, _("Not an invited learner of this session."))
            )
            continue
        good.append(enrollment)
    marked_already = set(
        Attendance.objects.filter(
            page=page, attended=True, enrollment__in=good
        ).values_list("enrollment_id", flat=True)
    )
    new = [enrollment for enrollment in good if enrollment.pk not in marked_already]
    result.already = len(good) - len(new)
    if new:
        _attendance_write(
            page=page,
            enrollments=new,
            attended=True,
            source=AttendanceSource.CSV,
            user=user,
            now=now,
        )
    result.marked = len(new)
    return result


def session_notices_cancel(*, page: LiveSessionPage, reason: str) -> int:
    """Cancel the session's pending before/after/recording notices."""
    return Notice.objects.filter(
        Q(kind__in=_SESSION_NOTICES),
        subject_id=page.pk,
        status=DeliveryStatus.PENDING,
    ).update(status=DeliveryStatus.CANCELLED, status_reason=reason)


def discussion_thread_open(*, cohort, page) -> int | None:
    """The id of the thread ``page`` (a discussion question page) opened in
    ``cohort``'s space, opening it now if it has none; ``None`` if the page
    opens none (unpublished) or a facilitator hid the thread.

    The same thread a program step delivering the page would open
    (``community.prompts``): one per cohort and page, whoever opens it first.
    """
    source = thread_source(page)
    if source is None:
        return None
    now = timezone.now()
    # ignore_conflicts: the unique (cohort, source page) keeps the first one.
    Thread.objects.bulk_create(
        [
            Thread(
                cohort=cohort,
                source_page_id=page.pk,
                kind=source.kind,
                title=source.title,
                body_html=source.body_html,
                created_at=now,
                last_activity_at=now,
            )
        ],
        ignore_conflicts=True,
    )
    return (
        Thread.objects.filter(
            cohort=cohort, source_page_id=page.pk, hidden_at__isnull=True
        )
        .values_list("pk", flat=True)
        .first()
    )
