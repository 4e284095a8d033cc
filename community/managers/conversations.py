"""A manager's "we talked about it": recorded from a digest starter's link.

Each starter in the weekly digest carries a signed link naming the manager, the
digest's week and the starter's topic. Opening it records nothing (mail
scanners open every link); the button on that page records one conversation
per manager, topic and week, however often it is pressed.

The team it concerned is kept with it: the manager's people who were sent
something on that topic (everyone on the team for an evergreen starter). Only
they see it on My learning. A conversation is the manager's own action, not a
learner's result, so it is not bound by the team-figure privacy rules.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Q

from wagtail.models import Page

from boosters.learners.services import learner_home_zone
from boosters.models import DeliveryStatus, Learner, Manager
from community.managers.services import manager_team
from community.models import ManagerConversation

NOTES_LISTED = 10


def conversation_topic(*, topic_id: int | None) -> Page | None:
    """The topic page a starter link names (``None`` if none or deleted)."""
    if topic_id is None:
        return None
    return Page.objects.filter(pk=topic_id).first()


def manager_conversation_find(
    *, manager: Manager, week: date, topic: Page | None
) -> ManagerConversation | None:
    """The conversation already recorded for this manager, week and topic."""
    return ManagerConversation.objects.filter(
        manager=manager, week=week, topic=topic
    ).first()


def manager_conversation_team(*, manager: Manager, topic: Page | None) -> list[int]:
    """The ids of the manager's people a talk about ``topic`` concerned: those
    sent a page filed under it, or the whole team for a talk without a topic."""
    team = manager_team(manager=manager)
    if topic is not None:
        team = team.filter(
            enrollments__deliveries__status=DeliveryStatus.SENT,
            enrollments__deliveries__page__path__startswith=topic.path,
        )
    return list(team.order_by().values_list("pk", flat=True).distinct())


def manager_conversation_record(
    *, manager: Manager, week: date, topic: Page | None, now: datetime
) -> tuple[ManagerConversation, bool]:
    """Record that ``manager`` talked ``topic`` over with their team in the
    digest week starting ``week``. Idempotent: returns the conversation and
    whether this call recorded it (``False`` if it already was)."""
    existing = manager_conversation_find(manager=manager, week=week, topic=topic)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            conversation = ManagerConversation.objects.create(
                manager=manager, week=week, topic=topic, recorded_at=now
            )
            conversation.learners.set(
                manager_conversation_team(manager=manager, topic=topic)
            )
    except IntegrityError:
        # A second tap raced this one in: its row stands.
        return manager_conversation_find(manager=manager, week=week, topic=topic), False
    return conversation, True


def manager_conversations_recorded(*, manager: Manager, week: date) -> set[int | None]:
    """The topic ids (``None``: no topic) ``manager`` recorded for ``week``."""
    return set(
        ManagerConversation.objects.filter(manager=manager, week=week).values_list(
            "topic_id", flat=True
        )
    )


@dataclass(frozen=True)
class ConversationNote:
    """On My learning: the learner's manager talked a topic over with the team."""

    manager_name: str
    topic_title: str  # "" for a talk about the course as a whole
    recorded_on: date  # in the learner's time zone


def learner_conversation_notes(
    *, learner: Learner, limit: int = NOTES_LISTED
) -> list[ConversationNote]:
    """The latest conversations ``learner``'s managers recorded with a team
    they were on, newest first (one query)."""
    conversations = (
        ManagerConversation.objects.filter(learners=learner)
        .filter(Q(topic__isnull=True) | Q(topic__live=True))
        .select_related("manager", "topic")
        .order_by("-recorded_at", "-pk")[:limit]
    )
    if not conversations:
        return []
    zone = learner_home_zone(learner=learner)
    return [
        ConversationNote(
            manager_name=_manager_name(conversation.manager, learner=learner),
            topic_title=conversation.topic.title if conversation.topic_id else "",
            recorded_on=conversation.recorded_at.astimezone(zone).date(),
        )
        for conversation in conversations
    ]


def _manager_name(manager: Manager, *, learner: Learner) -> str:
    if manager.name:
        return manager.name
    if learner.manager_email.lower() == manager.email.lower() and learner.manager_name:
        return learner.manager_name
    return manager.email


def my_learning_conversations_section(
    *, learner: Learner, now: datetime
) -> dict | None:
    """The My learning section listing the learner's team conversations, if any."""
    notes = learner_conversation_notes(learner=learner)
    return {"notes": notes} if notes else None
