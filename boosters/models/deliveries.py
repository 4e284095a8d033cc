"""Deliveries: one email of a program to one learner, and what happened to it."""

from django.db import models

from boosters.models.learners import Enrollment
from boosters.models.programs import ProgramStep


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"
    CANCELLED = "cancelled", "Cancelled"


class OutboundEmail(models.Model):
    """What the dispatcher needs of any queued email: when, and what happened.

    Drip deliveries and notices (community notifications, digests) share it,
    so both get the same claim, retry, backoff and stale-claim recovery.
    """

    due_at = models.DateTimeField(help_text="When it is due, in UTC.")
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    status_reason = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Set by the conditional update that claims the row, so a tick knows which
    # rows it won; a row is claimed by exactly one tick.
    claim_token = models.CharField(max_length=32, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Delivery(OutboundEmail):
    """One email: a step of a program for one enrolment, due at one instant.

    ``page`` keeps what was (or will be) sent even if the step is later removed,
    so history survives program edits. ``showing`` is 1 for a step's first
    email and 2, 3, ... for spaced repeats of its question.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="deliveries"
    )
    step = models.ForeignKey(
        ProgramStep,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    showing = models.PositiveSmallIntegerField(
        default=1, help_text="1 for the first email of a step, 2+ for repeats."
    )
    # The page revision that was sent, so answers are read against its wording.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    local_date = models.DateField(help_text="The learner-local date it is due.")
    # Set when a question is sent, cleared when it is answered or missed: the
    # expiry sweep reads only rows still waiting for an answer.
    answer_due_by = models.DateTimeField(null=True, blank=True)
    missed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["due_at"]
        constraints = [
            # One delivery per enrolment, step and showing; NULL steps (removed)
            # don't clash.
            models.UniqueConstraint(
                fields=["enrollment", "step", "showing"],
                name="boosters_delivery_unique_showing",
            )
        ]
        indexes = [
            # The drip tick looks for due pending deliveries.
            models.Index(fields=["status", "due_at"], name="boosters_delivery_due"),
            models.Index(
                fields=["answer_due_by"],
                condition=models.Q(answer_due_by__isnull=False),
                name="boosters_delivery_awaiting",
            ),
        ]

    def __str__(self):
        return f"{self.page} to {self.enrollment.learner.email} ({self.status})"

    @property
    def is_repeat(self) -> bool:
        return self.showing > 1
