"""Community emails: replies, accepted answers and the weekly space digest.

Each goes through the drip dispatcher (so it is sent once, retried, and
cancelled for unsubscribed learners), carries the one-click unsubscribe
headers, and respects the learner's notification preferences.
"""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.urls import resolve

import pytest

from boosters.drip.dispatch import NOT_SUBSCRIBED, drip_tick
from boosters.drip.notices import notice_queue
from boosters.drip.tokens import (
    learner_from_sign_in_token,
    learner_from_unsubscribe_token,
)
from boosters.factories import CohortFactory, EnrollmentFactory, LearnerFactory
from boosters.models import (
    DeliveryStatus,
    EnrollmentStatus,
    Notice,
    NoticeKind,
    SubscriptionStatus,
)
from community.digests import cohort_digests_plan, digest_due
from community.factories import HelpfulMarkFactory, PostFactory, ThreadFactory
from community.models import NotificationPreferences, SpaceVisit, Thread
from community.notices import (
    NO_LONGER_ACCEPTED,
    POST_GONE,
    POST_HIDDEN,
    QUIET_WEEK,
    THREAD_HIDDEN,
    VISITED,
)
from community.tasks import cohort_digests_plan_task
from hub.schedules import SCHEDULES


def assert_opens_the_reply(url, *, learner, cohort, reply):
    """``url`` is the learner's own sign-in link (no sign-in wall) leading to the
    thread at the reply."""
    parts = urlsplit(url)
    match = resolve(parts.path)
    assert match.url_name == "learner_sign_in_confirm"
    assert learner_from_sign_in_token(match.kwargs["token"]) == learner
    [next_url] = parse_qs(parts.query)["next"]
    thread = resolve(urlsplit(next_url).path)
    assert thread.url_name == "community_thread"
    assert thread.kwargs == {"cohort_slug": cohort.slug, "thread_id": reply.thread_id}
    assert urlsplit(next_url).fragment == f"post-{reply.pk}"


pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 11, 15, 0, tzinfo=dt.UTC)  # Wednesday
# Monday 16 March 2026, 09:00 in New York (EDT since 8 March) and in London (GMT).
MONDAY_NEW_YORK = dt.datetime(2026, 3, 16, 13, 0, tzinfo=dt.UTC)
MONDAY_LONDON = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)
WEEK = "2026-W12"


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_unsubscribable(message, learner):
    """The one-click headers and the footer link both unsubscribe ``learner``."""
    headers = message.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    web = re.search(r"<(https?://[^>]+)>", headers["List-Unsubscribe"]).group(1)
    token = resolve(urlsplit(web).path).kwargs["token"]
    assert learner_from_unsubscribe_token(token) == learner
    assert web in html_of(message)
    assert web in message.body


@pytest.fixture
def cohort():
    return CohortFactory(name="New York, spring", slug="new-york-spring")


def member(cohort, **learner):
    return EnrollmentFactory(
        cohort=cohort, **{f"learner__{key}": value for key, value in learner.items()}
    )


@pytest.fixture
def dana(cohort):
    """A member who started a thread."""
    return member(cohort, first_name="Dana", last_name="Reyes").learner


@pytest.fixture
def ana(cohort):
    """A member who replies."""
    return member(cohort, first_name="Ana", last_name="Silva").learner


@pytest.fixture
def thread(cohort, dana):
    return ThreadFactory(
        cohort=cohort,
        author=dana,
        title="How do I give feedback to my manager?",
        created_at=NOW,
    )


@pytest.fixture
def reply(thread, ana):
    return PostFactory(
        thread=thread,
        author=ana,
        body_html="<p>I asked for <strong>five minutes</strong> after the meeting.</p>",
        created_at=NOW,
    )


def queue(kind, *, learner, post, cohort):
    return notice_queue(
        kind=kind,
        dedupe_key=f"{kind}:{post.pk}",
        due_at=NOW,
        learner=learner,
        cohort=cohort,
        subject_id=post.pk,
    )


def preferences(learner, **off):
    return NotificationPreferences.objects.create(learner=learner, **off)


# Replies to your thread


def test_a_reply_notice_names_who_replied_quotes_them_and_links_to_the_reply(
    cohort, dana, thread, reply
):
    queue(NoticeKind.REPLY, learner=dana, post=reply, cohort=cohort)

    assert drip_tick(now=NOW).sent == 1

    [message] = mail.outbox
    assert message.to == [dana.email]
    assert message.subject == (
        "Ana Silva replied to your thread “How do I give feedback to my manager?”"
    )
    html = html_of(message)
    assert "I asked for five minutes after the meeting." in message.body
    assert "<strong>" not in message.body
    assert "I asked for five minutes after the meeting." in html
    [url] = re.findall(r'href="([^"]+)"[^>]*>\s*Read the reply', html)
    assert_opens_the_reply(url, learner=dana, cohort=cohort, reply=reply)
    assert url in message.body
    assert_unsubscribable(message, dana)
    assert Notice.objects.get().status == DeliveryStatus.SENT


