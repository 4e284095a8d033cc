"""Notices: emails that are not program content, queued for the same dispatcher.

Community notifications (a reply to your thread, your answer accepted), the
weekly cohort-space digest, the weekly manager digest and the pre-course pulse
question are all notices. Each kind registers a message builder
(``boosters.drip.notices``); the dispatcher claims, sends, retries and records them
exactly as it does drip deliveries.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from boosters.models.deliveries import OutboundEmail
from boosters.models.learners import Learner
from boosters.models.programs import Cohort
from hub.text import SingleLineFieldsMixin


class Manager(SingleLineFieldsMixin, models.Model):
    """A learner's line manager, from the roster's manager columns.

    Managers have no account: they get a weekly digest and a signed link to a
    read-only page about their own people. One click opts them out.
    """

    single_line_fields = ("name",)

    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=150, blank=True)
    time_zone = models.CharField(
        max_length=64, blank=True, help_text="Where their digest is timed; else UTC."
    )
    language = models.CharField(
        max_length=12,
        blank=True,
        choices=settings.LANGUAGES,
        help_text="The language of their digest. Empty: their team's language.",
    )
    opted_out_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="boosters_manager_email_ci_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email


class NoticeKind(models.TextChoices):
    REPLY = "reply", "Reply to your thread"
    ACCEPTED = "accepted", "Your reply was accepted"
    COHORT_DIGEST = "cohort_digest", "Weekly cohort space digest"
    MANAGER_DIGEST = "manager_digest", "Weekly manager digest"
    PULSE = "pulse", "Pre-course pulse question"
    SESSION_UPDATE = "session_update", "Live session changed (calendar update)"
    SESSION_CANCEL = "session_cancel", "Live session cancelled"
    SESSION_BEFORE = "session_before", "Live session: discussion a week before"
    SESSION_AFTER = "session_after", "Live session: discussion and practice after"
    SESSION_RECORDING = "session_recording", "Live session recording"


class Notice(OutboundEmail):
    """One queued email to a learner or a manager about something other than content.

    ``dedupe_key`` is unique, so planning the same notice twice (a weekly
    digest planned by two ticks, a reply notified twice) queues it once.
    ``subject_id`` names what it is about (a post, a thread, a program),
    interpreted by its kind's builder.
    """

    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    learner = models.ForeignKey(
        Learner,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    manager = models.ForeignKey(
        Manager,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="boosters_notice_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(learner__isnull=False)
                | models.Q(manager__isnull=False),
                name="boosters_notice_has_recipient",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient_email} ({self.status})"

    @property
    def recipient_email(self) -> str:
        if self.learner_id:
            return self.learner.email
        return self.manager.email
