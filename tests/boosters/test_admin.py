"""Editors manage programs, cohorts and learners from one Boosters menu."""

import datetime

from django.db import IntegrityError

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, Program

pytestmark = pytest.mark.django_db

ADMIN_PATHS = [
    "/admin/boosters/program/",
    "/admin/boosters/cohort/",
    "/admin/boosters/learner/",
    "/admin/boosters/enrollment/",
    "/admin/boosters/delivery/",
    "/admin/boosters/answer/",
    "/admin/boosters/questionstate/",
]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def enrolled(topic):
    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=2)
    enrollment = EnrollmentFactory(
        cohort=CohortFactory(program=step.program),
        enrolled_at=datetime.datetime(2026, 2, 20, tzinfo=datetime.UTC),
    )
    return enrollment, step


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_each_boosters_list_opens(editor, enrolled, path):
    response = editor.get(path)
    assert response.status_code == 200


def test_the_admin_menu_groups_them_under_boosters(editor):
    html = editor.get("/admin/").content.decode()
    assert "Boosters" in html


def test_program_with_steps_is_created_in_the_admin(editor, topic):
    page = booster_with_choices(parent=topic)
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "name": "Feedback boosters",
            "slug": "feedback-boosters",
            "description": "",
            "spacing_mode": "fsrs",
            "desired_retention": "0.85",
            "answer_window_days": "5",
            "daily_question_cap": "1",
            "too_late_days": "14",
            "pulse_question": "",
            "pulse_days_before": "7",
            "steps": inline_formset(
                [{"page": page.pk, "day_offset": 3, "send_time": ""}], initial=0
            ),
        }
    )
    response = editor.post("/admin/boosters/program/create/", data)
    assert response.status_code == 302
    program = Program.objects.get(slug="feedback-boosters")
    assert [(s.page_id, s.day_offset) for s in program.steps.all()] == [(page.pk, 3)]
    assert (
        program.spacing_mode,
        program.desired_retention,
        program.answer_window_days,
        program.daily_question_cap,
    ) == ("fsrs", 0.85, 5, 1)


def test_program_spacing_settings_are_checked(editor):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "name": "Too eager",
            "slug": "too-eager",
            "description": "",
            "spacing_mode": "spaced",
            "desired_retention": "1.5",
            "answer_window_days": "0",
            "daily_question_cap": "2",
            "pulse_question": "",
            "pulse_days_before": "7",
            "steps": inline_formset([], initial=0),
        }
    )
    response = editor.post("/admin/boosters/program/create/", data)
    assert response.status_code == 200
    assert not Program.objects.filter(slug="too-eager").exists()
    text = response.content.decode()
    assert "less than or equal to 0.97" in text
    assert "greater than or equal to 1" in text


def test_editors_see_answers_and_question_states(editor, enrolled):
    from boosters.drip.dispatch import drip_tick
    from boosters.models import AnswerChannel, Delivery
    from boosters.planning.sync import enrollment_plan_sync
    from boosters.questions.answers import answer_record

    enrollment, step = enrolled
    enrollment_plan_sync(enrollment=enrollment)
    drip_tick(now=Delivery.objects.get().due_at)
    delivery = Delivery.objects.select_related(
        "enrollment__learner", "enrollment__cohort__program"
    ).get()
    wrong = step.page.specific.choices.filter(is_correct=False).first()
    answer_record(delivery=delivery, choice=wrong, channel=AnswerChannel.EMAIL)

    answers = editor.get("/admin/boosters/answer/").content.decode()
    assert enrollment.learner.email in answers
    assert wrong.text in answers
    states = editor.get("/admin/boosters/questionstate/").content.decode()
    assert enrollment.learner.email in states
    assert step.page.title in states
    assert editor.get("/admin/boosters/answer/create/").status_code in (302, 403)


