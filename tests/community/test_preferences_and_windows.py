"""Learners choose their community emails; discussions close after their window."""

import datetime as dt

import pytest

from boosters.factories import CohortFactory, EnrollmentFactory
from community.factories import ThreadFactory
from community.models import NotificationPreferences, Thread, ThreadKind
from community.pages import DiscussionPage
from community.prompts import discussion_threads_close

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


def test_my_learning_shows_every_email_kind_on_until_the_learner_chooses(
    client, sign_in
):
    learner = EnrollmentFactory().learner
    sign_in(client, learner)
    html = client.get("/learn/my-learning/").content.decode()
    assert html.count("checked> ") >= 3 or html.count("checked>") >= 3
    assert "Emails from your cohort space" in html


def test_the_learner_turns_off_the_weekly_digest(client, sign_in):
    learner = EnrollmentFactory().learner
    sign_in(client, learner)
    response = client.post(
        "/community/email-preferences/", {"replies": "on", "accepted": "on"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/learn/my-learning/#email-preferences")
    preferences = NotificationPreferences.objects.get(learner=learner)
    assert (preferences.replies, preferences.accepted, preferences.cohort_digest) == (
        True,
        True,
        False,
    )


def test_preferences_need_a_signed_in_learner(client):
    response = client.post("/community/email-preferences/", {"replies": "on"})
    assert response.status_code == 302
    assert "/learn/sign-in/" in response["Location"]
    assert NotificationPreferences.objects.count() == 0


def test_a_discussion_locks_once_its_window_has_passed(topic):
    page = DiscussionPage(
        title="What got in the way?",
        slug="what-got-in-the-way",
        intro="<p>Share one obstacle.</p>",
        questions=[("question", "What got in the way?"), ("question", "What helped?")],
        window_days=7,
    )
    topic.add_child(instance=page)
    cohort = CohortFactory()
    recent = ThreadFactory(
        cohort=cohort,
        kind=ThreadKind.DISCUSSION,
        source_page=page,
        created_at=NOW - dt.timedelta(days=6),
    )
    other = CohortFactory()
    old = ThreadFactory(
        cohort=other,
        kind=ThreadKind.DISCUSSION,
        source_page=page,
        created_at=NOW - dt.timedelta(days=7),
    )
    learner_thread = ThreadFactory(
        cohort=cohort, kind=ThreadKind.LEARNER, created_at=NOW - dt.timedelta(days=30)
    )

    assert discussion_threads_close(now=NOW) == 1
    assert Thread.objects.get(pk=old.pk).locked
    assert not Thread.objects.get(pk=recent.pk).locked
    assert not Thread.objects.get(pk=learner_thread.pk).locked
    assert discussion_threads_close(now=NOW) == 0
