"""The weekly digest of a cohort space, for members who haven't been in lately.

Many members read without posting, and a space only helps if people come back.
Once a week, at 09:00 on Monday in the learner's time zone, members who have
not opened their cohort's space for a week get a short email: the week's new
threads, the replies colleagues found most helpful, and how much went on.
Nothing is sent for a quiet week, to members who visited, or to those who
turned the digest off (``NotificationPreferences.cohort_digest``).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.text import Truncator

from boosters.drip.links import absolute_url
from boosters.models import (
    Cohort,
    Enrollment,
    EnrollmentStatus,
    Notice,
    NoticeKind,
    SubscriptionStatus,
)
from boosters.planning.scheduling import learner_zone, week_monday_at
from community.models import Post, Thread
from community.prompts import thread_absolute_url
from community.sanitize import post_plain_text
from community.selectors import author_label

DIGEST_WINDOW = timedelta(days=7)
DIGEST_TIME = time(9, 0)  # Monday, on the learner's wall clock
DIGEST_THREADS = 5
DIGEST_REPLIES = 3
EXCERPT_CHARS = 200
_UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class DigestThread:
    """A thread started this week."""

    title: str
    url: str
    author_name: str
    reply_count: int


@dataclass(frozen=True)
class DigestReply:
    """A reply from this week that members marked helpful."""

    thread_title: str
    url: str
    author_name: str
    excerpt: str
    helpful_count: int


@dataclass(frozen=True)
class CohortDigest:
    """A cohort space's week, as the digest shows it."""

    cohort: Cohort
    space_url: str
    thread_count: int
    reply_count: int
    threads: list[DigestThread]
    helpful_replies: list[DigestReply]

    @property
    def has_activity(self) -> bool:
        """Whether the week had anything worth an email."""
        return bool(self.thread_count or self.reply_count)


def space_absolute_url(*, cohort: Cohort) -> str:
    return absolute_url(reverse("community_space", kwargs={"cohort_slug": cohort.slug}))


def cohort_digest(*, cohort: Cohort, now: datetime) -> CohortDigest:
    """The week before ``now`` in ``cohort``'s space; hidden and deleted posts
    are left out. A handful of queries, whatever the space's size."""
    start = now - DIGEST_WINDOW
    visible_replies = Q(posts__deleted_at__isnull=True, posts__hidden_at__isnull=True)
    new_threads = list(
        Thread.objects.filter(
            cohort=cohort,
            hidden_at__isnull=True,
            created_at__gte=start,
            created_at__lt=now,
        )
        .select_related("author")
        .annotate(reply_total=Count("posts", filter=visible_replies))
        .order_by("-pinned", "-created_at", "-pk")
    )
    replies = Post.objects.filter(
        thread__cohort=cohort,
        thread__hidden_at__isnull=True,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
        created_at__gte=start,
        created_at__lt=now,
    )
    helpful = (
        replies.select_related("thread", "author", "author_user")
        .annotate(helpful_total=Count("helpful_marks"))
        .filter(helpful_total__gt=0)
        .order_by("-helpful_total", "-created_at", "-pk")[:DIGEST_REPLIES]
    )
    return CohortDigest(
        cohort=cohort,
        space_url=space_absolute_url(cohort=cohort),
        thread_count=len(new_threads),
        reply_count=replies.count(),
        threads=[
            DigestThread(
                title=thread.title,
                url=thread_absolute_url(cohort=cohort, thread_id=thread.pk),
                author_name=author_label(thread),
                reply_count=thread.reply_total,
            )
            for thread in new_threads[:DIGEST_THREADS]
        ],
        helpful_replies=[
            DigestReply(
                thread_title=post.thread.title,
                url=thread_absolute_url(cohort=cohort, thread_id=post.thread_id)
                + f"#post-{post.pk}",
                author_name=author_label(post),
                excerpt=Truncator(post_plain_text(post.body_html)).chars(EXCERPT_CHARS),
                helpful_count=post.helpful_total,
            )
            for post in helpful
        ],
    )


def digest_due(*, now: datetime, zone: ZoneInfo) -> tuple[str, datetime]:
    """The next Monday 09:00 in ``zone`` at or after ``now``, as its ISO week
    (e.g. "2026-W11") and a UTC instant."""
    week, due_at = week_monday_at(now=now, zone=zone, send_time=DIGEST_TIME)
    if due_at < now:
        week, due_at = week_monday_at(
            now=now + timedelta(days=7), zone=zone, send_time=DIGEST_TIME
        )
    return week, due_at


def enrollment_zone(*, enrollment: Enrollment) -> ZoneInfo:
    """The learner's own zone, else the cohort's; UTC if neither is known."""
    try:
        return learner_zone(
            learner_zone_name=enrollment.learner.time_zone,
            cohort_zone_name=enrollment.cohort.time_zone,
        )
    except ValueError:
        return _UTC


def cohort_digests_plan(*, now: datetime) -> int:
    """Queue next Monday's digest for members of active spaces who stay away.

    A cohort qualifies if one of its threads was active in the last week. Its
    members qualify if their enrolment is active, they are subscribed, the
    digest is on in their preferences, and they have not opened the space in
    the week before their digest is due. Idempotent (the ISO week is in the
    dedupe key) and bulk: four queries whatever the number of members. Returns
    how many digests were queued.
    """
    active_cohorts = Thread.objects.filter(
        last_activity_at__gte=now - DIGEST_WINDOW, hidden_at__isnull=True
    ).values("cohort_id")
    enrollments = (
        Enrollment.objects.filter(
            cohort_id__in=active_cohorts,
            cohort__paused=False,
            status=EnrollmentStatus.ACTIVE,
            learner__subscription=SubscriptionStatus.SUBSCRIBED,
        )
        # No preferences row means every community email is on.
        .exclude(learner__notification_preferences__cohort_digest=False)
        .select_related("learner", "cohort", "space_visit")
    )
    planned = []
    for enrollment in enrollments:
        week, due_at = digest_due(now=now, zone=enrollment_zone(enrollment=enrollment))
        visit = getattr(enrollment, "space_visit", None)
        if visit is not None and visit.last_visit_at >= due_at - DIGEST_WINDOW:
            continue
        planned.append(
            Notice(
                kind=NoticeKind.COHORT_DIGEST,
                dedupe_key=f"cohort_digest:{enrollment.pk}:{week}",
                due_at=due_at,
                learner=enrollment.learner,
                cohort=enrollment.cohort,
            )
        )
    return notices_queue_bulk(notices=planned)


def notices_queue_bulk(*, notices: list[Notice]) -> int:
    """Queue the notices whose dedupe key is new; two queries. Returns how many."""
    if not notices:
        return 0
    queued_before = set(
        Notice.objects.filter(
            dedupe_key__in=[notice.dedupe_key for notice in notices]
        ).values_list("dedupe_key", flat=True)
    )
    new = [notice for notice in notices if notice.dedupe_key not in queued_before]
    # ignore_conflicts: a parallel planner may have queued some meanwhile.
    Notice.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
