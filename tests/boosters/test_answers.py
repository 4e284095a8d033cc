"""Answers are recorded once, and questions come back until they are learned."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import ReferenceIndex

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.drip.tokens import answer_token
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import (
    Answer,
    AnswerChannel,
    Delivery,
    DeliveryStatus,
    QuestionState,
    SpacingMode,
)
from boosters.planning.sync import (
    REPEAT_NOT_NEEDED,
    cohort_plan_sync,
    program_plan_sync,
)
from boosters.questions.answers import (
    AnswerRejected,
    answer_record,
    deliveries_expire_unanswered,
)
from home.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
# Course ends Wednesday 4 March 2026; the day-0 question goes at 09:00 EST.
ANCHOR = dt.date(2026, 3, 4)
DAY0 = dt.datetime(2026, 3, 4, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def question(topic):
    page = booster_with_choices(parent=topic, title="Naming the behaviour")
    page.save_revision().publish()  # as an editor would: a live revision
    return page


@pytest.fixture
def program(question):
    program = ProgramFactory()
    ProgramStepFactory(program=program, page=question, day_offset=0, sort_order=0)
    return program


@pytest.fixture
def enrollment(program):
    cohort = CohortFactory(program=program, anchor_date=ANCHOR)
    enrollment = EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    return enrollment


def sent(enrollment, now=DAY0):
    drip_tick(now=now)
    return enrollment.deliveries.filter(status=DeliveryStatus.SENT).latest("sent_at")


def pick(delivery, *, correct):
    return delivery.page.specific.choices.filter(is_correct=correct).first()


def answer(delivery, *, correct, at, channel=AnswerChannel.EMAIL):
    delivery = Delivery.objects.select_related(
        "enrollment__learner", "enrollment__cohort__program"
    ).get(pk=delivery.pk)
    return answer_record(
        delivery=delivery,
        choice=pick(delivery, correct=correct),
        channel=channel,
        now=at,
    )


def pending(enrollment):
    return list(
        enrollment.deliveries.filter(status=DeliveryStatus.PENDING).order_by("due_at")
    )


def local(delivery):
    return delivery.due_at.astimezone(NEW_YORK).strftime("%a %d %b %H:%M")


def test_wrong_answer_plans_a_repeat_12_days_later_at_local_send_time(enrollment):
    first = sent(enrollment)
    answer(first, correct=False, at=DAY0 + dt.timedelta(hours=2))

    (repeat,) = pending(enrollment)
    # 12 days after Wednesday 4 March is Monday 16 March, after New York's
    # DST change: still 09:00 local, now 13:00 UTC.
    assert local(repeat) == "Mon 16 Mar 09:00"
    assert repeat.due_at == dt.datetime(2026, 3, 16, 13, 0, tzinfo=dt.UTC)
    assert repeat.showing == 2
    assert repeat.page_id == first.page_id
    state = QuestionState.objects.get(enrollment=enrollment)
    assert (state.showings, state.correct_streak, state.retired) == (1, 0, False)
    assert state.next_due_on == dt.date(2026, 3, 16)


def test_repeat_that_falls_on_a_weekend_moves_to_the_next_working_day(program):
    # Course ends Monday 2 March: 12 days later is Saturday 14 March.
    cohort = CohortFactory(program=program, anchor_date=dt.date(2026, 3, 2))
    enrollment = EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    first = sent(enrollment, now=dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC))
    answer(first, correct=False, at=dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC))

    (repeat,) = pending(enrollment)
    assert local(repeat) == "Mon 16 Mar 09:00"


def test_wrong_right_right_retires_the_question_through_the_real_pipeline(enrollment):
    first = sent(enrollment)
    answer(first, correct=False, at=DAY0 + dt.timedelta(hours=1))

    (repeat,) = pending(enrollment)
    mail.outbox = []
    second = sent(enrollment, now=repeat.due_at)
    assert second.pk == repeat.pk
    assert mail.outbox[0].subject.startswith("Quick question")
    answer(second, correct=True, at=repeat.due_at + dt.timedelta(minutes=5))

    (again,) = pending(enrollment)
    # 24 days after Monday 16 March is Thursday 9 April.
    assert local(again) == "Thu 09 Apr 09:00"
    assert again.showing == 3
    third = sent(enrollment, now=again.due_at)
    answer(third, correct=True, at=again.due_at + dt.timedelta(minutes=5))

    assert pending(enrollment) == []
    state = QuestionState.objects.get(enrollment=enrollment)
    assert (state.showings, state.correct_streak, state.retired) == (3, 2, True)
    assert list(
        Answer.objects.order_by("answered_at").values_list("showing", "is_correct")
    ) == [(1, False), (2, True), (3, True)]


def test_first_answer_counts_and_a_second_cannot_replace_it(enrollment):
    delivery = sent(enrollment)
    first = answer(delivery, correct=False, at=DAY0 + dt.timedelta(minutes=3))
    second = answer(delivery, correct=True, at=DAY0 + dt.timedelta(minutes=4))

    assert first.created and not second.created
    assert second.answer.pk == first.answer.pk
    assert Answer.objects.get().is_correct is False
    # Spacing moved once: one repeat, one showing.
    assert len(pending(enrollment)) == 1
    assert QuestionState.objects.get().showings == 1


def test_an_answer_is_one_short_write_and_not_a_use_of_the_question(
    enrollment, django_assert_max_num_queries
):
    delivery = sent(enrollment)
    delivery = Delivery.objects.select_related(
        "enrollment__learner", "enrollment__cohort__program"
    ).get(pk=delivery.pk)
    choice = pick(delivery, correct=False)
    # Record, space and plan the repeat; savepoints and BEGIN/COMMIT included.
    with django_assert_max_num_queries(18):
        answer_record(
            delivery=delivery,
            choice=choice,
            channel=AnswerChannel.EMAIL,
            now=DAY0 + dt.timedelta(minutes=5),
        )
    # Learners' answers don't fill the question's Usage tab in the admin.
    assert not ReferenceIndex.get_references_to(delivery.page).filter(
        base_content_type__model__in=["answer", "questionstate"]
    )
    assert QuestionState.objects.get().showings == 1


def test_answer_records_choice_timing_attempt_channel_and_revision(enrollment):
    delivery = sent(enrollment)
    result = answer(
        delivery,
        correct=True,
        at=DAY0 + dt.timedelta(minutes=90),
        channel=AnswerChannel.WEB,
    )
    recorded = Answer.objects.get(pk=result.answer.pk)
    assert recorded.choice.is_correct and recorded.is_correct
    assert recorded.choice_text == "Describe the meeting"
    assert recorded.seconds_to_answer == 90 * 60
    assert recorded.showing == 1 and not recorded.is_repeat
    assert recorded.channel == AnswerChannel.WEB
    assert recorded.learner_id == enrollment.learner_id
    page = delivery.page.specific
    assert recorded.revision_id == page.live_revision_id is not None
    assert Delivery.objects.get(pk=delivery.pk).answer_due_by is None


def test_a_question_not_yet_sent_cannot_be_answered(enrollment):
    delivery = enrollment.deliveries.get()
    with pytest.raises(AnswerRejected, match="hasn't been sent"):
        answer(delivery, correct=True, at=DAY0)
    assert Answer.objects.count() == 0


def test_a_choice_from_another_question_is_rejected(enrollment, topic):
    delivery = sent(enrollment)
    other = booster_with_choices(parent=topic, title="Another")
    with pytest.raises(AnswerRejected, match="not part of this question"):
        answer_record(
            delivery=delivery,
            choice=other.choices.first(),
            channel=AnswerChannel.EMAIL,
            now=DAY0,
        )
    assert Answer.objects.count() == 0


def test_unanswered_question_counts_as_missed_when_its_window_closes(enrollment):
    delivery = sent(enrollment)
    window_closes = DAY0 + dt.timedelta(days=7)
    assert Delivery.objects.get(pk=delivery.pk).answer_due_by == window_closes

    assert (
        deliveries_expire_unanswered(now=window_closes - dt.timedelta(minutes=1)) == 0
    )
    assert deliveries_expire_unanswered(now=window_closes) == 1
    assert deliveries_expire_unanswered(now=window_closes) == 0  # counted once

    delivery.refresh_from_db()
    assert delivery.missed_at == window_closes and delivery.answer_due_by is None
    state = QuestionState.objects.get()
    assert (state.last_result, state.missed_total, state.showings) == ("missed", 1, 1)
    # Missed on Wednesday 11 March counts like a wrong answer: back 12 days later.
    (repeat,) = pending(enrollment)
    assert local(repeat) == "Mon 23 Mar 09:00"


def test_late_answer_after_a_miss_is_kept_but_does_not_move_spacing(enrollment):
    delivery = sent(enrollment)
    deliveries_expire_unanswered(now=DAY0 + dt.timedelta(days=7))
    repeat_before = pending(enrollment)

    result = answer(delivery, correct=True, at=DAY0 + dt.timedelta(days=8))
    assert result.created
    assert result.answer.counted_for_spacing is False
    assert pending(enrollment) == repeat_before
    assert QuestionState.objects.get().showings == 1


def test_answer_window_follows_the_program(enrollment, program):
    program.answer_window_days = 3
    program.save()
    delivery = sent(enrollment)
    assert Delivery.objects.get(pk=delivery.pk).answer_due_by == DAY0 + dt.timedelta(
        days=3
    )


def test_articles_wait_for_no_answer(topic, program):
    ProgramStepFactory(
        program=program, page=ArticlePageFactory(parent=topic), day_offset=0
    )
    cohort = CohortFactory(program=program, anchor_date=ANCHOR)
    EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    drip_tick(now=DAY0)
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2
    assert Delivery.objects.filter(answer_due_by__isnull=False).count() == 1


def test_series_program_never_repeats(enrollment, program):
    program.spacing_mode = SpacingMode.SERIES
    program.save()
    answer(sent(enrollment), correct=False, at=DAY0 + dt.timedelta(hours=1))
    assert pending(enrollment) == []
    assert QuestionState.objects.get().next_due_on is None


def test_switching_to_series_cancels_pending_repeats(enrollment, program):
    answer(sent(enrollment), correct=False, at=DAY0 + dt.timedelta(hours=1))
    (repeat,) = pending(enrollment)

    program.spacing_mode = SpacingMode.SERIES
    program.save()
    program_plan_sync(program_id=program.pk)

    repeat.refresh_from_db()
    assert repeat.status == DeliveryStatus.CANCELLED
    assert repeat.status_reason == REPEAT_NOT_NEEDED


def test_removing_the_step_cancels_its_pending_repeat(enrollment, program):
    answer(sent(enrollment), correct=False, at=DAY0 + dt.timedelta(hours=1))
    (repeat,) = pending(enrollment)
    program.steps.get().delete()
    program_plan_sync(program_id=program.pk)
    repeat.refresh_from_db()
    assert repeat.status == DeliveryStatus.CANCELLED
    # History stays: the answered first showing is still sent.
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 1


def test_fsrs_program_plans_the_repeat_on_the_packages_due_date(enrollment, program):
    program.spacing_mode = SpacingMode.FSRS
    program.save()
    answer(sent(enrollment), correct=True, at=DAY0 + dt.timedelta(hours=1))

    state = QuestionState.objects.get()
    assert state.fsrs_card["stability"] > 0
    (repeat,) = pending(enrollment)
    # FSRS's first "Good" review on 4 March comes back two days later.
    assert local(repeat) == "Fri 06 Mar 09:00"
    assert repeat.local_date == state.next_due_on


def test_daily_cap_sends_repeats_first_and_moves_new_questions_on(topic, question):
    program = ProgramFactory(daily_question_cap=2)
    ProgramStepFactory(program=program, page=question, day_offset=0, sort_order=0)
    # Two new questions on day 12, the day a wrong day-0 answer comes back.
    for order, title in enumerate(("Day 12 a", "Day 12 b"), start=1):
        ProgramStepFactory(
            program=program,
            page=booster_with_choices(parent=topic, title=title),
            day_offset=12,
            sort_order=order,
        )
    cohort = CohortFactory(program=program, anchor_date=ANCHOR)
    enrollment = EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    assert [local(d) for d in pending(enrollment)][1:] == [
        "Mon 16 Mar 09:00",
        "Mon 16 Mar 09:00",
    ]

    answer(sent(enrollment), correct=False, at=DAY0 + dt.timedelta(hours=1))

    plan = [
        (d.showing, d.page.title, local(d))
        for d in enrollment.deliveries.filter(status=DeliveryStatus.PENDING).order_by(
            "due_at", "-showing"
        )
    ]
    assert plan == [
        (2, "Naming the behaviour", "Mon 16 Mar 09:00"),
        (1, "Day 12 a", "Mon 16 Mar 09:00"),
        (1, "Day 12 b", "Tue 17 Mar 09:00"),
    ]


def test_drip_plan_shows_the_repeat_at_local_send_time(enrollment):
    answer(sent(enrollment), correct=False, at=DAY0 + dt.timedelta(hours=1))
    out = StringIO()
    call_command("drip_plan", cohort=enrollment.cohort.slug, stdout=out)
    text = out.getvalue()
    assert "Naming the behaviour (repeat 1)" in text
    assert "Mon 2026-03-16 09:00 America/New_York" in text


# How the cohort answered


@pytest.mark.parametrize(("people", "shown"), [(4, False), (5, True)])
def test_how_the_cohort_answered_appears_once_five_people_have_answered(
    client, program, people, shown
):
    cohort = CohortFactory(program=program, anchor_date=ANCHOR, name="Boston")
    enrollments = [
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED) for _ in range(people)
    ]
    cohort_plan_sync(cohort=cohort)
    drip_tick(now=DAY0)
    for index, enrollment in enumerate(enrollments):
        delivery = enrollment.deliveries.get(status=DeliveryStatus.SENT)
        answer(delivery, correct=index % 2 == 0, at=DAY0 + dt.timedelta(hours=1))

    link = answer_token(delivery_id=delivery.pk)
    html = client.get(reverse("boosters_answer", kwargs={"token": link})).content

    feedback = html.decode()
    assert ("How Boston answered" in feedback) is shown
    assert ("5 first answers so far" in feedback) is shown
    pending_line = "Your cohort's answers appear once 5 people have answered."
    assert (pending_line in feedback) is not shown
    assert ('class="share-list"' in feedback) is shown
