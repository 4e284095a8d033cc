"""Programs of hub pages, and the cohorts that follow them."""

from datetime import time
from functools import cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from home.models.mixins import drippable_page_models
from hub.text import SingleLineFieldsMixin


class DrippablePageChooserPanel(PageChooserPanel):
    """Chooses among the pages a program may send: every page model with
    ``DrippablePageMixin``, looked up when the form is built (all page models
    are loaded by then, including other apps')."""

    def get_form_options(self):
        self.page_type = drippable_page_models()
        return super().get_form_options()


class SpacingMode(models.TextChoices):
    """How a program brings booster questions back (see ``boosters.questions.spacing``)."""

    SERIES = "series", "Series: each question once, no repeats"
    SPACED_EDUCATION = (
        "spaced",
        "Spaced education: wrong returns in 12 days, right in 24; "
        "retires after two right in a row",
    )
    FSRS = "fsrs", "FSRS: adaptive intervals for a target retention"


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


class Program(SingleLineFieldsMixin, ClusterableModel):
    """A named series of hub pages sent one at a time after a course ends."""

    single_line_fields = ("name", "public_title")

    name = models.CharField(max_length=150)
    public_title = models.CharField(
        max_length=150,
        blank=True,
        help_text="The program's name as learners and managers see it, e.g. "
        "“Feedback that lands”. Empty: the name above.",
    )
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    spacing_mode = models.CharField(
        max_length=16,
        choices=SpacingMode.choices,
        default=SpacingMode.SPACED_EDUCATION,
        help_text="How booster questions come back after they are answered.",
    )
    desired_retention = models.FloatField(
        default=0.9,
        validators=[MinValueValidator(0.7), MaxValueValidator(0.97)],
        help_text="FSRS only: the chance of recall to aim for at each repeat.",
    )
    answer_window_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Days a learner has to answer; after that the question counts "
        "as missed and is spaced like a wrong answer.",
    )
    daily_question_cap = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Most booster questions one learner gets on one day; repeats "
        "go first and the rest move to the next working day.",
    )
    too_late_days = models.PositiveSmallIntegerField(
        "too late after (days)",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="An item that could not go on its planned day (a late "
        "enrolment, a scheduler outage) moves forward one working day at a "
        "time; once it is more than this many days late it is skipped, with "
        "the reason recorded, instead of being sent.",
    )
    pulse_question = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional: asked by email before the course, e.g. “What do you "
        "most want to get out of this course?” Answers appear in Pulse responses.",
    )
    pulse_days_before = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How many days before the course end date the pulse question goes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("public_title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("pulse_question"), FieldPanel("pulse_days_before")],
            heading="Pulse question before the course",
        ),
        MultiFieldPanel(
            [
                FieldPanel("spacing_mode"),
                FieldPanel("desired_retention"),
                FieldPanel("answer_window_days"),
                FieldPanel("daily_question_cap"),
                FieldPanel("too_late_days"),
            ],
            heading="Spacing",
        ),
        InlinePanel("steps", heading="Steps", label="Step"),
    ]

    class Meta:
        ordering = ["name"]
        # Learner data leaves the hub only through these: held by "L&D leads".
        permissions = [
            ("view_analytics", "Can view learning analytics"),
            (
                "export_learner_data",
                "Can export learner progress, answers and deliveries",
            ),
        ]

    @property
    def title(self) -> str:
        """The name learners and managers see: the public title, else the name."""
        return self.public_title or self.name

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
        DrippablePageChooserPanel("page"),
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


PAUSED_LABEL = "Paused — nothing is sent until resumed"
SENDING_LABEL = "Sending on plan"


class Cohort(SingleLineFieldsMixin, models.Model):
    """Alumni of one course run, who receive a program on the same plan."""

    single_line_fields = ("name", "region")

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
    language = models.CharField(
        max_length=12,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language its learners get emails and pages in, unless a "
        "learner chose another.",
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
        FieldPanel("language"),
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

    @property
    def sending_label(self) -> str:
        """Whether the cohort is sending, in words, wherever an editor sees it."""
        return PAUSED_LABEL if self.paused else SENDING_LABEL
