"""The plan screens in the admin: a program's timeline, a cohort's plan by day
and step, and one step's learners."""

import datetime as dt

from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.html import strip_tags

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, Enrollment, Learner
from boosters.planning.admin_views import CohortPlanView
from boosters.planning.sync import cohort_plan_sync

pytestmark = pytest.mark.django_db

PAUSED = "Paused — nothing is sent until resumed"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def program(topic):
    program = ProgramFactory(name="Feedback boosters")
    for order, offset in enumerate((1, 4, 8)):
        ProgramStepFactory(
            program=program,
            day_offset=offset,
            sort_order=order,
            page=booster_with_choices(parent=topic, title=f"Day {offset} question"),
        )
    return program


@pytest.fixture
def cohort(program):
    """A cohort whose course ends today (in its zone): days 1 and 4 fall in the
    next seven days, day 8 after them. Weekends count, so nothing moves."""
    today = timezone.now().astimezone(dt.timezone(dt.timedelta(hours=-5))).date()
    return CohortFactory(
        program=program,
        name="New York, spring",
        time_zone="America/New_York",
        anchor_date=today,
        working_days_only=False,
    )


def enrol(cohort, count):
    learners = Learner.objects.bulk_create(
        LearnerFactory.build(email=f"ana{n}@example.com", last_name=f"Silva {n}")
        for n in range(count)
    )
    Enrollment.objects.bulk_create(
        EnrollmentFactory.build(
            cohort=cohort,
            learner=learner,
            enrolled_at=timezone.now() - dt.timedelta(days=30),
        )
        for learner in learners
    )
    cohort_plan_sync(cohort=cohort)


def words(html: str) -> str:
    """The page's text as a reader sees it: no tags, single spaces."""
    return " ".join(strip_tags(html).split())


def plan_url(cohort, query=""):
    return f"/admin/boosters/cohort/inspect/{cohort.pk}/{query}"


def day(cohort, offset):
    return (cohort.anchor_date + dt.timedelta(days=offset)).isoformat()


