"""Recording check-in answers and the stories that come with them.

The first answer to a check-in delivery counts: ``CheckInAnswer.delivery`` is
one-to-one, so a repeat or concurrent submission finds the recorded answer
instead of replacing it. A story is added once, to a "tried it" answer, with
an explicit consent choice; the first story counts too. Check-ins are not
questions: nothing here touches spacing, answer windows or the daily cap.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from boosters.checkins.pages import ApplicationCheckInPage
from boosters.models import (
    CheckInAnswer,
    CheckInOutcome,
    Delivery,
    DeliveryStatus,
    StoryConsent,
)

STORY_MAX_CHARS = CheckInAnswer._meta.get_field("story").max_length
# Line breaks and tabs are fine in a story; other control characters (NUL
# first: PostgreSQL can't store it) are refused, invisible formatting dropped.
_STORY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


class CheckInRejected(Exception):
    """The answer or story can't be recorded; the message says why, for the
    learner."""


@dataclass(frozen=True)
class CheckInResult:
    """The answer on record for a delivery, and whether this call recorded it."""

    answer: CheckInAnswer
    created: bool


def story_clean(text: str) -> str:
    """``text`` as a story is stored: line endings as ``\\n``, invisible
    formatting dropped, trimmed. ``ValidationError`` for control characters."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if _STORY_CONTROL.search(text):
        raise ValidationError(
            _(
                "Your story contains a control character (often from a paste). "
                "Delete it and type the text again."
            ),
            code="control_character",
        )
    return _INVISIBLE.sub("", text).strip()


def check_in_answer_record(
    *, delivery: Delivery, outcome: str, now: datetime
) -> CheckInResult:
    """Record ``outcome`` as the answer to the check-in ``delivery``, unless one
    is on record (then that one is returned, ``created=False``).

    Raises ``CheckInRejected`` if the delivery was never sent, is not a
    check-in, or ``outcome`` is not one of the three answers.
    """
    if outcome not in CheckInOutcome.values:
        raise CheckInRejected(_("Pick one of the answers."))
    if delivery.status != DeliveryStatus.SENT:
        raise CheckInRejected(_("This check-in hasn't been sent to you yet."))
    page = delivery.page.specific if delivery.page_id else None
    if not isinstance(page, ApplicationCheckInPage):
        raise CheckInRejected(_("This link is not for a check-in."))
    try:
        with transaction.atomic():  # a savepoint: a lost race rolls back alone
            answer = CheckInAnswer.objects.create(
                delivery=delivery,
                enrollment_id=delivery.enrollment_id,
                page_id=delivery.page_id,
                outcome=outcome,
                answered_at=now,
            )
    except IntegrityError:
        return CheckInResult(
            CheckInAnswer.objects.get(delivery=delivery), created=False
        )
    return CheckInResult(answer, created=True)


def check_in_story_record(
    *, answer: CheckInAnswer, story: str, consent: str, now: datetime
) -> CheckInAnswer:
    """Add ``story`` with who may read it (``consent``) to a "tried it" answer.

    The first story counts: a second one is refused, as are a story on
    another answer, an empty story and a missing consent choice. Raises
    ``CheckInRejected`` (or ``ValidationError`` from ``story_clean``).
    """
    story = story_clean(story)
    if answer.outcome != CheckInOutcome.TRIED:
        raise CheckInRejected(_("Stories are for check-ins you tried."))
    if not story:
        raise CheckInRejected(_("Write a few words about what happened."))
    if len(story) > STORY_MAX_CHARS:
        raise CheckInRejected(
            _("Keep your story under %(count)s characters.")
            % {"count": STORY_MAX_CHARS}
        )
    if consent not in StoryConsent.values:
        raise CheckInRejected(_("Choose who may read your story."))
    saved = CheckInAnswer.objects.filter(
        pk=answer.pk, outcome=CheckInOutcome.TRIED, story_at__isnull=True
    ).update(story=story, story_consent=consent, story_at=now)
    if not saved:
        raise CheckInRejected(_("Your story is already saved. Thank you!"))
    answer.story, answer.story_consent, answer.story_at = story, consent, now
    return answer
