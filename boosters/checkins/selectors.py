"""Reading check-ins: a link's delivery, a learner's open check-in, and the
stories a cohort may read."""

from dataclasses import dataclass
from datetime import datetime

from boosters.checkins.pages import ApplicationCheckInPage
from boosters.models import (
    CheckInAnswer,
    Delivery,
    DeliveryStatus,
    StoryConsent,
)
from boosters.questions.selectors import delivery_with_live_page

COHORT_STORIES_LIMIT = 10


def check_in_delivery_load(
    *, delivery_id: int
) -> tuple[Delivery | None, ApplicationCheckInPage | None]:
    """The delivery a check-in link names, and its live check-in page (``None``
    if the page is gone, unpublished or not a check-in)."""
    return delivery_with_live_page(
        delivery_id=delivery_id, page_class=ApplicationCheckInPage
    )


def check_in_answer_for(*, delivery: Delivery) -> CheckInAnswer | None:
    return CheckInAnswer.objects.filter(delivery=delivery).first()


def learner_check_in_delivery(*, learner, page) -> Delivery | None:
    """``learner``'s latest sent delivery of the check-in ``page``, if any."""
    return (
        Delivery.objects.filter(
            enrollment__learner=learner, page=page, status=DeliveryStatus.SENT
        )
        .select_related("check_in_answer")
        .order_by("-sent_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class SharedStory:
    """A story a learner shared with their cohort, as colleagues see it."""

    name: str
    office: str
    behaviour: str
    story: str
    told_at: datetime


def cohort_shared_stories(
    *, cohort, limit: int = COHORT_STORIES_LIMIT
) -> list[SharedStory]:
    """Stories members of ``cohort`` shared with it (consent "cohort"), newest
    first, in one query. Stories given to L&D for content are not shown here:
    their authors chose L&D, who publish them (credited) after review."""
    answers = (
        CheckInAnswer.objects.filter(
            enrollment__cohort=cohort,
            story_consent=StoryConsent.COHORT,
            story_at__isnull=False,
        )
        .exclude(story="")
        .select_related("enrollment__learner", "page")
        .order_by("-story_at", "-pk")[:limit]
    )
    stories = []
    for answer in answers:
        learner = answer.enrollment.learner
        behaviour = answer.page.title if answer.page is not None else ""
        stories.append(
            SharedStory(
                name=learner.full_name,
                office=learner.office,
                behaviour=behaviour,
                story=answer.story,
                told_at=answer.story_at,
            )
        )
    return stories


def learner_check_in_context(*, learner, page) -> dict:
    """What the check-in ``page``'s web page shows ``learner`` (signed in, or
    ``None``): their recorded answer, or the three answers as links to the
    confirm page (the same signed links as in their email), or nothing when
    the check-in was never sent to them."""
    # Imported here: the email kind imports the page model this module serves.
    from boosters.checkins.emails import OUTCOMES, checkin_url
    from boosters.checkins.labels import OUTCOME_LABELS

    if learner is None:
        return {"check_in_signed_in": False}
    delivery = learner_check_in_delivery(learner=learner, page=page)
    if delivery is None:
        return {"check_in_signed_in": True}
    answer = getattr(delivery, "check_in_answer", None)
    if answer is not None:
        return {
            "check_in_signed_in": True,
            "check_in_answer": answer,
            "check_in_answer_label": OUTCOME_LABELS[answer.outcome],
            "check_in_answer_url": checkin_url(
                outcome=answer.outcome, delivery=delivery
            ),
        }
    return {
        "check_in_signed_in": True,
        "check_in_options": [
            (OUTCOME_LABELS[outcome], checkin_url(outcome=outcome, delivery=delivery))
            for outcome in OUTCOMES
        ],
    }