def test_the_program_timeline_shows_each_day_and_links_to_the_page_editor(
    editor, program, cohort
):
    step = program.steps.get(day_offset=4)

    response = editor.get(f"/admin/boosters/program/inspect/{program.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Day 1" in html and "Day 4" in html and "Day 8" in html
    assert f"/admin/pages/{step.page_id}/edit/" in html
    assert "Sent at the cohort's send time" in html
    assert "Comes back 12 days after a wrong or missed answer" in html
    assert "not answered within 7 days counts as missed" in words(html)
    assert plan_url(cohort) in html  # the cohorts that follow it


def test_the_program_list_links_to_its_timeline(editor, program):
    html = editor.get("/admin/boosters/program/").content.decode()

    assert f"/admin/boosters/program/inspect/{program.pk}/" in html
    assert "Timeline" in html


def test_the_cohort_plan_shows_the_next_seven_days_by_step_with_counts(editor, cohort):
    enrol(cohort, 3)
    Delivery.objects.filter(
        enrollment__cohort=cohort, local_date=day(cohort, 1)
    ).update(status=DeliveryStatus.SENT)

    response = editor.get(plan_url(cohort))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Next 7 days" in html
    assert f'id="day-{day(cohort, 1)}"' in html
    assert f'id="day-{day(cohort, 4)}"' in html
    assert f'id="day-{day(cohort, 8)}"' not in html  # after the seven days
    assert "9 emails in the whole plan: 6 pending, 3 sent." in words(html)
    step = cohort.program.steps.get(day_offset=4)
    assert f"?day={day(cohort, 4)}&amp;step={step.pk}&amp;repeat=0" in html
    assert "3 learners" in html


def test_the_whole_plan_shows_every_day(editor, cohort):
    enrol(cohort, 2)

    html = editor.get(plan_url(cohort, "?days=all")).content.decode()

    assert f'id="day-{day(cohort, 8)}"' in html


def test_an_empty_week_says_when_the_next_email_goes(editor, cohort):
    cohort.anchor_date -= dt.timedelta(days=30)  # long done but for a late one
    cohort.save()
    enrol(cohort, 1)
    Delivery.objects.update(status=DeliveryStatus.SENT)
    late = Delivery.objects.first()
    late.status = DeliveryStatus.PENDING
    late.local_date = timezone.localdate() + dt.timedelta(days=20)
    late.save()

    html = editor.get(plan_url(cohort)).content.decode()

    assert "Nothing is due in the next 7 days." in words(html)
    assert f"The next email is due on {late.local_date:%A %-d %B %Y}." in words(html)


def test_a_paused_cohort_says_so_in_words_on_its_plan_and_in_the_list(editor, cohort):
    cohort.paused = True
    cohort.save()

    plan = editor.get(plan_url(cohort)).content.decode()
    listing = editor.get("/admin/boosters/cohort/").content.decode()

    assert PAUSED in plan
    assert PAUSED in listing
    assert words(listing).count("Sending on plan") == 1  # the filter's, no row's


def test_the_cohort_list_says_an_active_cohort_is_sending(editor, cohort):
    listing = editor.get("/admin/boosters/cohort/").content.decode()

    assert "Sending on plan" in listing


def test_the_cohort_list_filters_by_sending_in_words(editor, cohort, program):
    CohortFactory(program=program, name="Paused cohort", paused=True)

    listing = editor.get("/admin/boosters/cohort/?paused__exact=1").content.decode()

    assert "By sending" in listing
    assert "Paused cohort" in listing and "New York, spring" not in listing
    assert ">Yes<" not in listing.replace(" ", "").replace("\n", "")


def test_drilling_into_a_step_lists_its_learners_in_their_local_time(editor, cohort):
    enrol(cohort, 2)
    other = EnrollmentFactory(
        cohort=cohort,
        learner=LearnerFactory(email="lucas@example.com", time_zone="Europe/London"),
        enrolled_at=timezone.now() - dt.timedelta(days=30),
    )
    cohort_plan_sync(cohort=cohort)
    step = cohort.program.steps.get(day_offset=4)
    Delivery.objects.filter(enrollment=other, step=step).update(
        status=DeliveryStatus.FAILED, status_reason="mailbox full"
    )

    response = editor.get(
        plan_url(cohort, f"?day={day(cohort, 4)}&step={step.pk}&repeat=0")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Day 4 question" in html
    assert "3 learners" in words(html)
    assert "ana0@example.com" in html and "lucas@example.com" in html
    assert "09:00 Europe/London" in html  # her own zone
    assert "mailbox full" in html


def test_the_drill_down_is_paginated(editor, cohort, monkeypatch):
    enrol(cohort, 5)
    monkeypatch.setattr(CohortPlanView, "LEARNERS_PER_PAGE", 2)
    step = cohort.program.steps.get(day_offset=1)
    query = f"?day={day(cohort, 1)}&step={step.pk}&repeat=0"

    html = editor.get(plan_url(cohort, query + "&p=3")).content.decode()

    assert "5 learners" in words(html)
    assert "Page 3 of 3" in html
    assert html.count("@example.com</span>") == 1


@pytest.mark.parametrize(
    "query, message",
    [
        ("?day=yesterday", "The day must be a date such as 2026-03-04."),
        ("?day=2026-03-04&step=x", "Enter a whole number."),
        ("?day=2026-03-04&step=1&page=2", "Name a step or a page, not both."),
    ],
)
def test_a_broken_drill_down_link_says_what_is_wrong(editor, cohort, query, message):
    response = editor.get(plan_url(cohort, query))

    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("learners", [10, 200])
def test_the_plan_and_its_drill_down_take_the_same_queries_for_any_cohort_size(
    editor, cohort, learners, django_assert_max_num_queries
):
    enrol(cohort, learners)
    step = cohort.program.steps.get(day_offset=4)

    with django_assert_max_num_queries(12):
        plan = editor.get(plan_url(cohort, "?days=all"))
    with django_assert_max_num_queries(12):
        drill = editor.get(
            plan_url(cohort, f"?day={day(cohort, 4)}&step={step.pk}&repeat=0")
        )

    assert f"{learners} learners" in words(plan.content.decode())
    assert f"{learners} learners" in words(drill.content.decode())


def test_editors_who_may_not_see_cohorts_are_turned_away(
    client, cohort, django_user_model
):
    user = django_user_model.objects.create_user("viv", "viv@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(plan_url(cohort))

    assert response.status_code == 302
    assert not response["Location"].startswith(plan_url(cohort))


def test_editors_who_may_see_cohorts_get_the_plan(client, cohort, django_user_model):
    user = django_user_model.objects.create_user("viv", "viv@example.com", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_cohort"),
    )
    client.force_login(user)

    assert client.get(plan_url(cohort)).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, cohort):
    response = client.get(plan_url(cohort))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_edit_pages_link_to_the_timeline_and_the_plan(editor, program, cohort):
    program_edit = editor.get(f"/admin/boosters/program/edit/{program.pk}/")
    cohort_edit = editor.get(f"/admin/boosters/cohort/edit/{cohort.pk}/")

    assert f"/admin/boosters/program/inspect/{program.pk}/" in (
        program_edit.content.decode()
    )
    assert "See its timeline" in program_edit.content.decode()
    assert plan_url(cohort) in cohort_edit.content.decode()
    assert "See its plan" in cohort_edit.content.decode()
