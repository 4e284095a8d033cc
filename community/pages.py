"""Discussion question pages: open-ended questions a program step can deliver."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import pgettext_lazy

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.models.mixins import DrippablePageMixin
from hub.page_forms import HubPageForm


class DiscussionQuestionBlock(blocks.CharBlock):
    """One open-ended question for the cohort to discuss."""

    class Meta:
        icon = "help"
        label = "Question"
        template = "blocks/discussion_question.html"
        preview_value = "What got in the way the last time you gave feedback?"
        description = "An open-ended question with no right answer."


class DiscussionPage(DrippablePageMixin, Page):
    """Two or three open-ended questions for a cohort to talk over for a week.

    A program step can deliver it like any other page: the email links to a
    thread in the cohort's space, opened when it is first delivered there.
    """

    # What a manager's digest calls it, in the reader's language.
    content_type_label = pgettext_lazy("content type", "Discussion question")

    intro = RichTextField(
        features=["bold", "italic", "link"],
        help_text="Why these questions matter, in a sentence or two.",
    )
    questions = StreamField(
        [("question", DiscussionQuestionBlock(max_length=300))],
        min_num=2,
        max_num=3,
        help_text="Two or three open-ended questions.",
    )
    window_days = models.PositiveSmallIntegerField(
        "open for (days)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How long the discussion is open after it is delivered.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("window_days"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("questions"),
    ]
    base_form_class = HubPageForm
    parent_page_types = ["home.TopicPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "discussion question"

    @property
    def question_texts(self) -> list[str]:
        return [str(block.value) for block in self.questions]