def test_cohort_rejects_an_unknown_time_zone(editor, enrolled):
    enrollment, step = enrolled
    response = editor.post(
        "/admin/boosters/cohort/create/",
        {
            "program": step.program_id,
            "name": "Atlantis",
            "slug": "atlantis",
            "time_zone": "Atlantis/Capital",
            "anchor_date": "2026-03-02",
            "send_time": "09:00",
            "working_days_only": "on",
            "weekend": "6,7",
        },
    )
    assert response.status_code == 200
    assert "is not a time zone we know" in response.content.decode()


def test_deliveries_can_be_read_but_not_created_or_edited(editor, enrolled):
    enrollment, step = enrolled
    delivery = Delivery.objects.create(
        enrollment=enrollment,
        step=step,
        page=step.page,
        local_date="2026-03-04",
        due_at="2026-03-04T14:00:00Z",
    )
    assert editor.get("/admin/boosters/delivery/create/").status_code in {302, 403}
    assert editor.get(f"/admin/boosters/delivery/edit/{delivery.pk}/").status_code in {
        302,
        403,
    }
    assert (
        editor.get(f"/admin/boosters/delivery/inspect/{delivery.pk}/").status_code
        == 200
    )


def test_learner_email_is_unique_whatever_its_case():
    LearnerFactory(email="Ana.Silva@example.com")
    with pytest.raises(IntegrityError):
        LearnerFactory(email="ana.silva@EXAMPLE.com")


def test_one_delivery_per_enrolment_and_step(enrolled):
    enrollment, step = enrolled
    fields = {
        "enrollment": enrollment,
        "step": step,
        "page": step.page,
        "local_date": "2026-03-04",
        "due_at": "2026-03-04T14:00:00Z",
    }
    Delivery.objects.create(**fields)
    with pytest.raises(IntegrityError):
        Delivery.objects.create(**fields)