def test_a_reply_notice_is_skipped_when_the_learner_turned_replies_off(
    cohort, dana, reply
):
    preferences(dana, replies=False)
    queue(NoticeKind.REPLY, learner=dana, post=reply, cohort=cohort)

    assert drip_tick(now=NOW).skipped == 1

    assert mail.outbox == []
    notice = Notice.objects.get()
    assert notice.status == DeliveryStatus.SKIPPED
    assert notice.status_reason == "The learner turned off reply emails."


def test_other_preferences_off_do_not_stop_reply_notices(cohort, dana, reply):
    preferences(dana, accepted=False, cohort_digest=False)
    queue(NoticeKind.REPLY, learner=dana, post=reply, cohort=cohort)

    assert drip_tick(now=NOW).sent == 1


def test_a_reply_notice_to_an_unsubscribed_learner_is_cancelled(cohort, dana, reply):
    queue(NoticeKind.REPLY, learner=dana, post=reply, cohort=cohort)
    dana.subscription = SubscriptionStatus.UNSUBSCRIBED
    dana.save()

    result = drip_tick(now=NOW)

    assert (result.sent, result.cancelled) == (0, 1)
    notice = Notice.objects.get()
    assert (notice.status, notice.status_reason) == (
        DeliveryStatus.CANCELLED,
        NOT_SUBSCRIBED,
    )
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("deleted", POST_GONE),
        ("removed", POST_GONE),
        ("hidden", POST_HIDDEN),
        ("thread hidden", THREAD_HIDDEN),
    ],
)
def test_a_reply_gone_before_the_notice_is_sent_is_skipped(
    cohort, dana, reply, change, reason
):
    queue(NoticeKind.REPLY, learner=dana, post=reply, cohort=cohort)
    if change == "deleted":
        reply.deleted_at = NOW
        reply.save()
    elif change == "removed":
        reply.delete()
    elif change == "hidden":
        reply.hidden_at = NOW
        reply.save()
    else:
        Thread.objects.filter(pk=reply.thread_id).update(hidden_at=NOW)

    assert drip_tick(now=NOW).skipped == 1

    assert Notice.objects.get().status_reason == reason
    assert mail.outbox == []


def test_a_reply_notice_is_skipped_once_the_learner_left_the_cohort(
    cohort, dana, reply
):
    queue(NoticeKind.REPLY, learner=dana, post=reply, cohort=cohort)
    dana.enrollments.update(status=EnrollmentStatus.WITHDRAWN)

    assert drip_tick(now=NOW).skipped == 1


def test_replies_through_the_space_notify_the_thread_author(cohort, dana, ana, thread):
    from community.services import reply_post

    reply_post(thread=thread, learner=ana, text="Try the **situation** first.", now=NOW)

    assert drip_tick(now=NOW).sent == 1
    [message] = mail.outbox
    assert message.to == [dana.email]
    assert "Try the situation first." in message.body


# Your reply accepted as the answer


def test_an_accepted_notice_thanks_the_replier_and_links_to_their_reply(
    cohort, ana, thread, reply
):
    Thread.objects.filter(pk=thread.pk).update(accepted_post=reply)
    queue(NoticeKind.ACCEPTED, learner=ana, post=reply, cohort=cohort)

    assert drip_tick(now=NOW).sent == 1

    [message] = mail.outbox
    assert message.to == [ana.email]
    assert message.subject == (
        "Your reply was accepted as the answer in "
        "“How do I give feedback to my manager?”"
    )
    [url] = re.findall(r"https?://\S+/learn/\S+next=\S+", message.body)
    assert_opens_the_reply(url, learner=ana, cohort=cohort, reply=reply)
    assert "I asked for five minutes after the meeting." in message.body
    assert_unsubscribable(message, ana)


def test_an_accepted_notice_is_skipped_when_the_learner_turned_it_off(
    cohort, ana, thread, reply
):
    Thread.objects.filter(pk=thread.pk).update(accepted_post=reply)
    preferences(ana, accepted=False)
    queue(NoticeKind.ACCEPTED, learner=ana, post=reply, cohort=cohort)

    assert drip_tick(now=NOW).skipped == 1
    assert Notice.objects.get().status_reason == (
        "The learner turned off accepted answer emails."
    )
    assert mail.outbox == []


def test_an_accepted_notice_is_skipped_if_the_answer_was_unaccepted(cohort, ana, reply):
    queue(NoticeKind.ACCEPTED, learner=ana, post=reply, cohort=cohort)

    assert drip_tick(now=NOW).skipped == 1
    assert Notice.objects.get().status_reason == NO_LONGER_ACCEPTED


