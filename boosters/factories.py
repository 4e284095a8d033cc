"""factory_boy factories for booster pages and the drip engine, used by the tests."""

import datetime

import factory
import wagtail_factories

from boosters.models import Cohort, Enrollment, Learner, Program, ProgramStep
from boosters.questions.pages import BoosterChoice, BoosterQuestionPage


class BoosterQuestionPageFactory(wagtail_factories.PageFactory):
    """A booster question with no choices; add them with ``with_choices``."""

    title = factory.Sequence(lambda n: f"Booster question {n}")
    question = "<p>Your colleague interrupts in meetings. What do you say first?</p>"
    explanation = "<p>Naming a specific situation keeps the talk about behaviour.</p>"
    success_looks_like = "<p>You describe one meeting and one behaviour.</p>"
    expected_results = "<p>Fewer defensive replies and a plan you both agree.</p>"
    discussion_prompt = "When did specific feedback change how you work?"

    class Meta:
        model = BoosterQuestionPage


class BoosterChoiceFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(BoosterQuestionPageFactory)
    text = factory.Sequence(lambda n: f"Choice {n}")
    is_correct = False
    feedback = factory.LazyAttribute(lambda o: f"<p>Feedback for {o.text}.</p>")

    class Meta:
        model = BoosterChoice


def booster_with_choices(
    *,
    parent,
    correct="Describe the meeting",
    wrong=(
        "Tell them they are rude",
        "Say nothing",
    ),
    **kwargs,
) -> BoosterQuestionPage:
    """A live booster under ``parent`` with one correct and some wrong choices."""
    page = BoosterQuestionPageFactory(parent=parent, **kwargs)
    BoosterChoiceFactory(page=page, text=correct, is_correct=True, sort_order=0)
    for index, text in enumerate(wrong, start=1):
        BoosterChoiceFactory(page=page, text=text, sort_order=index)
    return page


class ProgramFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Feedback boosters {n}")
    slug = factory.Sequence(lambda n: f"feedback-boosters-{n}")

    class Meta:
        model = Program


class ProgramStepFactory(factory.django.DjangoModelFactory):
    program = factory.SubFactory(ProgramFactory)
    day_offset = factory.Sequence(lambda n: n * 2)

    class Meta:
        model = ProgramStep


class CohortFactory(factory.django.DjangoModelFactory):
    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"New York, spring {n}")
    slug = factory.Sequence(lambda n: f"new-york-{n}")
    region = "New York"
    time_zone = "America/New_York"
    anchor_date = datetime.date(2026, 3, 2)

    class Meta:
        model = Cohort


class LearnerFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"learner{n}@example.com")
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Silva {n}")

    class Meta:
        model = Learner


class EnrollmentFactory(factory.django.DjangoModelFactory):
    learner = factory.SubFactory(LearnerFactory)
    cohort = factory.SubFactory(CohortFactory)

    class Meta:
        model = Enrollment


class ApplicationCheckInPageFactory(wagtail_factories.PageFactory):
    """An application check-in ("Have you tried … at work?")."""

    title = factory.Sequence(lambda n: f"Check-in {n}")
    behaviour = "naming one specific situation when you give feedback"
    intro = "<p>Trying it once makes the next time easier.</p>"
    story_prompt = "What happened?"

    class Meta:
        model = "boosters.ApplicationCheckInPage"
