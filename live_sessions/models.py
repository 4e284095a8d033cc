"""Live sessions' data: the invite's calendar state, learners' questions, attendance.

The page model lives in ``live_sessions.pages`` and is imported here so Django
finds it. How these rows change is decided in ``live_sessions.services``.
"""

from django.conf import settings
from django.db import models

from boosters.models import Enrollment
from live_sessions.pages import AgendaItemBlock, LiveSessionPage

__all__ = [
    "AgendaItemBlock",
    "Attendance",
    "AttendanceSource",
    "LiveSessionPage",
    "SessionCalendar",
    "SessionQuestion",
]

QUESTION_MAX_CHARS = 1000


class SessionCalendar(models.Model):
    """What every invited calendar holds for a session: its sequence and the
    fingerprint of the published details it was built from.

    Kept outside the page on purpose: a page field would be copied into each
    revision, and publishing an older draft would set the sequence back, so a
    calendar would ignore the next update as stale.
    """

    page = models.OneToOneField(
        LiveSessionPage, on_delete=models.CASCADE, related_name="calendar"
    )
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    cancelled = models.BooleanField(default=False)
    recording_page_id = models.PositiveIntegerField(null=True, blank=True)
    recording_attached_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.page} (sequence {self.sequence})"


class SessionQuestion(models.Model):
    """A question a learner sent in for the session, before or during it."""

    page = models.ForeignKey(
        LiveSessionPage, on_delete=models.CASCADE, related_name="questions"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="session_questions"
    )
    # The agenda item the learner filed it under (a StreamField block id), and
    # its title then, so the question keeps its place if the agenda changes.
    agenda_item_id = models.CharField(max_length=64, blank=True)
    agenda_item_title = models.CharField(max_length=120, blank=True)
    text = models.TextField(max_length=QUESTION_MAX_CHARS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Question from {self.enrollment.learner} on {self.page}"


class AttendanceSource(models.TextChoices):
    MANUAL = "manual", "Marked by the facilitator"
    CSV = "csv", "Imported from an attendee report"


class Attendance(models.Model):
    """Whether an invited learner came to the session, and who said so."""

    page = models.ForeignKey(
        LiveSessionPage, on_delete=models.CASCADE, related_name="attendance"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="session_attendance"
    )
    attended = models.BooleanField(default=False)
    source = models.CharField(
        max_length=8, choices=AttendanceSource.choices, default=AttendanceSource.MANUAL
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "enrollment"], name="live_sessions_attendance_unique"
            )
        ]
        # Held by facilitators and L&D leads (demo groups), besides the page's
        # own facilitator, who may always run their session.
        permissions = [
            (
                "run_live_sessions",
                "Can run live sessions: read learners' questions, mark attendance",
            )
        ]

    def __str__(self):
        state = "attended" if self.attended else "absent"
        return f"{self.enrollment.learner} {state} {self.page}"
