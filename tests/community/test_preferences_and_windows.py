"""Learners choose their community emails; discussions close after their window."""

import datetime as dt
import re

import pytest

from boosters.factories import CohortFactory, EnrollmentFactory
from community.factories import ThreadFactory
from community.models import NotificationPreferences, Thread, ThreadKind
from community.pages import DiscussionPage
from community.prompts import discussion_threads_close

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


def test_my_learning_lists_every_email_kind_on_its_own_row_on_until_chosen(
    client, sign_in
):
    learner = EnrollmentFactory().learner
    sign_in(client, learner)
    html = client.get("/learn/my-learning/").content.decode()
    form = html[
        html.index('id="email-preferences"') : html.index(
            "</form>", html.index('id="email-preferences"')
        )
    ]
    assert "<fieldset" in form and "<legend>What we email you</legend>" in form
    rows = form.split('<li class="pref-row">')[1:]
    labels = [
        re.search(r'pref-row__label"[^>]*>([^<]+)<', row).group(1) for row in rows
    ]
    assert labels == [
        "Booster emails",
        "Replies to my threads",
        "My reply accepted",
        "Weekly cohort digest",
    ]
    assert all('class="pref-row__description"' in row for row in rows)
    assert 'pref-status--on">On<' in rows[0]  # booster email: pause or stop below
    for row, name in zip(
        rows[1:], ("replies", "accepted", "cohort_digest"), strict=True
    ):
        switch = re.search(r"<input[^>]*>", row).group(0)
        assert f'name="{name}"' in switch and 'role="switch"' in switch
        assert "checked" in switch
        switch_id = re.search(r' id="([^"]+)"', switch).group(1)
        assert f'for="{switch_id}"' in row  # the label names the switch
    assert form.count('type="submit"') == 1  # a single Save


def test_the_learner_turns_off_the_weekly_digest(client, sign_in):
    learner = EnrollmentFactory().learner
    sign_in(client, learner)
    response = client.post(
        "/community/email-preferences/", {"replies": "on", "accepted": "on"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/learn/my-learning/#email-preferences")
    page = client.get(response["Location"]).content.decode()
    assert "Your email choices are saved." in page
    assert 'id="pref-digest" name="cohort_digest">' in page  # now off
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
