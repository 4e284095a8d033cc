"""Alumni who receive drip email, and their places in cohorts."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from wagtail.admin.panels import FieldPanel

from boosters.models.programs import Cohort, validate_time_zone
from hub.text import SingleLineFieldsMixin


class SubscriptionStatus(models.TextChoices):
    SUBSCRIBED = "subscribed", "Subscribed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    SUPPRESSED = "suppressed", "Suppressed (mail bounced)"


class Learner(SingleLineFieldsMixin, models.Model):
    """An alumnus who receives drip emails. Email is unique, whatever its case."""

    single_line_fields = ("first_name", "last_name", "office", "manager_name")

    email = models.EmailField(max_length=254)
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Overrides the cohort's time zone when set.",
    )
    paused_until = models.DateField(
        null=True,
        blank=True,
        help_text="No email is sent before this date (a holiday or leave the "
        "learner set on My learning).",
    )
    language = models.CharField(
        max_length=12,
        blank=True,
        choices=settings.LANGUAGES,
        help_text="The language of their emails and pages. Empty: their "
        "cohort's language.",
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
    share_results_with_manager = models.BooleanField(
        default=False,
        help_text="The learner chose (on My learning) to show their manager "
        "their own results in the weekly digest.",
    )
    # Changes at each sign-in, which spends every single-use sign-in link.
    last_sign_in_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("email"),
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("time_zone"),
        FieldPanel("paused_until"),
        FieldPanel("language"),
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
