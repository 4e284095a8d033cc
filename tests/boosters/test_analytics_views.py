"""The analytics admin: dashboard, question pages, and filtered exports."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest

from boosters.factories import CohortFactory, EnrollmentFactory, booster_with_choices
from boosters.models import Answer, Delivery, DeliveryStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return user


def answered(enrollment, page, *, correct=True, showing=1, days_ago=1):
    at = timezone.now() - timedelta(days=days_ago)
    delivery = Delivery.objects.create(
        enrollment=enrollment,
        page=page,
        showing=showing,
        local_date=at.date(),
        due_at=at,
        status=DeliveryStatus.SENT,
        sent_at=at - timedelta(hours=1),
    )
    choice = next(c for c in page.choices.all() if c.is_correct == correct)
    return Answer.objects.create(
        delivery=delivery,
        learner=enrollment.learner,
        page=page,
        choice=choice,
        choice_text=choice.text,
        is_correct=correct,
        showing=showing,
        channel="email",
        answered_at=at,
        seconds_to_answer=3600,
    )


def cohort_with_answers(*, topic, learners, name="New York", region="New York"):
    cohort = CohortFactory(name=name, region=region)
    questions = [booster_with_choices(parent=topic) for _ in range(2)]
    for index in range(learners):
        enrollment = EnrollmentFactory(cohort=cohort)
        for page in questions:
            answered(enrollment, page, correct=index % 2 == 0)
            answered(enrollment, page, correct=True, showing=2)
    return cohort


def test_dashboard_shows_charts_beside_tables(client, editor, topic):
    cohort_with_answers(topic=topic, learners=4)

    response = client.get(reverse("boosters_analytics_dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') == 2
    assert '<title id="proficiency-by-topic-title">' in html
    assert 'id="proficiency-table"' in html and 'id="weekly-table"' in html
    assert "Giving feedback" in html
    assert "50%" in html and "100%" in html  # initial and current proficiency


def test_dashboard_filters_by_cohort(client, editor, topic):
    ny = cohort_with_answers(topic=topic, learners=2)
    cohort_with_answers(topic=topic, learners=2, name="Riyadh", region="Riyadh")

    response = client.get(reverse("boosters_analytics_dashboard"), {"cohort": ny.pk})

    figures = response.context["dashboard"]
    assert [row.name for row in figures.cohorts] == ["New York"]


def test_bad_dates_show_a_message_not_an_error(client, editor, topic):
    response = client.get(
        reverse("boosters_analytics_dashboard"), {"date_from": "31/31/2026"}
    )

    assert response.status_code == 200
    assert response.context["dashboard"] is None
    assert "Enter a valid date" in response.content.decode()


@pytest.mark.parametrize("learners", [5, 50])
def test_dashboard_queries_do_not_grow_with_learners(
    client, editor, topic, learners, django_assert_max_num_queries
):
    cohort_with_answers(topic=topic, learners=learners)

    with django_assert_max_num_queries(30):
        response = client.get(reverse("boosters_analytics_dashboard"))

    assert response.status_code == 200


def test_question_page_links_and_shows_choice_shares(client, editor, topic):
    cohort_with_answers(topic=topic, learners=4)
    page = Answer.objects.first().page

    response = client.get(reverse("boosters_analytics_question", args=[page.pk]))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    assert 'id="choice-shares"' in response.content.decode()
    assert reverse("boosters_analytics_question", args=[page.pk]) in (
        edit.content.decode()
    )


def test_attention_list_renders(client, editor, topic):
    cohort_with_answers(topic=topic, learners=4)

    response = client.get(reverse("boosters_analytics_attention"))

    assert response.status_code == 200
    html = response.content.decode()
    # Four first-try answers each: no verdict yet, rather than "Looks fine".
    assert html.count("Too few answers to judge (4 of 8 needed).") == 2
    assert "Looks fine" not in html


def test_question_page_says_too_few_answers_instead_of_a_number(client, editor, topic):
    cohort_with_answers(topic=topic, learners=4)
    page = Answer.objects.first().page

    response = client.get(reverse("boosters_analytics_question", args=[page.pk]))

    assert "too few answers to judge (4 of 8 needed)" in response.content.decode()


def _csv_rows(response) -> list[list[str]]:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "report", ["boosters_report_deliveries", "boosters_report_answers"]
)
def test_csv_export_holds_only_the_filtered_rows(client, editor, topic, report):
    ny = cohort_with_answers(topic=topic, learners=2)
    cohort_with_answers(topic=topic, learners=3, name="Riyadh", region="Riyadh")

    response = client.get(reverse(report), {"cohort": ny.pk, "export": "csv"})

    header, *rows = _csv_rows(response)
    assert len(rows) == 2 * 2 * 2  # 2 learners, 2 questions, 2 showings
    assert all("New York" in row for row in rows)


def test_xlsx_progress_export_holds_only_the_filtered_learners(client, editor, topic):
    cohort_with_answers(topic=topic, learners=2)
    cohort_with_answers(topic=topic, learners=3, name="Riyadh", region="Riyadh")

    response = client.get(
        reverse("boosters_report_progress"), {"region": "Riyadh", "export": "xlsx"}
    )

    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    header, *rows = list(sheet.values)
    assert len(rows) == 3
    answered_column = header.index("Answered")
    assert {row[answered_column] for row in rows} == {4}
    assert {row[header.index("Cohort")] for row in rows} == {"Riyadh"}


def test_export_with_bad_dates_holds_no_rows(client, editor, topic):
    cohort_with_answers(topic=topic, learners=2)

    response = client.get(
        reverse("boosters_report_answers"), {"date_to": "nope", "export": "csv"}
    )

    header, *rows = _csv_rows(response)
    assert rows == []


def test_reports_render_as_pages(client, editor, topic):
    cohort_with_answers(topic=topic, learners=2)

    for name in ("deliveries", "answers", "progress"):
        response = client.get(reverse(f"boosters_report_{name}"))
        assert response.status_code == 200, name
