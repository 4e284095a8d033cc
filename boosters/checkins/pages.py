"""Application check-in pages: a program step that asks whether a learner has
applied a behaviour at work."""

from django.db import models
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.models.mixins import DrippablePageMixin
from hub.page_forms import HubPageForm


class ApplicationCheckInPage(DrippablePageMixin, Page):
    """ "Have you tried <the behaviour> at work?", sent e.g. 7 and 30 days after
    a topic's items, with one-tap answers in the email (tried it, not yet,
    doesn't apply to my job). "Tried it" invites a short story with a consent
    choice; stories L&D may use can be curated into ``booster``'s feedback.
    """

    # What a manager's digest calls it, in the reader's language.
    content_type_label = pgettext_lazy("content type", "Application check-in")

    behaviour = models.CharField(
        max_length=200,
        help_text="What learners were meant to try, as it completes “Have you "
        "tried … at work?”, e.g. “asking an open question before giving "
        "feedback”.",
    )
    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Optional: a sentence on why trying it matters.",
    )
    story_prompt = models.CharField(
        max_length=200,
        default="What happened?",
        help_text="The question above the story box for those who tried it.",
    )
    booster = models.ForeignKey(
        "boosters.BoosterQuestionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the booster question whose “what successful "
        "application looks like” stories from this check-in may improve.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("behaviour"),
        FieldPanel("intro"),
        FieldPanel("story_prompt"),
        PageChooserPanel("booster", "boosters.BoosterQuestionPage"),
    ]
    search_fields = Page.search_fields + [index.SearchField("behaviour")]
    base_form_class = HubPageForm
    parent_page_types = ["home.TopicPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "application check-in"

    def get_context(self, request, *args, **kwargs):
        """A signed-in learner the check-in was sent to sees their answer, or
        the three answers leading to the same confirm page as their email."""
        # Imported here: the sign-in and selector modules import this model.
        from boosters.checkins.selectors import learner_check_in_context
        from boosters.learners.sign_in import learner_from_request

        context = super().get_context(request, *args, **kwargs)
        learner = learner_from_request(request) if request is not None else None
        context.update(learner_check_in_context(learner=learner, page=self))
        return context
