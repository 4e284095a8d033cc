"""factory_boy factories for booster pages, used by the tests."""

import factory
import wagtail_factories

from boosters.pages import BoosterChoice, BoosterQuestionPage


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
