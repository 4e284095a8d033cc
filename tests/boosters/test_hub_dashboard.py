"""The hub dashboard on the admin home: its figures, who sees which panel, and
a fixed number of queries."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from boosters.analytics.hub_dashboard import (
    answer_rate_recent_weeks,
    deliveries_failed_recent,
    reviews_pending,
)
from boosters.factories import CohortFactory, EnrollmentFactory, LearnerFactory
from boosters.models import Delivery, DeliveryStatus, SubscriptionStatus
from boosters.planning.upcoming import deliveries_upcoming
from demo.leads import LD_LEADS_GROUP, demo_ld_leads_ensure
from demo.workflow import SME_GROUP, demo_review_workflow_ensure
from tests.boosters.test_analytics_views import answered, cohort_with_answers

pytestmark = pytest.mark.django_db

PANELS = {
    "upcoming": 'id="hub-upcoming-section"',
    "answer_rate": 'id="hub-answer-rate-section"',
    "attention": 'id="hub-attention-section"',
    "failed": 'id="hub-failed-section"',
    "reviews": 'id="hub-reviews-section"',
}


def delivery(enrollment, *, due_at, status=DeliveryStatus.PENDING, reason=""):
    return Delivery.objects.create(
        enrollment=enrollment,
        due_at=due_at,
        local_date=due_at.date(),
        status=status,
        status_reason=reason,
    )


def member(django_user_model, client, group_name):
    user = django_user_model.objects.create_user(
        f"member-{len(group_name)}", f"{len(group_name)}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def panels_shown(client) -> set[str]:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return {name for name, marker in PANELS.items() if marker in html}


def test_upcoming_counts_only_what_will_go_per_day_and_program(home_page):
    now = timezone.now().replace(hour=6, minute=0, second=0, microsecond=0)
    london = CohortFactory(name="London")
    paused = CohortFactory(name="Paused", program=london.program, paused=True)
    learner = EnrollmentFactory(cohort=london)
    gone = EnrollmentFactory(
        cohort=london,
        learner=LearnerFactory(subscription=SubscriptionStatus.UNSUBSCRIBED),
    )
    delivery(learner, due_at=now + timedelta(hours=1))
    delivery(learner, due_at=now + timedelta(days=1, hours=1))
    delivery(gone, due_at=now + timedelta(hours=2))
    delivery(EnrollmentFactory(cohort=paused), due_at=now + timedelta(hours=1))
    delivery(learner, due_at=now + timedelta(days=8))  # after the 7 days
    delivery(learner, due_at=now - timedelta(hours=1))  # already due

    upcoming = deliveries_upcoming(now=now)

    [program] = upcoming.programs
    assert upcoming.total == 2
    assert program.per_day == [1, 1, 0, 0, 0, 0, 0]
    assert program.cohorts == [(london.pk, "London")]


def test_answer_rate_this_week_beside_last_week(topic):
    now = timezone.now()
    monday = timezone.localdate(now) - timedelta(days=timezone.localdate(now).weekday())
    cohort = cohort_with_answers(topic=topic, learners=0)
    page = topic.get_children().specific().first()
    days_into_week = (timezone.localdate(now) - monday).days
    for _ in range(2):
        answered(EnrollmentFactory(cohort=cohort), page, days_ago=days_into_week + 7)
    answered(EnrollmentFactory(cohort=cohort), page, days_ago=0, correct=False)
    unanswered = delivery(EnrollmentFactory(cohort=cohort), due_at=now)
    Delivery.objects.filter(pk=unanswered.pk).update(
        status=DeliveryStatus.SENT, sent_at=now, page=page
    )

    this_week, last_week = answer_rate_recent_weeks(now=now)

    assert (this_week.starts_on, this_week.sent, this_week.answered) == (monday, 2, 1)
    assert (last_week.sent, last_week.answered) == (2, 2)
    assert this_week.rate_label == "50%" and last_week.rate_label == "100%"


def test_failed_deliveries_in_the_last_week_with_the_commonest_reasons(home_page):
    enrollment = EnrollmentFactory()
    now = timezone.now()
    for reason in ["Mailbox full"] * 3 + ["", ""] + ["Timeout"]:
        delivery(enrollment, due_at=now, status=DeliveryStatus.FAILED, reason=reason)
    old = delivery(enrollment, due_at=now, status=DeliveryStatus.FAILED)
    Delivery.objects.filter(pk=old.pk).update(updated_at=now - timedelta(days=8))

    failed = deliveries_failed_recent(now=now)

    assert failed.count == 6
    assert failed.reasons == [
        ("Mailbox full", 3),
        ("No reason recorded", 2),
        ("Timeout", 1),
    ]


def test_pending_reviews_are_those_awaiting_the_reviewers_group(
    topic, django_user_model
):
    workflow = demo_review_workflow_ensure()
    reviewer = django_user_model.objects.create_user("sme", "sme@example.com", "pw")
    reviewer.groups.add(Group.objects.get(name=SME_GROUP))
    submitter = django_user_model.objects.create_superuser("sam", "s@example.com", "pw")
    page = topic.add_child(instance=Page(title="Naming the impact", live=False))
    page.save_revision(user=submitter)
    workflow.start(page, submitter)

    reviews = reviews_pending(user=reviewer)

    assert (reviews.awaiting_you, reviews.in_review) == (1, 1)
    assert [(w.title, w.task) for w in reviews.waiting] == [
        ("Naming the impact", "Subject-matter review")
    ]


def test_ld_leads_see_the_figures_and_not_the_reviews(
    client, django_user_model, home_page
):
    demo_ld_leads_ensure()
    demo_review_workflow_ensure()
    member(django_user_model, client, LD_LEADS_GROUP)

    assert panels_shown(client) == {"upcoming", "answer_rate", "attention", "failed"}


def test_reviewers_see_pending_reviews_and_no_learner_results(
    client, django_user_model, home_page
):
    demo_review_workflow_ensure()
    member(django_user_model, client, SME_GROUP)

    assert panels_shown(client) == {"reviews"}


def test_panels_link_to_where_each_figure_is_handled(client, django_user_model, topic):
    cohort = cohort_with_answers(topic=topic, learners=2)
    delivery(
        EnrollmentFactory(cohort=cohort), due_at=timezone.now() + timedelta(hours=1)
    )
    client.force_login(
        django_user_model.objects.create_superuser("sam", "s@example.com", "pw")
    )
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("boosters_cohort_modeladmin_inspect", args=[cohort.pk]) in html
    assert (
        f"{reverse('boosters_analytics_dashboard')}?date_from={monday}"
        f"&amp;date_to={monday + timedelta(days=6)}"
    ) in html
    assert reverse("boosters_analytics_attention") in html
    assert f"{reverse('boosters_delivery_modeladmin_index')}?status__exact=failed" in (
        html
    )
    assert reverse("wagtailadmin_reports:workflow") in html


@pytest.mark.parametrize("learners", [3, 30])
def test_admin_home_queries_do_not_grow_with_learners(
    client, django_user_model, topic, learners, django_assert_max_num_queries
):
    cohort = cohort_with_answers(topic=topic, learners=learners)
    for enrollment in cohort.enrollments.all():
        delivery(enrollment, due_at=timezone.now() + timedelta(hours=1))
        delivery(
            enrollment, due_at=timezone.now(), status=DeliveryStatus.FAILED, reason="x"
        )
    client.force_login(
        django_user_model.objects.create_superuser("sam", "s@example.com", "pw")
    )

    with django_assert_max_num_queries(40):
        response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert "hub-upcoming-section" in response.content.decode()


def test_a_delivery_planned_weeks_ago_and_failed_today_counts_as_failed_recently(
    topic, monkeypatch
):
    """The dispatcher writes a batch's outcomes in one statement: the failure
    still dates the row, so the panel counts it."""
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    from boosters.drip.dispatch import drip_tick
    from boosters.factories import ProgramStepFactory, booster_with_choices
    from boosters.planning.sync import cohort_plan_sync

    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=timezone.localdate())
    EnrollmentFactory(cohort=cohort)
    cohort_plan_sync(cohort=cohort)
    planned_long_ago = timezone.now() - timedelta(days=21)
    Delivery.objects.update(updated_at=planned_long_ago)

    def refuse(self, messages):
        (address,) = messages[0].to
        raise smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    drip_tick(now=Delivery.objects.get().due_at)

    failed = Delivery.objects.get()
    assert failed.status == DeliveryStatus.FAILED
    assert failed.updated_at > planned_long_ago + timedelta(days=20)
    assert deliveries_failed_recent(now=timezone.now()).reasons == [
        ("The mail server refused the address.", 1)
    ]
