"""Manager engagement for L&D: which teams' managers talk the course over.

A selector for the hub dashboard's "Managers in the loop" panel. It counts
what managers did (digests they were sent, "we talked about it" taps), never
a learner's answers, so teams of any size are listed: a manager's own tap is
not a learner's result, and a team's size is roster information L&D already
has. Who may see it: holders of ``boosters.view_analytics``.

Runs four queries, however many managers and learners there are.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q
from django.db.models.functions import Lower
from django.utils import timezone

from boosters.models import (
    DeliveryStatus,
    EnrollmentStatus,
    Learner,
    Manager,
    Notice,
    NoticeKind,
)
from community.models import ManagerConversation

RECENT_WEEKS = 4
WINDOW_WEEKS = 8


@dataclass(frozen=True)
class TeamEngagement:
    """One manager and their team: digests sent and conversations recorded."""

    manager_id: int
    name: str
    email: str
    team_size: int
    opted_out: bool
    digests_sent: int  # in the last ``WINDOW_WEEKS`` weeks
    conversations_recent: int  # in the last ``RECENT_WEEKS`` weeks
    conversations_window: int  # in the last ``WINDOW_WEEKS`` weeks
    last_conversation_on: date | None


@dataclass(frozen=True)
class ManagerEngagement:
    """Every manager with a team, most engaged first."""

    teams: list[TeamEngagement]
    recent_weeks: int = RECENT_WEEKS
    window_weeks: int = WINDOW_WEEKS

    @property
    def managers(self) -> int:
        return len(self.teams)

    @property
    def talking_recently(self) -> int:
        """Managers with a conversation in the last ``recent_weeks`` weeks."""
        return sum(1 for team in self.teams if team.conversations_recent)

    @property
    def conversations_recent(self) -> int:
        return sum(team.conversations_recent for team in self.teams)

    @property
    def conversations_window(self) -> int:
        return sum(team.conversations_window for team in self.teams)

    @property
    def without_conversations(self) -> list[TeamEngagement]:
        """Teams whose manager recorded none in the last ``window_weeks`` weeks."""
        return [team for team in self.teams if not team.conversations_window]

    @property
    def with_conversations(self) -> list[TeamEngagement]:
        return [team for team in self.teams if team.conversations_window]


def manager_engagement(*, now: datetime) -> ManagerEngagement:
    """Each manager with people in an active enrolment: team size, digests
    sent and conversations recorded lately (four queries)."""
    recent_since = now - timedelta(weeks=RECENT_WEEKS)
    window_since = now - timedelta(weeks=WINDOW_WEEKS)
    sizes = dict(
        Learner.objects.filter(enrollments__status=EnrollmentStatus.ACTIVE)
        .exclude(manager_email="")
        .order_by()
        .values(key=Lower("manager_email"))
        .annotate(size=Count("pk", distinct=True))
        .values_list("key", "size")
    )
    digests = dict(
        Notice.objects.filter(
            kind=NoticeKind.MANAGER_DIGEST,
            status=DeliveryStatus.SENT,
            sent_at__gte=window_since,
        )
        .order_by()
        .values("manager_id")
        .annotate(sent=Count("pk"))
        .values_list("manager_id", "sent")
    )
    conversations = {
        row["manager_id"]: row
        for row in ManagerConversation.objects.filter(recorded_at__gte=window_since)
        .order_by()
        .values("manager_id")
        .annotate(
            window=Count("pk"),
            recent=Count("pk", filter=Q(recorded_at__gte=recent_since)),
            last=Max("recorded_at"),
        )
    }
    teams = []
    for manager in Manager.objects.order_by("name", "email"):
        size = sizes.get(manager.email.lower(), 0)
        if not size:
            continue
        talked = conversations.get(manager.pk, {})
        last = talked.get("last")
        teams.append(
            TeamEngagement(
                manager_id=manager.pk,
                name=manager.name or manager.email,
                email=manager.email,
                team_size=size,
                opted_out=manager.opted_out_at is not None,
                digests_sent=digests.get(manager.pk, 0),
                conversations_recent=talked.get("recent", 0),
                conversations_window=talked.get("window", 0),
                last_conversation_on=timezone.localdate(last) if last else None,
            )
        )
    teams.sort(key=lambda team: (-team.conversations_window, -team.team_size))
    return ManagerEngagement(teams=teams)
