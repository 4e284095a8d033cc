"""A week before and after a live session: notices at each learner's local
send time, the cohort's discussion thread opened once, the recording announced."""

import datetime as dt

from django.core import mail

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.models import DeliveryStatus, Notice, NoticeKind, SubscriptionStatus
from community.models import Thread, ThreadKind
from home.factories import ScreencastPageFactory
from live_sessions.factories import DiscussionPageFactory, LiveSessionPageFactory
from live_sessions.planning import live_session_notices_plan
from live_sessions.timing import after_due, before_due
from tests.media import video_media

from .helpers import ENDS_AT, STARTS_AT, session_cohort

pytestmark = pytest.mark.django_db

BEFORE_PLANNING = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
# A week before Tuesday 10 March is Tuesday 3 March: 09:00 in Tokyo is
# 00:00 UTC; 09:00 in New York (still EST) is 14:00 UTC.
TOKYO_BEFORE = dt.datetime(2026, 3, 3, 0, 0, tzinfo=dt.UTC)
NEW_YORK_BEFORE = dt.datetime(2026, 3, 3, 14, 0, tzinfo=dt.UTC)
# The session ends at 15:00 UTC: midnight in Tokyo, 11:00 in New York (EDT).
# Each gets the follow-up at their next 09:00, on Wednesday 11 March.
TOKYO_AFTER = dt.datetime(2026, 3, 11, 0, 0, tzinfo=dt.UTC)
NEW_YORK_AFTER = dt.datetime(2026, 3, 11, 13, 0, tzinfo=dt.UTC)


