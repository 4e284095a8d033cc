"""The session page and learners' questions: local times, the form (CSRF,
membership, bad input), and the facilitator's grouped view."""

import datetime as dt
import re

from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

import pytest

from boosters.factories import CohortFactory, EnrollmentFactory
from live_sessions.factories import LiveSessionPageFactory, SessionQuestionFactory
from live_sessions.models import SessionQuestion

from .helpers import session_cohort

pytestmark = pytest.mark.django_db

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def session(topic):
    # A session far enough ahead that questions are open, whatever today is.
    page = LiveSessionPageFactory(
        parent=topic, title="Feedback clinic", session_date=dt.date(2099, 3, 10)
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def member(session, sign_in, client):
    cohort = session_cohort(session)
    learner = cohort.enrollments.get().learner
    learner.time_zone = "Asia/Tokyo"
    learner.save()
    sign_in(client, learner)
    return learner


def ask(client, session, text, agenda_item=""):
    url = reverse("live_session_question", kwargs={"page_id": session.pk})
    return client.post(url, {"text": text, "agenda_item": agenda_item})


def test_a_visitor_sees_the_organisers_time_named(client, session):
    response = client.get(session.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuesday 10 March 2099, 10:00–11:00 (America/New_York)" in html
    assert (
        "In the organiser&#x27;s time zone." in html
        or "In the organiser's time zone." in html
    )
    assert "https://meet.example.com/feedback-clinic" not in html  # invitees only
    assert "Your hardest conversation" in html
    assert "to send the facilitator a question" in html


def test_a_member_sees_their_own_time_and_the_form(client, session, member):
    html = client.get(session.url).content.decode()

    # 10:00 in New York (EDT) is 23:00 in Tokyo.
    assert (
        "Tuesday 10 March 2099, 23:00–Wednesday 11 March 2099, 00:00 (Asia/Tokyo)"
        in html
    )
    assert "In your time zone." in html
    assert 'href="https://meet.example.com/feedback-clinic"' in html
    assert 'name="text"' in html
    assert "Practice in pairs" in html  # an agenda item to file it under


def test_a_member_sends_a_question_filed_under_an_agenda_item(client, session, member):
    item_id, title = session.agenda_items[1]

    response = ask(client, session, "  How do I start with someone senior?  ", item_id)

    assert response.status_code == 302
    assert response["Location"].endswith("#questions")
    question = SessionQuestion.objects.get()
    assert question.text == "How do I start with someone senior?"
    assert question.agenda_item_title == "Practice in pairs"
    assert question.enrollment.learner == member
    page = client.get(session.url).content.decode()
    assert "your question is with the facilitator" in page
    assert "How do I start with someone senior?" in page


def test_the_form_needs_a_csrf_token(session, member, sign_in):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, member)

    assert ask(client, session, "A question").status_code == 403
    token = _CSRF.search(client.get(session.url).content.decode()).group(1)
    response = client.post(
        reverse("live_session_question", kwargs={"page_id": session.pk}),
        {"text": "A question", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert SessionQuestion.objects.count() == 1


def test_only_members_of_its_cohorts_may_ask(client, session, sign_in):
    outsider = EnrollmentFactory(cohort=CohortFactory()).learner
    sign_in(client, outsider)

    assert ask(client, session, "Let me in").status_code == 404
    assert not SessionQuestion.objects.exists()
    assert "you are not in one of them" in client.get(session.url).content.decode()


def test_nobody_signed_in_is_sent_to_sign_in(client, session):
    response = ask(client, session, "Hello")

    assert response.status_code == 302
    assert "/learn/sign-in/" in response["Location"]
    assert not SessionQuestion.objects.exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("   ", "Write your question before sending it."),
        ("Tab\x0bbed", "contains a control character"),
        ("x" * 1001, "Keep your question to 1000 characters; it has 1001."),
        ("Line one\nline two", None),
    ],
)
def test_bad_questions_come_back_with_the_reason(
    client, session, member, text, message
):
    response = ask(client, session, text)

    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SessionQuestion.objects.exists()


def test_a_nul_byte_is_refused_without_a_server_error(client, session, member):
    response = ask(client, session, "Hi\x00there")

    assert response.status_code == 400
    assert not SessionQuestion.objects.exists()


def test_questions_close_when_the_session_is_over(client, topic, sign_in):
    past = LiveSessionPageFactory(parent=topic, session_date=dt.date(2020, 3, 10))
    past.save_revision().publish()
    learner = session_cohort(past).enrollments.get().learner
    sign_in(client, learner)

    response = ask(client, past, "Too late?")

    assert response.status_code == 400
    assert "The session is over" in response.content.decode()


def test_an_agenda_item_that_is_gone_is_refused_clearly(client, session, member):
    response = ask(client, session, "About what?", agenda_item="no-such-item")

    assert response.status_code == 400
    assert "no longer on the agenda" in response.content.decode()


def test_the_facilitator_sees_questions_grouped_with_counts(
    client, session, django_user_model, django_assert_max_num_queries
):
    cohort = session_cohort(session, learners=3, region="São Paulo")
    enrollments = list(cohort.enrollments.all())
    first_item, second_item = session.agenda_items
    SessionQuestionFactory(
        page=session, enrollment=enrollments[0], text="Where do I start?"
    )
    for enrollment in enrollments[1:]:
        SessionQuestionFactory(
            page=session,
            enrollment=enrollment,
            agenda_item_id=second_item[0],
            agenda_item_title=second_item[1],
            text=f"Pairs question from {enrollment.learner.first_name}",
        )
    facilitator = django_user_model.objects.create_user(
        "dana", "dana@example.com", "pw"
    )
    facilitator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    session.facilitator = facilitator
    session.save_revision().publish()
    client.force_login(facilitator)

    with django_assert_max_num_queries(30):
        response = client.get(reverse("live_sessions_questions", args=[session.pk]))

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [(g.title, g.count) for g in groups] == [
        ("Practice in pairs", 2),
        ("General", 1),
    ]
    html = response.content.decode()
    assert "Where do I start?" in html
    assert cohort.name in html
    assert 'http-equiv="refresh"' in html  # reloads until the session ends
