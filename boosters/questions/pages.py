"""Booster question pages: a scenario, choices with feedback, and what good looks like."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from boosters.questions.forms import BoosterQuestionPageForm
from content_blocks.blocks import ResourceLinkStreamBlock
from home.models.mixins import DrippablePageMixin, HubContentMixin

FEEDBACK_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class BoosterQuestionPageTag(TaggedItemBase):
    """Topic tags on booster questions."""

    content_object = ParentalKey(
        "boosters.BoosterQuestionPage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class BoosterChoice(TranslatableMixin, Orderable):
    """One answer a learner can pick, with the feedback they get for it.

    Translatable with its question (P12): a translation's choices share their
    source's ``translation_key``, which maps a choice tapped in a translated
    email back to the one its delivery was planned with.
    """

    page = ParentalKey(
        "boosters.BoosterQuestionPage", on_delete=models.CASCADE, related_name="choices"
    )
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField("correct", default=False)
    feedback = RichTextField(
        features=FEEDBACK_FEATURES,
        help_text="Shown to whoever picks this choice: why it is right or wrong.",
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass

    def __str__(self):
        return self.text


class BoosterQuestionPage(DrippablePageMixin, HubContentMixin, Page):
    """A scenario question that reinforces a course, answered in one tap.

    Each choice has its own feedback. After answering, learners also see the
    explanation, what successful application looks like on the job, the
    results it brings, links to more, and a prompt to discuss with their cohort.
    """

    content_type_label = _("Booster question")
    content_type_label_plural = _("Booster questions")
    content_type_slug = "booster"

    question = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="The scenario and the question, in a few sentences.",
    )
    explanation = RichTextField(
        features=FEEDBACK_FEATURES,
        help_text="Why the correct choice is correct.",
    )
    success_looks_like = RichTextField(
        "what successful application looks like",
        features=FEEDBACK_FEATURES,
        help_text="What a learner who applies this well does on the job.",
    )
    expected_results = RichTextField(
        "results you can expect",
        features=FEEDBACK_FEATURES,
        help_text="What applying it achieves, for the learner and their team.",
    )
    resource_links = StreamField(
        ResourceLinkStreamBlock(),
        blank=True,
        help_text="Hub pages, documents or websites to learn more.",
    )
    discussion_prompt = models.TextField(
        blank=True,
        help_text="An open question for the cohort to discuss after answering.",
    )
    keep_choice_order = models.BooleanField(
        default=False,
        help_text="Choices are shuffled for each email so the right answer is not "
        "always in the same place. Tick this to keep them in the order above, "
        "e.g. for an “all of the above” choice.",
    )
    tags = ClusterTaggableManager(through=BoosterQuestionPageTag, blank=True)

    base_form_class = BoosterQuestionPageForm
    content_panels = Page.content_panels + [
        FieldPanel("question"),
        InlinePanel(
            "choices",
            heading="Choices",
            label="Choice",
            help_text="Two to six choices; mark exactly one as correct. Each "
            "learner's email shows them in its own shuffled order (the email "
            "preview shows one); the question's web page keeps this order.",
        ),
        FieldPanel("keep_choice_order"),
        MultiFieldPanel(
            [
                FieldPanel("explanation"),
                FieldPanel("success_looks_like"),
                FieldPanel("expected_results"),
            ],
            heading="Feedback for everyone",
        ),
        FieldPanel("resource_links"),
        FieldPanel("discussion_prompt"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("question"),
        index.SearchField("explanation"),
        index.SearchField("success_looks_like"),
        index.SearchField("expected_results"),
        index.SearchField("discussion_prompt"),
        index.RelatedFields(
            "choices", [index.SearchField("text"), index.SearchField("feedback")]
        ),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "booster question"

    @cached_property
    def listing_summary(self) -> str:
        return Truncator(strip_tags(self.question)).words(30)

    @cached_property
    def correct_choice(self) -> BoosterChoice | None:
        return next((c for c in self.choices.all() if c.is_correct), None)

    def get_workflow(self):
        """The workflow assigned to booster questions as a type (the demo's
        "Booster question review"), else that of the page's section.

        Wagtail assigns page workflows to sections only; questions sit in
        topics beside articles but need their own review.
        """
        return self.get_default_workflow() or super().get_workflow()

    @property
    def has_workflow(self) -> bool:
        return self.get_workflow() is not None

    def serve(self, request, *args, **kwargs):
        """Show the question; a POSTed choice shows its feedback at once.

        For a signed-in learner with a sent, unanswered delivery of this
        question the answer is recorded (channel: web), exactly as if it came
        from the email; anyone else's tries are not stored.
        """
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        choices = {str(c.pk): c for c in self.choices.all()}
        selected = choices.get(request.POST.get("choice", ""))
        context = self.get_context(request, *args, **kwargs)
        if selected is None:
            context["choice_error"] = _("Pick one of the choices to see its feedback.")
            status = 400
        else:
            context["selected_choice"] = selected
            context.update(self._record_web_answer(request, selected))
            status = 200
        return TemplateResponse(
            request, self.get_template(request, *args, **kwargs), context, status=status
        )

    def _record_web_answer(self, request, choice) -> dict:
        # Imported here: the answer services import this module's models.
        from boosters.learners.sign_in import learner_from_request
        from boosters.models import AnswerChannel
        from boosters.questions.answers import AnswerRejected, answer_record
        from boosters.questions.selectors import (
            answer_feedback_context,
            delivery_awaiting_answer,
        )

        learner = learner_from_request(request)
        if learner is None:
            return {}
        # The delivery may be of this page or of another translation of it.
        delivery = delivery_awaiting_answer(learner=learner, page=self)
        if delivery is None:
            return {}
        source = self
        if delivery.page_id != self.pk:
            source = delivery.page.specific
            choice = next(
                (
                    c
                    for c in source.choices.all()
                    if c.translation_key == choice.translation_key
                ),
                None,
            )
            if choice is None:
                return {}
        try:
            result = answer_record(
                delivery=delivery,
                choice=choice,
                channel=AnswerChannel.WEB,
                language=self.locale.language_code,
            )
        except AnswerRejected:
            return {}
        context = answer_feedback_context(
            page=source,
            answer=result.answer,
            cohort=delivery.enrollment.cohort,
            shown_page=self,
        )
        context["answer_recorded"] = True
        return context
