"""My learning: a signed-in learner's upcoming items, answers, mastery and score.

Ana is in a São Paulo cohort (UTC-3 all year), so 12:00 UTC is 09:00 for her.
"""

import datetime as dt
import itertools
from html import unescape

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    booster_with_choices,
)
from boosters.learners.my_learning import learner_progress
from boosters.models import (
    Answer,
    AnswerChannel,
    Delivery,
    DeliveryStatus,
    QuestionState,
)
from home.factories import ArticlePageFactory, ScreencastPageFactory
from tests.media import video_media

pytestmark = pytest.mark.django_db

MY_LEARNING = "/learn/my-learning/"
NOW = dt.datetime(2026, 3, 9, 12, 0, tzinfo=dt.UTC)
_titles = itertools.count(1)


def at(month, day, hour=12, year=2026):
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def deliver(enrollment, page, due_at, status=DeliveryStatus.PENDING, **fields):
    return Delivery.objects.create(
        enrollment=enrollment,
        page=page,
        local_date=due_at.date(),
        due_at=due_at,
        status=status,
        sent_at=due_at if status == DeliveryStatus.SENT else None,
        **fields,
    )


def answer(delivery, *, correct: bool, answered_at):
    page = delivery.page.specific
    choice = next(c for c in page.choices.all() if c.is_correct == correct)
    return Answer.objects.create(
        delivery=delivery,
        learner=delivery.enrollment.learner,
        page=page,
        choice=choice,
        choice_text=choice.text,
        is_correct=choice.is_correct,
        showing=delivery.showing,
        channel=AnswerChannel.EMAIL,
        answered_at=answered_at,
    )


def question(topic, title=None):
    return booster_with_choices(
        parent=topic, title=title or f"Question {next(_titles)}"
    )


@pytest.fixture
def enrollment():
    cohort = CohortFactory(time_zone="America/Sao_Paulo", region="São Paulo")
    return EnrollmentFactory(cohort=cohort, learner__first_name="Ana")


@pytest.fixture
def learner(enrollment):
    return enrollment.learner


@pytest.fixture
def history(enrollment, topic):
    """Ana's items: three to come, one to answer, three answered, one missed."""
    upcoming_question = question(topic, "Naming the behaviour")
    deliver(
        enrollment,
        ArticlePageFactory(parent=topic, title="Open with the situation"),
        at(3, 10),
    )
    deliver(enrollment, upcoming_question, at(3, 12), showing=2)
    deliver(
        enrollment,
        ScreencastPageFactory(
            parent=topic, title="Logging a feedback note", video=video_media()
        ),
        at(1, 5, year=2027),
    )
    deliver(
        enrollment,
        question(topic, "Cancelled one"),
        at(3, 11),
        DeliveryStatus.CANCELLED,
    )

    open_question = deliver(
        enrollment,
        question(topic, "Asking before advising"),
        at(3, 6),
        DeliveryStatus.SENT,
        answer_due_by=at(3, 13),
    )
    deliver(
        enrollment,
        question(topic, "A missed one"),
        at(2, 20),
        DeliveryStatus.SENT,
        missed_at=at(2, 27),
    )
    answered = [
        answer(
            deliver(enrollment, question(topic, title), sent, DeliveryStatus.SENT),
            correct=correct,
            answered_at=sent + dt.timedelta(hours=2),
        )
        for title, sent, correct in [
            ("Feedback in public", at(3, 2), False),
            ("Describing impact", at(3, 3), True),
            ("Agreeing a next step", at(3, 4), True),
        ]
    ]
    return {"open": open_question, "answered": answered}


@pytest.fixture
def mastery(enrollment, topic):
    for title, retired, streak, due in [
        ("Mastered one", True, 2, None),
        ("Coming back soon", False, 0, dt.date(2026, 3, 14)),
        ("Coming back later", False, 1, dt.date(2026, 4, 2)),
    ]:
        QuestionState.objects.create(
            enrollment=enrollment,
            page=question(topic, title),
            showings=2,
            retired=retired,
            correct_streak=streak,
            next_due_on=due,
        )


# The selector


