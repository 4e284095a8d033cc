"""Read-side queries for answering: the delivery an answer is for, and how a
cohort answered a question."""

from dataclasses import dataclass

from django.db.models import Count

from boosters.analytics.privacy import GROUP_MINIMUM
from boosters.models import (
    Answer,
    AnswerChannel,
    BoosterQuestionPage,
    Cohort,
    Delivery,
    DeliveryStatus,
    Learner,
)
from boosters.questions.choices import choice_order


@dataclass(frozen=True)
class ChoiceShare:
    """How many of a cohort picked one choice the first time they answered."""

    text: str
    is_correct: bool
    count: int
    percent: int
    is_yours: bool


def cohort_answer_shares(
    *,
    cohort: Cohort,
    page: BoosterQuestionPage,
    yours: int | None = None,
    delivery_id: int | None = None,
    shown_page: BoosterQuestionPage | None = None,
) -> tuple[int, list[ChoiceShare]]:
    """The share of each choice among the cohort's first answers to ``page``.

    First answers only, so a learner who saw the question again counts once.
    Returns the number of answers and one share per current choice, in the
    order delivery ``delivery_id`` showed them (``None``: the question's
    order); ``yours`` (a choice id) marks the learner's own. Until
    ``GROUP_MINIMUM`` learners have answered there are no shares: with fewer,
    a share is close to naming who picked what. ``shown_page`` (a translation
    the learner reads) gives the choices' words; answers in every language
    count together.
    """
    first_answers = Answer.objects.filter(
        page=page, showing=1, delivery__enrollment__cohort=cohort
    )
    counts = dict(first_answers.values_list("choice_id").annotate(n=Count("pk")))
    total = sum(counts.values())
    # Fewer answers can't be enough people, so the count is rarely needed.
    if (
        total < GROUP_MINIMUM
        or first_answers.values("learner_id").distinct().count() < GROUP_MINIMUM
    ):
        return total, []
    words = {
        choice.translation_key: choice.text
        for choice in (shown_page or page).choices.all()
    }
    shares = [
        ChoiceShare(
            text=words.get(choice.translation_key, choice.text),
            is_correct=choice.is_correct,
            count=counts.get(choice.pk, 0),
            percent=round(100 * counts.get(choice.pk, 0) / total) if total else 0,
            is_yours=choice.pk == yours,
        )
        for choice in choice_order(
            choices=list(page.choices.all()),
            delivery_id=delivery_id,
            keep_order=page.keep_choice_order,
        )
    ]
    return total, shares


def delivery_awaiting_answer(
    *, learner: Learner, page: BoosterQuestionPage
) -> Delivery | None:
    """The learner's latest sent, unanswered delivery of ``page``, if any.

    That is the delivery an answer on the question's web page is recorded for;
    a delivery of another translation of ``page`` counts too (P12).
    """
    return (
        Delivery.objects.filter(
            enrollment__learner=learner,
            page__translation_key=page.translation_key,
            status=DeliveryStatus.SENT,
            answer__isnull=True,
        )
        .select_related("enrollment__learner", "enrollment__cohort__program", "page")
        .order_by("-sent_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class RecordedChoice:
    """The choice as it was answered, for a choice since removed from the page."""

    text: str
    is_correct: bool
    feedback: str = ""


def answer_feedback_context(
    *,
    page: BoosterQuestionPage,
    answer: Answer,
    cohort,
    shown_page: BoosterQuestionPage | None = None,
) -> dict:
    """What the feedback page and the question page show after an answer:
    the choice as answered, and how the cohort answered, the choices in the
    order the learner answered from (their email's, or the hub page's).
    ``shown_page`` is the translation the learner reads (``page`` if
    ``None``): its choice's words and feedback are shown."""
    choice = answer.choice or RecordedChoice(answer.choice_text, answer.is_correct)
    if answer.choice is not None and shown_page is not None and shown_page != page:
        choice = next(
            (
                c
                for c in shown_page.choices.all()
                if c.translation_key == answer.choice.translation_key
            ),
            choice,
        )
    total, shares = cohort_answer_shares(
        cohort=cohort,
        page=page,
        shown_page=shown_page,
        yours=answer.choice_id,
        delivery_id=(
            answer.delivery_id if answer.channel == AnswerChannel.EMAIL else None
        ),
    )
    return {
        "answer": answer,
        "selected_choice": choice,
        "shares": shares,
        "shares_total": total,
        "shares_minimum": GROUP_MINIMUM,
        "cohort_name": cohort.name,
    }


def delivery_with_live_page(*, delivery_id: int, page_class: type):
    """The delivery a signed link names, and its page if it is a live
    ``page_class`` (else ``None``: gone, unpublished or another kind).

    The delivery comes with its learner, cohort and program, as the answer
    and check-in pages show them.
    """
    delivery = (
        Delivery.objects.select_related(
            "enrollment__learner", "enrollment__cohort__program", "page"
        )
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.page is None:
        return delivery, None
    page = delivery.page.specific
    if not isinstance(page, page_class) or not page.live:
        return delivery, None
    return delivery, page
