"""Answers to booster questions, and each learner's spacing state per question."""

from django.db import models

from boosters.models.deliveries import Delivery
from boosters.models.learners import Enrollment, Learner
from boosters.models.programs import ProgramStep


class AnswerChannel(models.TextChoices):
    EMAIL = "email", "Email link"
    WEB = "web", "Hub page"


class Answer(models.Model):
    """A learner's one answer to one delivered booster question.

    The first answer counts: ``delivery`` is unique, so a second submission
    (or a concurrent one) cannot replace it. The choice's text and correctness
    are copied so later edits to the question don't rewrite history.
    """

    delivery = models.OneToOneField(
        Delivery, on_delete=models.CASCADE, related_name="answer"
    )
    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="answers"
    )
    page = models.ForeignKey(
        "boosters.BoosterQuestionPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    choice = models.ForeignKey(
        "boosters.BoosterChoice",
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    choice_text = models.CharField(max_length=300)
    is_correct = models.BooleanField()
    showing = models.PositiveSmallIntegerField(
        help_text="1 when answered at its first showing, 2+ on a repeat."
    )
    channel = models.CharField(max_length=8, choices=AnswerChannel.choices)
    # The language the learner read the question in (P12), for proficiency by
    # language; empty for answers recorded before languages.
    language = models.CharField(max_length=12, blank=True)
    answered_at = models.DateTimeField()
    seconds_to_answer = models.PositiveIntegerField(
        null=True, help_text="From the email being sent to the answer."
    )
    # False when the question had already counted as missed for spacing.
    counted_for_spacing = models.BooleanField(default=True)

    # A learner's answer is not a use of the page: kept out of Wagtail's
    # reference index, it neither fills the page's Usage tab nor costs the
    # answer request an indexing task.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-answered_at"]
        indexes = [
            models.Index(fields=["page", "showing"], name="boosters_answer_page"),
        ]

    def __str__(self):
        verdict = "right" if self.is_correct else "wrong"
        return f"{self.learner.email}: {self.choice_text} ({verdict})"

    @property
    def is_repeat(self) -> bool:
        return self.showing > 1


class QuestionState(models.Model):
    """Where one learner stands with one question of their program.

    The spacing service updates it after each answer or miss; plan sync turns
    ``next_due_on`` into a repeat delivery at the learner's local send time.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="question_states"
    )
    page = models.ForeignKey(
        "boosters.BoosterQuestionPage",
        on_delete=models.CASCADE,
        related_name="question_states",
    )
    # The step whose send time and position repeats follow; a removed step
    # stops the repeats.
    step = models.ForeignKey(
        ProgramStep,
        null=True,
        on_delete=models.SET_NULL,
        related_name="question_states",
    )
    showings = models.PositiveSmallIntegerField(default=0)
    correct_streak = models.PositiveSmallIntegerField(default=0)
    correct_total = models.PositiveSmallIntegerField(default=0)
    missed_total = models.PositiveSmallIntegerField(default=0)
    retired = models.BooleanField(default=False)
    next_due_on = models.DateField(
        null=True, blank=True, help_text="Learner-local date of the next repeat."
    )
    last_result = models.CharField(max_length=8, blank=True)
    last_result_at = models.DateTimeField(null=True, blank=True)
    fsrs_card = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Spacing state, not a use of the page (see ``Answer``).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "question state"
        ordering = ["enrollment", "step__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "page"], name="boosters_question_state_unique"
            )
        ]

    def __str__(self):
        return f"{self.enrollment.learner.email}: {self.page}"


class SignInRequest(models.Model):
    """One request for a sign-in link, kept briefly for rate limiting."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} at {self.created_at:%Y-%m-%d %H:%M}"