def test_upcoming_items_are_pending_ones_soonest_first_in_local_time(learner, history):
    upcoming = learner_progress(learner=learner, now=NOW).upcoming

    assert [(i.title, i.kind, i.is_repeat, i.when_label) for i in upcoming] == [
        ("Open with the situation", "article", False, "Tue 10 Mar, 09:00"),
        ("Naming the behaviour", "question", True, "Thu 12 Mar, 09:00"),
        ("Logging a feedback note", "screencast", False, "Tue 5 Jan 2027, 09:00"),
    ]
    assert {i.zone_name for i in upcoming} == {"America/Sao_Paulo"}


def test_the_learners_own_time_zone_wins_over_the_cohorts(learner, history):
    learner.time_zone = "Asia/Tokyo"
    learner.save()

    upcoming = learner_progress(learner=learner, now=NOW).upcoming

    assert upcoming[0].when_label == "Tue 10 Mar, 21:00"
    assert upcoming[0].zone_name == "Asia/Tokyo"


def test_paused_cohorts_have_nothing_upcoming(learner, enrollment, history):
    enrollment.cohort.paused = True
    enrollment.cohort.save()

    assert learner_progress(learner=learner, now=NOW).upcoming == []


def test_questions_to_answer_are_sent_unanswered_and_not_missed(learner, history):
    to_answer = learner_progress(learner=learner, now=NOW).to_answer

    assert [(q.title, q.sent_label, q.answer_by_label) for q in to_answer] == [
        ("Asking before advising", "Fri 6 Mar, 09:00", "Fri 13 Mar, 09:00")
    ]
    assert to_answer[0].url.startswith("/email/answer/")


def test_answers_are_newest_first_with_choice_verdict_and_local_time(learner, history):
    answered = learner_progress(learner=learner, now=NOW).answered

    assert [(a.title, a.is_correct, a.when_label) for a in answered] == [
        ("Agreeing a next step", True, "Wed 4 Mar, 11:00"),
        ("Describing impact", True, "Tue 3 Mar, 11:00"),
        ("Feedback in public", False, "Mon 2 Mar, 11:00"),
    ]
    assert answered[2].choice_text == "Tell them they are rude"
    assert all(a.feedback_url.startswith("/email/answer/") for a in answered)


def test_a_question_taken_down_keeps_its_answer_but_loses_the_link(learner, history):
    history["answered"][0].page.unpublish()

    answered = learner_progress(learner=learner, now=NOW).answered

    assert answered[-1].title == "Feedback in public"
    assert answered[-1].feedback_url is None


def test_score_is_right_out_of_answered_and_streak_the_latest_run(learner, history):
    score = learner_progress(learner=learner, now=NOW).score

    assert (score.answered, score.correct, score.percent, score.streak) == (
        3,
        2,
        67,
        2,
    )


def test_a_wrong_answer_resets_the_streak(learner, enrollment, topic, history):
    answer(
        deliver(enrollment, question(topic), at(3, 5), DeliveryStatus.SENT),
        correct=False,
        answered_at=at(3, 5, 15),
    )

    assert learner_progress(learner=learner, now=NOW).score.streak == 0


def test_no_answers_means_no_percentage(learner):
    score = learner_progress(learner=learner, now=NOW).score

    assert (score.answered, score.percent, score.streak) == (0, None, 0)


def test_mastery_counts_retired_and_in_progress_questions(learner, mastery):
    progress = learner_progress(learner=learner, now=NOW).mastery

    assert (progress.retired_count, progress.in_progress_count) == (1, 2)
    assert [q.title for q in progress.retired] == ["Mastered one"]
    assert [
        (q.title, q.correct_streak, q.next_due_label) for q in progress.in_progress
    ] == [
        ("Coming back soon", 0, "Sat 14 Mar"),
        ("Coming back later", 1, "Thu 2 Apr"),
    ]


def test_mastery_shows_the_date_the_repeat_is_actually_planned(
    learner, enrollment, mastery
):
    # Spacing asked for Saturday 14 March; the weekend moved it to Monday.
    state = QuestionState.objects.get(page__title="Coming back soon")
    deliver(
        enrollment,
        state.page,
        dt.datetime(2026, 3, 16, 13, tzinfo=dt.UTC),
        showing=3,
    )

    progress = learner_progress(learner=learner, now=NOW).mastery

    assert progress.in_progress[0].next_due_label == "Mon 16 Mar"


