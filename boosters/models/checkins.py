"""Answers to application check-ins, and the stories that come with them."""

from django.conf import settings
from django.db import models

from boosters.models.deliveries import Delivery
from boosters.models.learners import Enrollment


class CheckInOutcome(models.TextChoices):
    TRIED = "tried", "I tried it"
    NOT_YET = "not_yet", "Not yet"
    NOT_APPLICABLE = "not_applicable", "It doesn't apply to my job"


class StoryConsent(models.TextChoices):
    PRIVATE = "private", "Keep it private"
    COHORT = "cohort", "Share it with my cohort"
    CONTENT = "content", "L&D may use it in learning content, with credit"


class CheckInAnswer(models.Model):
    """A learner's answer to one check-in delivery; the first answer counts.

    ``story`` is optional and only for "tried it"; ``story_consent`` says who
    may read it. A story L&D may use can be curated into a booster question's
    feedback (``curated_page``), crediting the learner.
    """

    delivery = models.OneToOneField(
        Delivery, on_delete=models.CASCADE, related_name="check_in_answer"
    )
    # Denormalised from the delivery so analytics group without joining it.
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="check_in_answers"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=CheckInOutcome.choices)
    answered_at = models.DateTimeField()
    story = models.TextField(max_length=2000, blank=True)
    story_consent = models.CharField(
        max_length=16, choices=StoryConsent.choices, blank=True
    )
    story_at = models.DateTimeField(null=True, blank=True)
    curated_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The booster question whose feedback this story went into.",
    )
    curated_at = models.DateTimeField(null=True, blank=True)
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-answered_at"]
        indexes = [
            models.Index(fields=["page", "outcome"], name="boosters_checkin_page"),
        ]

    def __str__(self):
        return f"{self.enrollment.learner}: {self.get_outcome_display()}"
