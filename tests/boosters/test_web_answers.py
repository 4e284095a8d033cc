"""A signed-in learner's answer on a question's web page counts like one by email."""

import datetime as dt
import re

from django.utils import timezone

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Answer, AnswerChannel, Delivery, DeliveryStatus
from boosters.planning.sync import cohort_plan_sync
from boosters.questions.choices import choice_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def booster(topic):
    page = booster_with_choices(parent=topic, title="Naming the behaviour")
    page.save_revision().publish()
    return page


@pytest.fixture
def enrollment(booster):
    step = ProgramStepFactory(page=booster, day_offset=0)
    cohort = CohortFactory(
        program=step.program,
        name="Singapore autumn",
        time_zone="Asia/Singapore",
        anchor_date=timezone.localdate() - dt.timedelta(days=3),
    )
    enrollment = EnrollmentFactory(
        cohort=cohort, enrolled_at=timezone.now() - dt.timedelta(days=10)
    )
    cohort_plan_sync(cohort=cohort)
    # Due now: a tick never sends a delivery days late (it re-plans it).
    enrollment.deliveries.update(due_at=timezone.now())
    return enrollment


def test_signed_in_learner_with_a_sent_question_has_the_web_answer_recorded(
    client, booster, enrollment, sign_in
):
    drip_tick(now=timezone.now())
    assert Delivery.objects.get(showing=1).status == DeliveryStatus.SENT
    sign_in(client, enrollment.learner)
    wrong = booster.choices.get(text="Say nothing")

    response = client.post(booster.url, {"choice": wrong.pk})
    html = response.content.decode()
    assert "Not quite." in html
    assert "Your answer is saved" in html
    assert "Your cohort's answers appear once 5 people have answered." in html
    answer = Answer.objects.get()
    assert answer.channel == AnswerChannel.WEB
    assert answer.delivery.enrollment_id == enrollment.pk
    # Counted for spacing like an emailed answer: the question comes back.
    assert Delivery.objects.filter(showing=2, status=DeliveryStatus.PENDING).exists()

    # A second try on the page is feedback only; the first answer stays.
    right = booster.choices.get(is_correct=True)
    again = client.post(booster.url, {"choice": right.pk}).content.decode()
    assert "Right!" in again
    assert "Your answer is saved" not in again
    assert Answer.objects.get().choice_id == wrong.pk


def test_a_question_not_yet_sent_is_not_recorded_from_the_web(
    client, booster, enrollment, sign_in
):
    sign_in(client, enrollment.learner)
    client.post(booster.url, {"choice": booster.choices.first().pk})
    assert Answer.objects.count() == 0


def test_anonymous_tries_are_not_recorded_and_invite_signing_in(
    client, booster, enrollment
):
    drip_tick(now=timezone.now())
    page = client.get(booster.url).content.decode()
    assert "sign in" in page
    client.post(booster.url, {"choice": booster.choices.first().pk})
    assert Answer.objects.count() == 0


def test_the_hub_page_keeps_the_editors_order_whatever_the_email_showed(
    client, booster, enrollment, sign_in
):
    Delivery.objects.filter(showing=1).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now()
    )
    delivery = Delivery.objects.get(showing=1)
    editors = [choice.text for choice in booster.choices.all()]
    emailed = [
        choice.text
        for choice in choice_order(
            choices=list(booster.choices.all()),
            delivery_id=delivery.pk,
            keep_order=False,
        )
    ]
    sign_in(client, enrollment.learner)

    html = client.get(booster.url).content.decode()

    buttons = re.findall(r'class="choice-button"[^>]*>([^<]*)</button>', html)
    assert buttons == editors
    assert sorted(buttons) == sorted(emailed)
