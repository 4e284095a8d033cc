"""Bulk actions in the learners and enrolments lists: choose rows, confirm, done.

Each action says what will happen before it happens, reports its counts, and
one row it cannot do never stops the others.
"""

from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, Enrollment, EnrollmentStatus
from boosters.planning.sync import cohort_plan_sync

pytestmark = pytest.mark.django_db

LEARNERS_BULK = "/admin/boosters/learners/bulk/"
ENROLMENTS_BULK = "/admin/boosters/enrolments/bulk/"


def cohort_with_steps(topic, name: str):
    program = ProgramFactory()
    for offset in (3, 10):
        ProgramStepFactory(
            program=program,
            day_offset=offset,
            page=booster_with_choices(parent=topic, title=f"{name} day {offset}"),
        )
    return CohortFactory(program=program, name=name, anchor_date=timezone.localdate())


@pytest.fixture
def lisbon(topic):
    return cohort_with_steps(topic, "Lisbon")


@pytest.fixture
def tokyo(topic):
    return cohort_with_steps(topic, "Tokyo")


@pytest.fixture
def enrolled(lisbon):
    enrollments = [EnrollmentFactory(cohort=lisbon) for _ in range(3)]
    cohort_plan_sync(cohort=lisbon)
    return enrollments


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return client


def label(enrollment) -> str:
    learner = enrollment.learner
    return f"{learner.full_name} ({learner.email}) in {enrollment.cohort}"


def pending(enrollment) -> int:
    return Delivery.objects.filter(
        enrollment=enrollment, status=DeliveryStatus.PENDING
    ).count()


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_learners_list_has_a_checkbox_per_row_and_an_action_bar(editor, enrolled):
    html = editor.get("/admin/boosters/learner/").content.decode()

    for enrollment in enrolled:
        assert f'name="id" value="{enrollment.learner.pk}" form="bulk-form"' in html
    assert 'id="bulk-form"' in html
    for label in ("Resend sign-in link", "Pause emails", "Withdraw from a cohort"):
        assert label in html


def test_the_enrolments_list_offers_withdraw_and_move(editor, enrolled):
    html = editor.get("/admin/boosters/enrollment/").content.decode()

    assert f'value="{enrolled[0].pk}" form="bulk-form"' in html
    assert "Move to another cohort" in html


def test_the_confirm_page_lists_who_and_what_and_changes_nothing(
    editor, enrolled, tokyo
):
    ids = [e.pk for e in enrolled[:2]]
    response = editor.get(ENROLMENTS_BULK, {"action": "move", "id": ids})

    html = response.content.decode()
    assert "2 enrolments chosen" in html
    assert "pending emails there are cancelled" in html
    assert f"{label(enrolled[0])}</li>" in html
    assert enrolled[2].learner.email not in html
    assert "Tokyo" in html  # offered as the target
    assert "Choose a cohort." not in html  # nothing chosen yet: no error
    assert Enrollment.objects.filter(cohort=tokyo).count() == 0


def test_moving_enrolments_cancels_the_old_plan_and_plans_the_new_cohort(
    editor, enrolled, lisbon, tokyo
):
    already = EnrollmentFactory(cohort=tokyo, learner=enrolled[2].learner)
    ids = [e.pk for e in enrolled]

    response = editor.post(
        ENROLMENTS_BULK, {"action": "move", "id": ids, "cohort": tokyo.pk}, follow=True
    )

    text = messages_of(response)
    assert "Move to another cohort: done for 2 enrolments." in text
    assert "Deliveries: 4 planned, 0 re-timed, 4 cancelled." in text
    learner = already.learner
    assert (
        f"Not done for 1: {learner.full_name} ({learner.email}) is already active "
        "in Tokyo."
    ) in text
    for enrollment in enrolled[:2]:
        enrollment.refresh_from_db()
        assert enrollment.status == EnrollmentStatus.WITHDRAWN
        assert pending(enrollment) == 0
        moved = Enrollment.objects.get(cohort=tokyo, learner=enrollment.learner)
        assert moved.status == EnrollmentStatus.ACTIVE
        assert pending(moved) == 2
    assert pending(enrolled[2]) == 2  # the one that could not move keeps its plan


def test_moving_without_choosing_a_cohort_asks_for_one(editor, enrolled):
    response = editor.post(ENROLMENTS_BULK, {"action": "move", "id": [enrolled[0].pk]})

    assert response.status_code == 200
    assert "Choose a cohort." in response.content.decode()
    assert pending(enrolled[0]) == 2


def test_withdrawing_enrolments_cancels_their_pending_emails(editor, enrolled):
    enrolled[0].status = EnrollmentStatus.WITHDRAWN
    enrolled[0].save()

    response = editor.post(
        ENROLMENTS_BULK,
        {"action": "withdraw", "id": [e.pk for e in enrolled]},
        follow=True,
    )

    text = messages_of(response)
    assert "Withdraw: done for 2 enrolments." in text
    assert f"{label(enrolled[0])} was already withdrawn." in text
    assert [pending(e) for e in enrolled[1:]] == [0, 0]