def test_an_accepted_notice_to_an_unsubscribed_learner_is_cancelled(
    cohort, ana, thread, reply
):
    Thread.objects.filter(pk=thread.pk).update(accepted_post=reply)
    queue(NoticeKind.ACCEPTED, learner=ana, post=reply, cohort=cohort)
    ana.subscription = SubscriptionStatus.SUPPRESSED
    ana.save()

    assert drip_tick(now=NOW).cancelled == 1
    assert mail.outbox == []


# The weekly cohort digest


@pytest.fixture
def busy_week(cohort, dana, ana):
    """A week in the space: two new threads, replies, one marked helpful."""
    thread = ThreadFactory(
        cohort=cohort, author=dana, title="Feedback upwards?", created_at=NOW
    )
    ThreadFactory(
        cohort=cohort,
        author=ana,
        title="A success story",
        created_at=NOW + dt.timedelta(hours=1),
    )
    ThreadFactory(
        cohort=cohort,
        author=ana,
        title="Something a facilitator hid",
        created_at=NOW,
        hidden_at=NOW,
    )
    helpful = PostFactory(
        thread=thread,
        author=ana,
        body_html="<p>Ask for five minutes after the meeting.</p>",
        created_at=NOW,
    )
    PostFactory(thread=thread, author=dana, created_at=NOW)
    PostFactory(thread=thread, author=dana, created_at=NOW, deleted_at=NOW)
    for _ in range(2):
        HelpfulMarkFactory(post=helpful, learner=member(cohort).learner)
    return thread


def test_digests_are_planned_for_members_who_have_not_visited_this_week(
    cohort, busy_week
):
    never = member(cohort)
    long_ago = member(cohort)
    SpaceVisit.objects.create(
        enrollment=long_ago, last_visit_at=MONDAY_NEW_YORK - dt.timedelta(days=8)
    )
    recently = member(cohort)
    SpaceVisit.objects.create(enrollment=recently, last_visit_at=NOW)
    turned_off = member(cohort)
    preferences(turned_off.learner, cohort_digest=False)
    member(cohort, subscription=SubscriptionStatus.UNSUBSCRIBED)
    withdrawn = member(cohort)
    withdrawn.status = EnrollmentStatus.WITHDRAWN
    withdrawn.save()
    quiet = CohortFactory()
    member(quiet)
    ThreadFactory(cohort=quiet, created_at=NOW - dt.timedelta(days=9))

    cohort_digests_plan(now=NOW)

    planned = {n.learner_id: n for n in Notice.objects.all()}
    assert never.learner_id in planned and long_ago.learner_id in planned
    assert recently.learner_id not in planned
    assert turned_off.learner_id not in planned
    assert withdrawn.learner_id not in planned
    assert {n.cohort_id for n in planned.values()} == {cohort.pk}
    notice = planned[never.learner_id]
    assert notice.kind == NoticeKind.COHORT_DIGEST
    assert notice.due_at == MONDAY_NEW_YORK
    assert notice.dedupe_key == f"cohort_digest:{never.pk}:{WEEK}"


def test_planning_digests_again_queues_nothing_new(cohort, busy_week):
    queued = cohort_digests_plan(now=NOW)

    assert queued == Notice.objects.count() > 0
    assert cohort_digests_plan(now=NOW + dt.timedelta(hours=1)) == 0
    assert Notice.objects.count() == queued


def test_a_digest_is_due_monday_at_nine_in_the_learners_own_zone(cohort, busy_week):
    londoner = member(cohort, time_zone="Europe/London")

    cohort_digests_plan(now=NOW)

    assert Notice.objects.get(learner=londoner.learner).due_at == MONDAY_LONDON


def test_digest_due_is_the_next_monday_nine_oclock():
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    assert digest_due(now=NOW, zone=new_york) == (WEEK, MONDAY_NEW_YORK)
    assert digest_due(now=MONDAY_NEW_YORK, zone=new_york) == (WEEK, MONDAY_NEW_YORK)
    after = MONDAY_NEW_YORK + dt.timedelta(minutes=1)
    assert digest_due(now=after, zone=new_york) == (
        "2026-W13",
        MONDAY_NEW_YORK + dt.timedelta(days=7),
    )