@pytest.fixture
def session(topic):
    pre = DiscussionPageFactory(parent=topic, title="Before the clinic")
    post = DiscussionPageFactory(
        parent=topic,
        title="After the clinic",
        questions=[
            ("question", "What did you try after the session?"),
            ("question", "What would you do differently?"),
        ],
    )
    page = LiveSessionPageFactory(
        parent=topic, title="Feedback clinic", pre_discussion=pre, post_discussion=post
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def learners(session):
    """Two learners in one New York cohort; the first lives in Tokyo."""
    cohort = session_cohort(session, learners=2)
    tokyo, new_york = (e.learner for e in cohort.enrollments.order_by("pk"))
    tokyo.time_zone = "Asia/Tokyo"
    tokyo.save()
    return tokyo, new_york


def due_times(kind):
    return {n.learner.email: n.due_at for n in Notice.objects.filter(kind=kind)}


def test_the_week_before_goes_at_each_learners_own_send_time(session, learners):
    tokyo, new_york = learners

    assert live_session_notices_plan(now=BEFORE_PLANNING) == 4

    assert due_times(NoticeKind.SESSION_BEFORE) == {
        tokyo.email: TOKYO_BEFORE,
        new_york.email: NEW_YORK_BEFORE,
    }
    assert due_times(NoticeKind.SESSION_AFTER) == {
        tokyo.email: TOKYO_AFTER,
        new_york.email: NEW_YORK_AFTER,
    }


def test_planning_again_queues_nothing_new(session, learners):
    live_session_notices_plan(now=BEFORE_PLANNING)

    assert live_session_notices_plan(now=BEFORE_PLANNING + dt.timedelta(hours=1)) == 0
    assert Notice.objects.count() == 4


def test_the_week_before_email_opens_one_thread_for_the_cohort(session, learners):
    tokyo, new_york = learners
    live_session_notices_plan(now=BEFORE_PLANNING)

    drip_tick(now=TOKYO_BEFORE)  # the invites, overdue, go too
    [thread] = Thread.objects.all()
    assert thread.kind == ThreadKind.DISCUSSION
    assert thread.source_page_id == session.pre_discussion_id
    assert thread.cohort == tokyo.enrollments.get().cohort
    drip_tick(now=NEW_YORK_BEFORE)
    assert Thread.objects.count() == 1

    by_learner = {m.to[0]: m for m in mail.outbox if m.subject.startswith("Before")}
    assert len(by_learner) == 2
    message = by_learner[new_york.email]
    assert message.subject == "Before Feedback clinic: let's discuss"
    assert "What feedback conversation do you keep putting off?" in message.body
    assert "Tuesday 10 March 2026, 10:00–11:00 (America/New_York)" in message.body
    # The learner's own sign-in link, leading to the thread.
    assert (
        f"next=%2Fcommunity%2F{thread.cohort.slug}%2Fthreads%2F{thread.pk}%2F"
        in message.body
    )
    assert "Tuesday 10 March 2026, 23:00" in by_learner[tokyo.email].body


def test_the_follow_up_opens_the_post_discussion_with_the_assignment_due(
    session, learners
):
    tokyo, new_york = learners
    live_session_notices_plan(now=BEFORE_PLANNING)

    drip_tick(now=NEW_YORK_AFTER)

    after = [m for m in mail.outbox if m.subject.startswith("After")]
    assert len(after) == 2
    message = next(m for m in after if m.to[0] == new_york.email)
    assert "What did you try after the session?" in message.body
    assert "Use SBI in one real conversation this week." in message.body
    # A week after the end: 17 March in both zones.
    assert "Try it by Tuesday 17 March 2026" in message.body
    assert Thread.objects.filter(source_page=session.post_discussion).count() == 1


def test_unsubscribed_learners_and_paused_cohorts_get_nothing(session, learners):
    tokyo, _ = learners
    tokyo.subscription = SubscriptionStatus.UNSUBSCRIBED
    tokyo.save()
    session_cohort(
        session, learners=2, paused=True, program=tokyo.enrollments.get().cohort.program
    )

    live_session_notices_plan(now=BEFORE_PLANNING)

    assert {n.learner for n in Notice.objects.all()} == {learners[1]}


def test_a_moved_session_moves_the_pending_notices(session, learners):
    tokyo, _ = learners
    live_session_notices_plan(now=BEFORE_PLANNING)

    session.session_date = dt.date(2026, 3, 12)
    session.save_revision().publish()
    live_session_notices_plan(now=BEFORE_PLANNING + dt.timedelta(hours=1))

    assert due_times(NoticeKind.SESSION_BEFORE)[
        tokyo.email
    ] == TOKYO_BEFORE + dt.timedelta(days=2)


def test_a_cancelled_session_cancels_its_pending_notices(session, learners):
    live_session_notices_plan(now=BEFORE_PLANNING)
    session_cohort_invited = learners  # noqa: F841 — the invites are not sent yet

    session.cancelled = True
    session.save_revision().publish()

    # No invite was sent, so no CANCEL goes; the before and after notices stop.
    assert set(Notice.objects.values_list("status", flat=True)) == {
        DeliveryStatus.CANCELLED
    }
    assert live_session_notices_plan(now=BEFORE_PLANNING + dt.timedelta(hours=1)) == 0


def test_a_recording_attached_after_the_follow_up_is_announced_once(
    session, learners, topic
):
    live_session_notices_plan(now=BEFORE_PLANNING)
    drip_tick(now=NEW_YORK_AFTER)
    mail.outbox.clear()

    recording = ScreencastPageFactory(
        parent=topic, title="Feedback clinic: recording", video=video_media()
    )
    session.recording = recording
    session.save_revision().publish()
    later = dt.datetime(2026, 3, 12, 12, 0, tzinfo=dt.UTC)
    assert live_session_notices_plan(now=later) == 2
    assert live_session_notices_plan(now=later) == 0

    drip_tick(now=later + dt.timedelta(days=1))
    recordings = [m for m in mail.outbox if m.subject == "Recording: Feedback clinic"]
    assert len(recordings) == 2
    assert "Feedback clinic: recording" in recordings[0].body


def test_a_recording_attached_before_the_follow_up_rides_along_with_it(
    session, learners, topic
):
    recording = ScreencastPageFactory(
        parent=topic, title="Feedback clinic: recording", video=video_media()
    )
    session.recording = recording
    session.save_revision().publish()

    live_session_notices_plan(now=ENDS_AT + dt.timedelta(minutes=5))
    drip_tick(now=NEW_YORK_AFTER)

    assert not Notice.objects.filter(kind=NoticeKind.SESSION_RECORDING).exists()
    [message, *_] = [m for m in mail.outbox if m.subject.startswith("After")]
    assert "Watch the recording" in message.body


# -- the timing rules, without the database ----------------------------------


def test_a_session_added_late_gets_its_week_before_email_at_the_next_send_time():
    from zoneinfo import ZoneInfo

    now = dt.datetime(2026, 3, 6, 20, 0, tzinfo=dt.UTC)  # Friday, 15:00 in New York
    due = before_due(
        starts_at=STARTS_AT,
        now=now,
        zone=ZoneInfo("America/New_York"),
        send_time=dt.time(9, 0),
        weekend=frozenset({6, 7}),
        working_days_only=True,
    )
    # Saturday and Sunday are the weekend: Monday 9 March, 09:00 EDT.
    assert due == dt.datetime(2026, 3, 9, 13, 0, tzinfo=dt.UTC)


def test_too_late_for_a_week_before_email_there_is_none():
    from zoneinfo import ZoneInfo

    assert (
        before_due(
            starts_at=STARTS_AT,
            now=STARTS_AT - dt.timedelta(minutes=30),
            zone=ZoneInfo("America/New_York"),
            send_time=dt.time(9, 0),
        )
        is None
    )


def test_the_follow_up_skips_the_weekend():
    from zoneinfo import ZoneInfo

    friday_end = dt.datetime(2026, 3, 13, 20, 0, tzinfo=dt.UTC)
    due = after_due(
        ends_at=friday_end,
        zone=ZoneInfo("America/New_York"),
        send_time=dt.time(9, 0),
        weekend=frozenset({6, 7}),
        working_days_only=True,
    )
    assert due == dt.datetime(2026, 3, 16, 13, 0, tzinfo=dt.UTC)


def test_a_portuguese_learner_reads_the_follow_up_from_the_translated_session(
    session, learners
):
    from tests.boosters.i18n_helpers import translate_page

    _, new_york = learners
    new_york.language = "pt-br"
    new_york.save()
    translate_page(
        session,
        "pt-br",
        title="Clínica de feedback",
        practice_assignment="<p>Use o SBI em uma conversa real esta semana.</p>",
    )
    translate_page(
        session.post_discussion,
        "pt-br",
        questions=[
            ("question", "O que você tentou depois da sessão?"),
            ("question", "O que você faria diferente?"),
        ],
    )
    live_session_notices_plan(now=BEFORE_PLANNING)

    drip_tick(now=NEW_YORK_AFTER)

    message = next(m for m in mail.outbox if m.to[0] == new_york.email)
    assert message.subject.startswith("Depois de Clínica de feedback")
    assert "O que você tentou depois da sessão?" in message.body
    assert "Use o SBI em uma conversa real esta semana." in message.body
    # The cohort still talks in one thread, the session's own.
    assert Thread.objects.filter(source_page=session.post_discussion).count() == 1