def test_one_learner_never_sees_another_learners_items(learner, history, topic):
    other = EnrollmentFactory()
    answer(
        deliver(other, question(topic, "Someone else's"), at(3, 2), "sent"),
        correct=True,
        answered_at=at(3, 2, 13),
    )
    deliver(other, question(topic, "Someone else's next"), at(3, 10))

    progress = learner_progress(learner=learner, now=NOW)

    titles = {i.title for i in [*progress.upcoming, *progress.answered]}
    assert "Someone else's" not in titles
    assert "Someone else's next" not in titles
    assert progress.score.answered == 3


def test_queries_do_not_grow_with_the_number_of_items(
    learner, enrollment, topic, history, mastery, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        small = learner_progress(learner=learner, now=NOW)

    for day in range(1, 11):
        deliver(enrollment, question(topic), at(4, day))
        answer(
            deliver(enrollment, question(topic), at(2, day), DeliveryStatus.SENT),
            correct=day % 2 == 0,
            answered_at=at(2, day, 14),
        )
    with django_assert_max_num_queries(8):
        large = learner_progress(learner=learner, now=NOW)

    assert len(large.upcoming) == len(small.upcoming) + 10
    assert len(large.answered) == len(small.answered) + 10


# The page


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(MY_LEARNING)

    assert response.status_code == 302
    assert response["Location"] == "/learn/sign-in/?next=/learn/my-learning/"


def test_the_page_shows_upcoming_answers_mastery_score_and_streak(
    client, learner, history, mastery, sign_in
):
    sign_in(client, learner)

    response = client.get(MY_LEARNING)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = unescape(response.content.decode())
    assert "<h1>My learning</h1>" in html
    assert "Hi Ana." in html
    for text in [
        "Open with the situation",
        "Tue 10 Mar",
        "09:00",
        "Booster question · back for another try",
        "Asking before advising",
        "Agreeing a next step",
        "You chose: Describe the meeting",
        "Not quite",
        "<strong>67%</strong> <span>2 of 3 right</span>",
        "<strong>2</strong> <span>right in a row</span>",
        "<strong>1</strong> <span>2 in progress</span>",
        "Coming back soon",
        "Times are in your time zone: America/Sao_Paulo.",
    ]:
        assert text in html, text


def test_feedback_links_on_the_page_open_the_answers_feedback(
    client, learner, history, sign_in
):
    sign_in(client, learner)
    progress = learner_progress(learner=learner, now=NOW)
    wrong = progress.answered[-1]

    assert wrong.feedback_url in unescape(client.get(MY_LEARNING).content.decode())
    feedback = client.get(wrong.feedback_url)

    assert feedback.status_code == 200
    html = unescape(feedback.content.decode())
    assert "Not quite." in html
    assert "Tell them they are rude" in html


def test_the_link_to_an_open_question_opens_it(client, learner, history, sign_in):
    sign_in(client, learner)
    (open_question,) = learner_progress(learner=learner, now=NOW).to_answer

    response = client.get(open_question.url)

    assert response.status_code == 200
    assert "Check my answer" in response.content.decode()


def test_a_learner_with_nothing_yet_gets_friendly_empty_states(
    client, learner, sign_in
):
    sign_in(client, learner)

    html = client.get(MY_LEARNING).content.decode()

    assert "Nothing scheduled right now." in html
    assert "No answers yet" in html


def test_the_page_only_shows_the_signed_in_learners_data(
    client, learner, history, sign_in
):
    other = LearnerFactory(first_name="Ravi")
    sign_in(client, other)

    html = client.get(MY_LEARNING).content.decode()

    assert "Hi Ravi." in html
    assert "Agreeing a next step" not in html
    assert "Open with the situation" not in html


def test_the_page_costs_the_same_queries_for_many_items(
    learner, enrollment, topic, history, django_assert_max_num_queries, sign_in
):
    client = Client()
    sign_in(client, learner)
    with CaptureQueriesContext(connection) as few_items:
        assert client.get(MY_LEARNING).status_code == 200
    for day in range(1, 16):
        answer(
            deliver(enrollment, question(topic), at(2, day), DeliveryStatus.SENT),
            correct=True,
            answered_at=at(2, day, 14),
        )
        deliver(enrollment, question(topic), at(4, day))

    with django_assert_max_num_queries(len(few_items)):
        assert client.get(MY_LEARNING).status_code == 200
