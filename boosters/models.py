"""The booster engine's data: programs, cohorts, learners, enrolments, deliveries.

Page models live in ``boosters.pages`` and are imported here so Django finds them.
How these rows change is decided in services (plan sync, dispatch), not here.
"""

from datetime import time
from functools import cache
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from boosters.pages import BoosterChoice, BoosterQuestionPage, BoosterQuestionPageTag

DRIPPABLE_PAGE_TYPES = [
    "home.ArticlePage",
    "home.ScreencastPage",
    "boosters.BoosterQuestionPage",
]


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_time_zone(value: str) -> None:
    """Accept only IANA time zone names, such as Europe/London."""
    if value and value not in _time_zones():
        raise ValidationError(
            f"“{value}” is not a time zone we know. Use an IANA name such as "
            "Europe/London or America/Sao_Paulo."
        )


class Program(ClusterableModel):
    """A named series of hub pages sent one at a time after a course ends."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        InlinePanel("steps", heading="Steps", label="Step"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgramStep(Orderable):
    """One item of a program: a live hub page sent ``day_offset`` days after the anchor."""

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="steps")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="+"
    )
    day_offset = models.PositiveSmallIntegerField(
        help_text="Days after the cohort's anchor date (the course end date)."
    )
    send_time = models.TimeField(
        null=True,
        blank=True,
        help_text="Local send time for this step. Empty: the cohort's send time.",
    )

    panels = [
        PageChooserPanel("page", page_type=DRIPPABLE_PAGE_TYPES),
        FieldPanel("day_offset"),
        FieldPanel("send_time"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "program step"

    def __str__(self):
        return f"Day {self.day_offset}: {self.page.title}"


class Weekend(models.TextChoices):
    """Which days a cohort does not work; ISO weekday numbers (Mon=1)."""

    SAT_SUN = "6,7", "Saturday and Sunday"
    FRI_SAT = "5,6", "Friday and Saturday"
    FRI = "5", "Friday only"
    SUN = "7", "Sunday only"


class Cohort(models.Model):
    """Alumni of one course run, who receive a program on the same plan."""

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    region = models.CharField(
        "office or region", max_length=120, blank=True, help_text="e.g. São Paulo"
    )
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        help_text="IANA time zone, e.g. America/New_York.",
    )
    anchor_date = models.DateField(help_text="The course end date; day 0 of the plan.")
    send_time = models.TimeField(default=time(9, 0), help_text="Local send time.")
    working_days_only = models.BooleanField(
        default=True,
        help_text="Move sends that fall on the weekend to the next working day.",
    )
    weekend = models.CharField(
        max_length=8, choices=Weekend.choices, default=Weekend.SAT_SUN
    )
    paused = models.BooleanField(
        default=False, help_text="A paused cohort receives nothing until resumed."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("program"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("time_zone"),
        FieldPanel("anchor_date"),
        FieldPanel("send_time"),
        FieldPanel("working_days_only"),
        FieldPanel("weekend"),
        FieldPanel("paused"),
    ]

    class Meta:
        ordering = ["-anchor_date", "name"]

    def __str__(self):
        return self.name

    @property
    def weekend_days(self) -> frozenset[int]:
        return frozenset(int(day) for day in self.weekend.split(","))


class SubscriptionStatus(models.TextChoices):
    SUBSCRIBED = "subscribed", "Subscribed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    SUPPRESSED = "suppressed", "Suppressed (mail bounced)"


class Learner(models.Model):
    """An alumnus who receives drip emails. Email is unique, whatever its case."""

    email = models.EmailField(max_length=254)
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Overrides the cohort's time zone when set.",
    )
    office = models.CharField(max_length=120, blank=True)
    manager_name = models.CharField(max_length=150, blank=True)
    manager_email = models.EmailField(blank=True)
    subscription = models.CharField(
        max_length=16,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.SUBSCRIBED,
    )
    subscription_changed_at = models.DateTimeField(null=True, blank=True)
    subscription_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("email"),
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("time_zone"),
        FieldPanel("office"),
        FieldPanel("manager_name"),
        FieldPanel("manager_email"),
        FieldPanel("subscription"),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="boosters_learner_email_ci_unique",
                violation_error_message="A learner with this email already exists.",
            )
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class EnrollmentStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Enrollment(models.Model):
    """A learner's place in a cohort."""

    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="enrollments"
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrollments"
    )
    status = models.CharField(
        max_length=16, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "cohort"], name="boosters_enrollment_unique"
            )
        ]

    def __str__(self):
        return f"{self.learner} in {self.cohort}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"
    CANCELLED = "cancelled", "Cancelled"


class Delivery(models.Model):
    """One email: a step of a program for one enrolment, due at one instant.

    ``page`` keeps what was (or will be) sent even if the step is later removed,
    so history survives program edits.
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
    local_date = models.DateField(help_text="The learner-local date it is due.")
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
        verbose_name_plural = "deliveries"
        ordering = ["due_at"]
        constraints = [
            # One delivery per enrolment and step; NULL steps (removed) don't clash.
            models.UniqueConstraint(
                fields=["enrollment", "step"], name="boosters_delivery_unique_step"
            )
        ]
        indexes = [
            # The drip tick looks for due pending deliveries.
            models.Index(fields=["status", "due_at"], name="boosters_delivery_due"),
        ]

    def __str__(self):
        return f"{self.page} to {self.enrollment.learner.email} ({self.status})"


__all__ = [
    "BoosterChoice",
    "BoosterQuestionPage",
    "BoosterQuestionPageTag",
    "Cohort",
    "Delivery",
    "DeliveryStatus",
    "Enrollment",
    "EnrollmentStatus",
    "Learner",
    "Program",
    "ProgramStep",
    "SubscriptionStatus",
    "Weekend",
]
