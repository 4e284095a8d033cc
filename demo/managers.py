"""Demo line managers who said "we talked about it" from their weekly notes.

Ravi Patel (New York) talked two topics and the course over with his team in
the last three weeks, Mei Lin (Singapore) one topic; Tom Hughes and Layla Aziz
none, so the hub dashboard's "Managers in the loop" panel has teams on both
sides, and Ana Souza (on Ravi's team) sees the talks on My learning.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from boosters.models import Manager
from community.managers.conversations import manager_conversation_record
from community.managers.services import manager_team, manager_zone, managers_sync
from community.managers.weeks import week_monday
from home.models import TopicPage

# Manager email → (weeks ago, topic slug or None for the course as a whole).
CONVERSATIONS = {
    "ravi.patel@example.com": [
        (3, "giving-feedback"),
        (2, "receiving-feedback"),
        (1, None),
    ],
    "mei.lin@example.com": [(1, "giving-feedback")],
}


def demo_manager_conversations_ensure(*, now: datetime | None = None) -> int:
    """Record the demo managers' conversations, unless they already have some.

    Returns how many were recorded. Safe to run again.
    """
    now = now or timezone.now()
    managers_sync()
    topics = {
        topic.slug: topic
        for topic in TopicPage.objects.filter(
            slug__in={slug for talks in CONVERSATIONS.values() for _, slug in talks}
        )
    }
    recorded = 0
    for email, talks in CONVERSATIONS.items():
        manager = Manager.objects.filter(email__iexact=email).first()
        if manager is None or manager.conversations.exists():
            continue
        zone = manager_zone(manager=manager)
        this_monday = week_monday(day=now.astimezone(zone).date())
        for weeks_ago, slug in talks:
            if slug is not None and slug not in topics:
                continue
            # Tapped on the Tuesday after the note about that week.
            week = this_monday - timedelta(weeks=weeks_ago)
            tapped = datetime.combine(week + timedelta(days=8), time(10), zone)
            conversation, created = manager_conversation_record(
                manager=manager, week=week, topic=topics.get(slug), now=min(tapped, now)
            )
            # A fresh demo has sent nothing yet, so nobody was sent the topic:
            # let the whole team see the talk.
            if created and not conversation.learners.exists():
                conversation.learners.set(manager_team(manager=manager))
            recorded += created
    return recorded
