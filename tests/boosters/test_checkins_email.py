"""A check-in goes out as an email with three one-tap answers; it is not a
booster question, so it has no answer window, no repeats and no daily cap."""

import datetime as dt

from django.core import mail
from django.urls import reverse

import pytest

from boosters.drip.previews import SAMPLE_COHORT_NAME, email_preview_message
from boosters.factories import (
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import CheckInAnswer, Delivery, DeliveryStatus
from boosters.planning.sync import cohort_plan_sync
from tests.boosters.checkins import (
    answer_links,
    check_in_cohort,
    check_in_page,
    check_in_page_data,
    html_of,
    send_due,
)

pytestmark = pytest.mark.django_db

BUTTONS = ["Yes, I tried it", "Not yet", "It doesn't apply to my job"]


@pytest.fixture
def page(topic):
    return check_in_page(topic)


def test_check_in_email_asks_about_the_behaviour_with_three_answer_buttons(page):
    check_in_cohort(page)

    (message,) = send_due()

    assert message.subject == "Have you tried it? Naming the situation"
    html = html_of(message)
    assert "Have you tried naming the situation first at work?" in html
    assert list(answer_links(message)) == BUTTONS
    for button in BUTTONS:
        assert button in message.body
    assert message.body.count("/email/check-in/") == 3


def test_each_learner_gets_links_of_their_own(page):
    check_in_cohort(page, learners=2)

    first, second = send_due()

    assert set(answer_links(first).values()).isdisjoint(answer_links(second).values())


def test_a_sent_check_in_waits_for_no_answer_and_plans_no_repeat(page):
    cohort = check_in_cohort(page)
    send_due()

    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.answer_due_by is None
    cohort_plan_sync(cohort=cohort, now=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    assert Delivery.objects.count() == 1


def test_check_ins_do_not_count_towards_the_daily_question_cap(topic, page):
    booster = booster_with_choices(parent=topic, title="A quiet colleague")
    cohort = check_in_cohort(page, learners=0)
    program = cohort.program
    program.daily_question_cap = 1
    program.save()
    ProgramStepFactory(program=program, page=booster, day_offset=0)
    EnrollmentFactory(cohort=cohort)
    cohort_plan_sync(cohort=cohort)

    days = set(Delivery.objects.values_list("local_date", flat=True))

    assert days == {dt.date(2026, 3, 4)}


def test_email_preview_in_the_editor_shows_the_check_in(
    client, django_user_model, page
):
    editor = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(url, check_in_page_data(page))
    assert posted.json()["is_valid"], posted.json()

    html = client.get(url, {"mode": "email"}).content.decode()

    assert "Have you tried naming the situation first at work?" in html
    assert SAMPLE_COHORT_NAME in html
    assert html.count("/email/check-in/") == 3


def test_links_in_a_preview_show_what_learners_see_and_record_nothing(client, page):
    check_in_cohort(page)
    send_due()
    message = email_preview_message(page=page)

    for path in answer_links(message).values():
        assert client.get(path).status_code == 200
        response = client.post(path, {"outcome": "tried"})
        assert response.status_code == 200
        assert "Nothing is recorded" in response.content.decode()

    assert CheckInAnswer.objects.count() == 0


def test_test_email_to_the_editor_is_a_check_in_with_test_links(
    client, django_user_model, page
):
    editor = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(editor)

    response = client.post(reverse("home_page_email_test", args=[page.pk]))

    assert response.status_code in (200, 302)
    (message,) = mail.outbox
    assert message.subject == "[Test] Have you tried it? Naming the situation"
    assert list(answer_links(message)) == BUTTONS
