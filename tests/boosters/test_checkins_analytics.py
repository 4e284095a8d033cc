"""Application rates per topic, cohort, office and team, beside proficiency,
shown only for groups of at least five learners."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from boosters.analytics.checkins import application_rates
from boosters.analytics.filters import AnalyticsFilters
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    booster_with_choices,
)
from boosters.models import CheckInAnswer, Delivery, DeliveryStatus, Enrollment
from home.factories import TopicPageFactory
from tests.boosters.checkins import check_in_page
from tests.boosters.test_analytics_views import answered as booster_answered

pytestmark = pytest.mark.django_db


def check_in_sent(enrollment, page, *, outcome=None):
    at = timezone.now() - dt.timedelta(days=2)
    delivery = Delivery.objects.create(
        enrollment=enrollment,
        page=page,
        status=DeliveryStatus.SENT,
        due_at=at,
        sent_at=at,
        local_date=at.date(),
    )
    if outcome:
        CheckInAnswer.objects.create(
            delivery=delivery,
            enrollment=enrollment,
            page=page,
            outcome=outcome,
            answered_at=at,
        )
    return delivery


@pytest.fixture
def hub(topic):
    """São Paulo: 6 learners of Rita's team got the check-in; 5 answered (3
    tried it) and they answered a question first try, 4 of 6 right. Lisbon:
    2 learners, both tried it."""
    check_in = check_in_page(topic, title="Asking first")
    booster = booster_with_choices(parent=topic)
    sao_paulo = CohortFactory(name="São Paulo spring", region="São Paulo")
    outcomes = ["tried", "tried", "tried", "not_yet", "not_applicable", None]
    for index, outcome in enumerate(outcomes):
        learner = LearnerFactory(
            office="São Paulo", manager_email="rita@example.com", manager_name="Rita"
        )
        enrollment = EnrollmentFactory(cohort=sao_paulo, learner=learner)
        check_in_sent(enrollment, check_in, outcome=outcome)
        booster_answered(enrollment, booster, correct=index < 4)
    lisbon = CohortFactory(name="Lisbon spring", region="Lisbon")
    for _ in range(2):
        enrollment = EnrollmentFactory(
            cohort=lisbon, learner=LearnerFactory(office="Lisbon")
        )
        check_in_sent(enrollment, check_in, outcome="tried")
    return sao_paulo


def rows_by_name(rows):
    return {row.name: row for row in rows}


def test_application_rate_per_cohort_beside_proficiency(hub):
    rates = application_rates(filters=AnalyticsFilters())

    row = rows_by_name(rates.cohorts)["São Paulo spring"]
    assert (row.sent, row.answered, row.tried, row.learners) == (6, 5, 3, 5)
    assert row.answered_label == "83%"
    assert row.application_label == "60%"
    assert row.proficiency_label == "67%"


def test_office_and_team_rows(hub):
    rates = application_rates(filters=AnalyticsFilters())

    assert rows_by_name(rates.offices)["São Paulo"].application_label == "60%"
    assert rows_by_name(rates.teams)["Rita"].application_label == "60%"
    assert "(no manager)" in rows_by_name(rates.teams)


def test_topic_row_counts_every_cohort(hub, topic):
    rates = application_rates(filters=AnalyticsFilters())

    (row,) = rates.topics
    assert row.name == "Giving feedback"
    assert (row.sent, row.answered, row.tried, row.learners) == (8, 7, 5, 7)


def test_groups_of_fewer_than_five_learners_show_no_rates(hub):
    rates = application_rates(filters=AnalyticsFilters())

    lisbon = rows_by_name(rates.cohorts)["Lisbon spring"]
    assert not lisbon.shown
    assert lisbon.application_label == "–"
    assert lisbon.answered_label == "–"
    assert rows_by_name(rates.offices)["Lisbon"].proficiency_label == "–"


def test_filters_apply(hub):
    rates = application_rates(filters=AnalyticsFilters(cohort_id=hub.pk))

    assert [row.name for row in rates.cohorts] == ["São Paulo spring"]


def test_dashboard_shows_application_at_work(client, django_user_model, hub):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)

    html = client.get(reverse("boosters_analytics_dashboard")).content.decode()

    assert "Application at work" in html
    assert "Fewer than 5 learners answered: not shown" in html
    assert "60%" in html and "83%" in html


def test_rates_take_the_same_queries_however_many_learners(
    hub, topic, django_assert_max_num_queries
):
    application_rates(filters=AnalyticsFilters())
    with django_assert_max_num_queries(12) as few:
        application_rates(filters=AnalyticsFilters())
    check_in = CheckInAnswer.objects.first().page
    for _ in range(10):
        check_in_sent(EnrollmentFactory(cohort=hub), check_in, outcome="tried")

    with django_assert_max_num_queries(len(few.captured_queries)):
        application_rates(filters=AnalyticsFilters())


def test_no_check_ins_sent_costs_the_dashboard_one_or_two_small_queries(
    topic, django_assert_max_num_queries
):
    enrollment = EnrollmentFactory()
    booster_answered(enrollment, booster_with_choices(parent=topic), correct=True)
    with django_assert_max_num_queries(1):
        assert not application_rates(filters=AnalyticsFilters()).any

    check_in_page(topic, title="Asking first")
    with django_assert_max_num_queries(2):
        rates = application_rates(filters=AnalyticsFilters())
    assert not rates.any
    assert rates.topics == rates.cohorts == rates.offices == rates.teams == []


def test_a_learner_with_check_ins_in_two_topics_counts_once_per_group(hub, home_page):
    other_topic = check_in_page(
        TopicPageFactory(parent=home_page, title="Listening", slug="listening"),
        title="Listening first",
    )
    for enrollment in Enrollment.objects.filter(cohort=hub):
        check_in_sent(enrollment, other_topic, outcome="tried")

    rates = application_rates(filters=AnalyticsFilters())

    row = rows_by_name(rates.cohorts)["São Paulo spring"]
    assert (row.sent, row.answered, row.tried, row.learners) == (12, 11, 9, 6)
    assert rows_by_name(rates.teams)["Rita"].learners == 6
    assert rows_by_name(rates.topics)["Listening"].learners == 6
    assert rows_by_name(rates.topics)["Giving feedback"].learners == 7