def test_withdrawing_learners_from_a_cohort_names_those_not_in_it(
    editor, enrolled, lisbon
):
    stranger = LearnerFactory()
    ids = [enrolled[0].learner.pk, stranger.pk]

    response = editor.post(
        LEARNERS_BULK,
        {"action": "withdraw", "id": ids, "cohort": lisbon.pk},
        follow=True,
    )

    text = messages_of(response)
    assert "Withdraw from a cohort: done for 1 learner." in text
    assert f"{stranger.full_name} ({stranger.email}) is not active in Lisbon." in text
    enrolled[0].refresh_from_db()
    assert enrolled[0].status == EnrollmentStatus.WITHDRAWN
    assert pending(enrolled[1]) == 2


def test_resending_sign_in_links_emails_each_chosen_learner(editor, enrolled):
    learners = [e.learner for e in enrolled[:2]]
    mail.outbox.clear()

    response = editor.post(
        LEARNERS_BULK,
        {"action": "sign_in", "id": [learner.pk for learner in learners]},
        follow=True,
    )

    assert "Resend sign-in link: done for 2 learners." in messages_of(response)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        learner.email for learner in learners
    )


def test_pausing_learners_holds_their_emails_for_the_chosen_weeks(editor, enrolled):
    learner = enrolled[0].learner

    page = editor.get(LEARNERS_BULK, {"action": "pause", "id": [learner.pk]})
    assert "Pause for" in page.content.decode()
    response = editor.post(
        LEARNERS_BULK, {"action": "pause", "id": [learner.pk], "weeks": 2}, follow=True
    )

    assert "Pause emails: done for 1 learner." in messages_of(response)
    learner.refresh_from_db()
    assert learner.paused_until is not None
    assert (learner.paused_until - timezone.localdate()).days >= 13


def test_no_row_chosen_goes_back_to_the_list_with_a_message(editor, enrolled):
    response = editor.get(ENROLMENTS_BULK, {"action": "withdraw"}, follow=True)

    assert response.redirect_chain[-1][0] == "/admin/boosters/enrollment/"
    assert "Choose at least one row." in messages_of(response)


def test_a_row_deleted_meanwhile_is_named_not_a_server_error(editor, enrolled):
    response = editor.get(
        ENROLMENTS_BULK, {"action": "withdraw", "id": [999999]}, follow=True
    )

    assert "no longer exists" in messages_of(response)


def test_editors_who_cannot_change_enrolments_cannot_act(
    client, django_user_model, enrolled
):
    user = django_user_model.objects.create_user("viewer", password="pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_enrollment"),
    )
    client.force_login(user)

    response = client.post(
        ENROLMENTS_BULK, {"action": "withdraw", "id": [enrolled[0].pk]}
    )

    assert response.status_code in (302, 403)
    enrolled[0].refresh_from_db()
    assert enrolled[0].status == EnrollmentStatus.ACTIVE
    html = client.get("/admin/boosters/enrollment/").content.decode()
    assert 'form="bulk-form"' not in html


# The learner's own form takes what a roster takes.


def test_an_editor_saves_a_learner_with_an_internationalised_address(editor):
    learner = LearnerFactory(email="zoe@example.org")

    response = editor.post(
        f"/admin/boosters/learner/edit/{learner.pk}/",
        {
            "email": "zoë.müller@example.org",
            "first_name": "Zoë",
            "last_name": "Müller",
            "subscription": learner.subscription,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    learner.refresh_from_db()
    assert learner.email == "zoë.müller@example.org"


def test_the_learner_form_still_refuses_a_bad_or_taken_address(editor):
    LearnerFactory(email="ana@example.org")
    learner = LearnerFactory(email="zoe@example.org")

    for email, error in (
        ("zoë müller@example.org", "Enter a valid email address."),
        ("ANA@example.org", "A learner with this email already exists."),
    ):
        response = editor.post(
            f"/admin/boosters/learner/edit/{learner.pk}/",
            {
                "email": email,
                "first_name": "Z",
                "last_name": "M",
                "subscription": "subscribed",
            },
        )
        assert response.status_code == 200
        assert error in response.content.decode()
    learner.refresh_from_db()
    assert learner.email == "zoe@example.org"


def test_withdrawing_many_enrolments_takes_no_query_per_row(lisbon):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from boosters.learners.bulk import enrollments_withdraw

    enrollments = [EnrollmentFactory(cohort=lisbon) for _ in range(10)]
    cohort_plan_sync(cohort=lisbon)
    counts = []
    for chosen in (enrollments[:2], enrollments[2:]):
        with CaptureQueriesContext(connection) as queries:
            result = enrollments_withdraw(enrollments=chosen)
        assert result.done == len(chosen)
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert all(pending(e) == 0 for e in enrollments)
