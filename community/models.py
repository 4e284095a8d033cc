"""Cohort spaces: threads and replies, recognition, reports and reading.

A cohort's space is visible only to the cohort's members (learners with an
active enrolment) and to facilitators. Post bodies are stored sanitized
(``community.sanitize``) and never rendered from raw input.
"""

from django.conf import settings
from django.db import models

from boosters.models import Cohort, Enrollment, Learner, Manager
from community.pages import DiscussionPage
from hub.text import SingleLineFieldsMixin

__all__ = [
    "DiscussionPage",
    "HelpfulMark",
    "ManagerConversation",
    "NotificationPreferences",
    "Post",
    "PostReport",
    "PulseResponse",
    "SpaceVisit",
    "Thread",
    "ThreadKind",
    "ThreadRead",
]


class ThreadKind(models.TextChoices):
    PROMPT = "prompt", "Booster discussion prompt"
    DISCUSSION = "discussion", "Discussion question"
    LEARNER = "learner", "Started by a learner"


class Thread(SingleLineFieldsMixin, models.Model):
    """A conversation in one cohort's space."""

    single_line_fields = ("title",)

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="threads")
    kind = models.CharField(max_length=16, choices=ThreadKind.choices)
    title = models.CharField(max_length=200)
    body_html = models.TextField(blank=True, help_text="Sanitized HTML.")
    author = models.ForeignKey(
        Learner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads",
    )
    # The booster or discussion page that opened it; one thread per cohort and page.
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=255, blank=True)
    accepted_post = models.ForeignKey(
        "community.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    curated_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article a facilitator curated from this thread.",
    )
    view_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    last_activity_at = models.DateTimeField()

    class Meta:
        ordering = ["-pinned", "-last_activity_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "source_page"],
                condition=models.Q(source_page__isnull=False),
                name="community_thread_one_per_cohort_page",
            )
        ]
        indexes = [
            models.Index(
                fields=["cohort", "-last_activity_at"], name="community_thread_recent"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Post(models.Model):
    """A reply in a thread, by a learner or a facilitator (a Wagtail user)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        Learner, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body_html = models.TextField(help_text="Sanitized HTML.")
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    # Deleting keeps the row so the thread reads on; the body is cleared.
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Reply {self.pk} in {self.thread}"


class HelpfulMark(models.Model):
    """A member found a reply helpful; one mark per member and reply."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="helpful_marks"
    )
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "learner"], name="community_helpful_once"
            )
        ]

    def __str__(self):
        return f"{self.learner} found {self.post} helpful"


class PostReport(models.Model):
    """A member reported a thread or a reply to the facilitators."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reports")
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["resolved_at", "-created_at"]

    def __str__(self):
        return f"Report on {self.post or self.thread}"


class SpaceVisit(models.Model):
    """When a member last opened their cohort's space, and which threads they read."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="space_visit"
    )
    last_visit_at = models.DateTimeField()

    def __str__(self):
        return f"{self.enrollment} at {self.last_visit_at}"


class ThreadRead(models.Model):
    """A member read a thread (lurkers count: reading is participation too)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="+")
    first_read_at = models.DateTimeField()
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "learner"], name="community_thread_read_once"
            )
        ]

    def __str__(self):
        return f"{self.learner} read {self.thread}"


class NotificationPreferences(models.Model):
    """Which community emails a learner wants; all on until they say otherwise."""

    learner = models.OneToOneField(
        Learner, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    replies = models.BooleanField("replies to my threads", default=True)
    accepted = models.BooleanField("my reply accepted as the answer", default=True)
    cohort_digest = models.BooleanField(
        "weekly digest of my cohort space", default=True
    )

    def __str__(self):
        return f"Preferences of {self.learner}"


class PulseResponse(models.Model):
    """A learner's answer to their program's pre-course pulse question."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="pulse_response"
    )
    question = models.CharField(max_length=300)
    answer = models.TextField(max_length=2000)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["-answered_at"]

    def __str__(self):
        return f"{self.enrollment.learner}: {self.answer[:40]}"


class ManagerConversation(models.Model):
    """A line manager's "we talked about it" on a starter from their weekly digest.

    One per manager, topic and digest week: a second tap on any starter of the
    same topic that week changes nothing. ``topic`` is the hub topic the
    starter's page is filed under; evergreen starters have none and count once
    a week as a talk about the course as a whole. ``learners`` is the team the
    talk concerned when it was recorded (those sent something on the topic), so
    only they see it on My learning, even after the team changes.
    """

    manager = models.ForeignKey(
        Manager, on_delete=models.CASCADE, related_name="conversations"
    )
    # CASCADE, not SET_NULL: a topic-less row may already exist for that week.
    topic = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(help_text="Monday of the digest's week, manager's time.")
    learners = models.ManyToManyField(
        Learner, related_name="manager_conversations", blank=True
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "topic", "week"],
                condition=models.Q(topic__isnull=False),
                name="community_conversation_once_per_topic_week",
            ),
            models.UniqueConstraint(
                fields=["manager", "week"],
                condition=models.Q(topic__isnull=True),
                name="community_conversation_once_per_general_week",
            ),
        ]
        indexes = [
            models.Index(fields=["recorded_at"], name="community_conversation_recent")
        ]

    def __str__(self):
        about = self.topic.title if self.topic_id else "the course"
        return f"{self.manager} talked about {about} (week of {self.week})"
