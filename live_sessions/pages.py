"""Live session pages: a facilitated call a program step invites learners to."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from boosters.models import validate_time_zone
from boosters.planning.scheduling import local_to_utc
from home.models.mixins import DrippablePageMixin
from hub.page_forms import HubPageForm
from live_sessions.timing import assignment_due_at, session_time_label


class AgendaItemBlock(blocks.StructBlock):
    """One part of the session's agenda; learners may file questions under it."""

    title = blocks.CharBlock(max_length=120)
    minutes = blocks.IntegerBlock(
        required=False, min_value=1, max_value=480, help_text="Roughly how long."
    )
    description = blocks.TextBlock(required=False, max_length=500)

    class Meta:
        icon = "list-ol"
        label = "Agenda item"
        template = "blocks/agenda_item.html"
        preview_value = {
            "title": "Your hardest feedback conversation this month",
            "minutes": 20,
            "description": "Bring one real example; we work through two in pairs.",
        }
        description = "A part of the session, in the order it happens."


class LiveSessionPage(DrippablePageMixin, Page):
    """A live session: agenda, start and end in the organiser's zone, a join
    link and a facilitator.

    Added to a program as a step, its delivery is a calendar invite. A week
    before, ``pre_discussion`` opens in each cohort's space; after it,
    ``post_discussion`` and the practice assignment; the recording is
    announced once attached. Learners see times in their own zone.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="What the session is for, in a sentence or two.",
    )
    agenda = StreamField(
        [("item", AgendaItemBlock())],
        blank=True,
        help_text="The parts of the session, in order.",
    )
    time_zone = models.CharField(
        "organiser's time zone",
        max_length=64,
        validators=[validate_time_zone],
        default="America/New_York",
        help_text="The zone the date and times below are in, e.g. Europe/London. "
        "Learners see the times in their own zone.",
    )
    session_date = models.DateField("date", null=True)
    start_time = models.TimeField(null=True)
    end_time = models.TimeField(null=True)
    # Derived from the four fields above on save: the instants, unambiguous.
    starts_at = models.DateTimeField(null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(null=True, editable=False)
    join_url = models.URLField(
        "join link",
        max_length=500,
        help_text="The Teams, Zoom or Meet link learners use to join.",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        # No reverse accessor on users: a user is not "about" sessions.
        related_name="+",
        help_text="Sees the learners' questions and marks attendance.",
    )
    facilitator_name = models.CharField(
        "facilitator's name as learners see it",
        max_length=150,
        blank=True,
        help_text="Empty: the facilitator's own name.",
    )
    pre_discussion = models.ForeignKey(
        "community.DiscussionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Opens in each cohort's space a week before the session.",
    )
    post_discussion = models.ForeignKey(
        "community.DiscussionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Opens in each cohort's space after the session.",
    )
    practice_assignment = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Something to try at work in the week after the session.",
    )
    recording = models.ForeignKey(
        "home.ScreencastPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Attach once the recording is published; learners are told.",
    )
    cancelled = models.BooleanField(
        default=False,
        help_text="Publish with this ticked to cancel: every invited learner's "
        "calendar drops the event.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("session_date"),
                FieldPanel("start_time"),
                FieldPanel("end_time"),
                FieldPanel("time_zone"),
            ],
            heading="When",
        ),
        FieldPanel("join_url"),
        MultiFieldPanel(
            [FieldPanel("facilitator"), FieldPanel("facilitator_name")],
            heading="Facilitator",
        ),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                PageChooserPanel("pre_discussion"),
                PageChooserPanel("post_discussion"),
                FieldPanel("practice_assignment"),
                PageChooserPanel("recording"),
            ],
            heading="Before and after",
        ),
        FieldPanel("cancelled"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    base_form_class = HubPageForm
    parent_page_types = ["home.TopicPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "live session"

    # -- times -------------------------------------------------------------

    @property
    def organiser_zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ValueError, KeyError):
            return ZoneInfo("UTC")

    def _instants(self) -> tuple[datetime, datetime] | None:
        if not (self.session_date and self.start_time and self.end_time):
            return None
        zone = self.organiser_zone
        start = local_to_utc(
            local_date=self.session_date, send_time=self.start_time, zone=zone
        )
        end = local_to_utc(
            local_date=self.session_date, send_time=self.end_time, zone=zone
        )
        return start, end

    def clean(self):
        super().clean()
        errors = {}
        if not self.session_date:
            errors["session_date"] = "Give the session's date."
        if not self.start_time:
            errors["start_time"] = "Give the time it starts."
        if not self.end_time:
            errors["end_time"] = "Give the time it ends."
        elif self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = (
                "The session must end after it starts, on the same day."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        instants = self._instants()
        self.starts_at, self.ends_at = instants if instants else (None, None)
        return super().save(*args, **kwargs)

    def is_over(self, *, now: datetime | None = None) -> bool:
        return self.ends_at is not None and (now or timezone.now()) >= self.ends_at

    def is_running(self, *, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return bool(self.starts_at and self.starts_at <= now < self.ends_at)

    def time_label(self, zone: ZoneInfo | None = None) -> str:
        """The date and times in ``zone`` (default: the organiser's), zone named."""
        if self.starts_at is None:
            return ""
        return session_time_label(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            zone=zone or self.organiser_zone,
        )

    @property
    def assignment_due_at(self) -> datetime | None:
        return assignment_due_at(ends_at=self.ends_at) if self.ends_at else None

    # -- people ------------------------------------------------------------

    @property
    def facilitator_label(self) -> str:
        """The facilitator as learners see them: the display name, else the user's."""
        if self.facilitator_name:
            return self.facilitator_name
        user = self.facilitator
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()

    @property
    def agenda_items(self) -> list[tuple[str, str]]:
        """(block id, title) of each agenda item, for the question form."""
        return [(block.id, block.value["title"]) for block in self.agenda]

    def get_context(self, request, *args, **kwargs):
        # Imported here: they use models that import this module.
        from live_sessions.forms import SessionQuestionForm
        from live_sessions.selectors import session_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(session_page_context(page=self, request=request))
        context["question_form"] = SessionQuestionForm(agenda_items=self.agenda_items)
        return context