def test_the_digest_shows_the_weeks_new_threads_helpful_replies_and_counts(
    cohort, busy_week
):
    reader = member(cohort, first_name="Ravi")
    cohort_digests_plan(now=NOW)

    drip_tick(now=MONDAY_NEW_YORK)

    [message] = [m for m in mail.outbox if m.to == [reader.learner.email]]
    assert message.subject == "This week in your New York, spring space"
    html = html_of(message)
    for part in (html, message.body):
        assert "Feedback upwards?" in part
        assert "A success story" in part
        assert "Something a facilitator hid" not in part
        assert "Ask for five minutes after the meeting." in part
        assert "2 new threads and 2 replies" in part
        assert "2 found it helpful" in part
    [space_url] = re.findall(r'href="([^"]+)"[^>]*>\s*Open the New York', html)
    assert resolve(urlsplit(space_url).path).url_name == "community_space"
    assert_unsubscribable(message, reader.learner)


def test_a_member_who_visits_before_monday_gets_no_digest(cohort, busy_week):
    reader = member(cohort)
    cohort_digests_plan(now=NOW)
    SpaceVisit.objects.create(
        enrollment=reader, last_visit_at=NOW + dt.timedelta(days=2)
    )

    drip_tick(now=MONDAY_NEW_YORK)

    notice = Notice.objects.get(learner=reader.learner)
    assert (notice.status, notice.status_reason) == (DeliveryStatus.SKIPPED, VISITED)
    assert reader.learner.email not in [m.to[0] for m in mail.outbox]


def test_a_digest_turned_off_after_planning_is_skipped(cohort, busy_week):
    reader = member(cohort)
    cohort_digests_plan(now=NOW)
    preferences(reader.learner, cohort_digest=False)

    drip_tick(now=MONDAY_NEW_YORK)

    notice = Notice.objects.get(learner=reader.learner)
    assert notice.status == DeliveryStatus.SKIPPED
    assert notice.status_reason == "The learner turned off weekly digest emails."


def test_a_digest_to_a_learner_who_unsubscribed_after_planning_is_cancelled(
    cohort, busy_week
):
    reader = member(cohort)
    cohort_digests_plan(now=NOW)
    reader.learner.subscription = SubscriptionStatus.UNSUBSCRIBED
    reader.learner.save()

    drip_tick(now=MONDAY_NEW_YORK)

    notice = Notice.objects.get(learner=reader.learner)
    assert (notice.status, notice.status_reason) == (
        DeliveryStatus.CANCELLED,
        NOT_SUBSCRIBED,
    )


def test_a_week_that_turned_quiet_sends_no_digest(cohort, dana):
    reader = member(cohort)
    ThreadFactory(cohort=cohort, author=dana, created_at=NOW - dt.timedelta(days=6))
    # Planned after Monday's digest time: for the next Monday, a quiet week.
    cohort_digests_plan(
        now=MONDAY_NEW_YORK - dt.timedelta(days=7) + dt.timedelta(hours=1)
    )
    notice = Notice.objects.get(learner=reader.learner)
    assert notice.due_at == MONDAY_NEW_YORK

    drip_tick(now=MONDAY_NEW_YORK)

    notice.refresh_from_db()
    assert (notice.status, notice.status_reason) == (DeliveryStatus.SKIPPED, QUIET_WEEK)


def test_planning_digests_takes_a_few_queries_however_many_members(
    cohort, busy_week, django_assert_max_num_queries
):
    for _ in range(25):
        member(cohort)

    with django_assert_max_num_queries(4):
        assert cohort_digests_plan(now=NOW) >= 25


def test_the_hourly_task_plans_digests_and_is_scheduled(cohort, dana):
    from django.utils import timezone

    ThreadFactory(cohort=cohort, author=dana, created_at=timezone.now())

    assert cohort_digests_plan_task().startswith("planned 1 cohort digests")
    assert Notice.objects.get(kind=NoticeKind.COHORT_DIGEST).learner == dana
    [spec] = [s for s in SCHEDULES if s.name == "Plan cohort digests"]
    assert spec.func == "community.tasks.cohort_digests_plan_task"


def test_a_learner_with_no_preferences_row_gets_every_kind(cohort):
    learner = LearnerFactory()

    assert not NotificationPreferences.objects.filter(learner=learner).exists()
    from community.notices import notifications_on

    for kind in ("replies", "accepted", "cohort_digest"):
        assert notifications_on(learner=learner, preference=kind)


def test_a_reply_notices_link_signs_the_author_in_and_opens_the_reply(
    client, cohort, dana, thread, reply
):
    queue(NoticeKind.REPLY, learner=dana, post=reply, cohort=cohort)
    drip_tick(now=NOW)
    [url] = re.findall(
        r'href="([^"]+)"[^>]*>\s*Read the reply', html_of(mail.outbox[0])
    )
    parts = urlsplit(url.replace("&amp;", "&"))
    path = f"{parts.path}?{parts.query}"

    assert client.get(path).status_code == 200  # a scanner's GET signs nobody in
    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"].endswith(f"/{thread.pk}/#post-{reply.pk}")
    assert client.get(response["Location"].split("#")[0]).status_code == 200