def test_enrolling_in_the_admin_plans_the_learners_deliveries(editor, enrolled):
    enrollment, step = enrolled
    learner = LearnerFactory()
    response = editor.post(
        "/admin/boosters/enrollment/create/",
        {
            "learner": learner.pk,
            "cohort": enrollment.cohort_id,
            "status": "active",
            "enrolled_at": "2026-02-01 09:00",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Plan updated: 1 deliveries planned" in response.content.decode()
    assert Delivery.objects.filter(enrollment__learner=learner).count() == 1


def test_cohort_plan_shows_a_steps_learners_in_local_time_and_utc(editor, enrolled):
    from boosters.planning.sync import enrollment_plan_sync

    enrollment, step = enrolled
    enrollment_plan_sync(enrollment=enrollment)
    response = editor.get(
        f"/admin/boosters/cohort/inspect/{enrollment.cohort_id}/"
        f"?day=2026-03-04&step={step.pk}&repeat=0"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert enrollment.learner.email in html
    assert "Wed 2026-03-04 09:00 America/New_York" in html
    assert "2026-03-04 14:00Z" in html


# A learner's zone change in the admin re-plans every cohort they are in.


def learner_form(learner, **changes):
    data = {
        "email": learner.email,
        "first_name": learner.first_name,
        "last_name": learner.last_name,
        "time_zone": learner.time_zone,
        "office": learner.office,
        "manager_name": learner.manager_name,
        "manager_email": learner.manager_email,
        "subscription": learner.subscription,
    }
    return data | changes


def test_changing_a_learners_zone_in_the_admin_retimes_every_cohort(editor, enrolled):
    from zoneinfo import ZoneInfo

    from boosters.models import DeliveryStatus
    from boosters.planning.sync import enrollment_plan_sync

    first, step = enrolled
    learner = first.learner
    second = EnrollmentFactory(
        learner=learner,
        cohort=CohortFactory(
            program=step.program, anchor_date=datetime.date(2026, 3, 9)
        ),
        enrolled_at=first.enrolled_at,
    )
    later = ProgramStepFactory(
        program=step.program,
        page=booster_with_choices(parent=step.page.get_parent()),
        day_offset=5,
    )
    for enrollment in (first, second):
        enrollment_plan_sync(enrollment=enrollment)
    sent = first.deliveries.get(step=step)
    sent.status = DeliveryStatus.SENT
    sent.save()

    response = editor.post(
        f"/admin/boosters/learner/edit/{learner.pk}/",
        learner_form(learner, time_zone="Asia/Tokyo"),
        follow=True,
    )

    assert response.status_code == 200
    assert "Plan updated: 0 deliveries planned, 3 re-timed" in response.content.decode()
    tokyo = ZoneInfo("Asia/Tokyo")
    pending = Delivery.objects.filter(
        enrollment__learner=learner, status=DeliveryStatus.PENDING
    )
    assert sorted(
        (d.enrollment_id, d.step_id, d.due_at.astimezone(tokyo).strftime("%H:%M"))
        for d in pending
    ) == sorted(
        [
            (first.pk, later.pk, "09:00"),
            (second.pk, step.pk, "09:00"),
            (second.pk, later.pk, "09:00"),
        ]
    )
    sent_due_at = sent.due_at
    sent.refresh_from_db()
    assert (sent.status, sent.due_at) == (DeliveryStatus.SENT, sent_due_at)


# Names are one clean line, whichever admin form stores them.


def test_the_learner_form_refuses_a_line_break_and_strips_invisible_marks(
    editor, enrolled
):
    learner = enrolled[0].learner
    url = f"/admin/boosters/learner/edit/{learner.pk}/"

    broken = editor.post(url, learner_form(learner, first_name="Ana\r\nMaria"))
    pasted = editor.post(
        url,
        learner_form(
            learner,
            first_name="\u200bAna\u200d",
            office="  São \u202ePaulo ",
            manager_name="Rui\u2066  Costa\u2069",
        ),
    )

    assert broken.status_code == 200
    assert "This contains a line break" in broken.content.decode()
    assert pasted.status_code == 302
    learner.refresh_from_db()
    assert (learner.first_name, learner.office, learner.manager_name) == (
        "Ana",
        "São Paulo",
        "Rui Costa",
    )


def test_the_cohort_form_refuses_a_control_character_in_its_region(editor, enrolled):
    cohort = enrolled[0].cohort
    response = editor.post(
        f"/admin/boosters/cohort/edit/{cohort.pk}/",
        {
            "program": cohort.program_id,
            "name": "New York",
            "slug": cohort.slug,
            "region": "New\x1bYork",
            "time_zone": "America/New_York",
            "anchor_date": "2026-03-02",
            "send_time": "09:00",
            "working_days_only": "on",
            "weekend": "6,7",
        },
    )
    assert response.status_code == 200
    assert "This contains a control character (ESC)" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.region == "New York"


@pytest.mark.parametrize(("days", "saved"), [("30", 30), ("0", None), ("91", None)])
def test_too_late_window_is_set_per_program_in_the_admin(editor, topic, days, saved):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    program = ProgramStepFactory(page=booster_with_choices(parent=topic)).program
    url = f"/admin/boosters/program/edit/{program.pk}/"
    assert 'name="too_late_days"' in editor.get(url).content.decode()
    data = nested_form_data(
        {
            "name": program.name,
            "slug": program.slug,
            "description": "",
            "spacing_mode": "spaced",
            "desired_retention": "0.9",
            "answer_window_days": "7",
            "daily_question_cap": "2",
            "too_late_days": days,
            "pulse_question": "",
            "pulse_days_before": "7",
            "steps": inline_formset([], initial=0),
        }
    )

    response = editor.post(url, data)

    program.refresh_from_db()
    if saved is None:
        assert response.status_code == 200  # the form again, with the error
        assert program.too_late_days == 14
    else:
        assert response.status_code == 302
        assert program.too_late_days == saved


def test_program_and_manager_names_are_cleaned_by_full_clean():
    from django.core.exceptions import ValidationError

    from boosters.models import Manager

    program = Program(name="\u200bFeedback\u00a0 boosters\u202c", slug="feedback")
    program.full_clean()
    assert program.name == "Feedback boosters"

    manager = Manager(email="rui@example.com", name="Rui\nCosta")
    with pytest.raises(ValidationError) as refused:
        manager.full_clean()
    assert refused.value.message_dict["name"] == [
        "This contains a line break; it must fit on one line."
    ]
