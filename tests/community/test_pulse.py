"""Before the course, learners are asked what they most want from it.

The question goes once per enrolment, by email through the dispatcher; its
signed link opens an answer page that records nothing until the learner sends
an answer. Editors and facilitators read the answers in the admin.
"""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.contrib.auth.models import Group, Permission
from django.core import mail, signing
from django.urls import resolve, reverse

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.drip.tokens import unsubscribe_token
from boosters.factories import CohortFactory, EnrollmentFactory, ProgramFactory
from boosters.models import (
    DeliveryStatus,
    EnrollmentStatus,
    Notice,
    NoticeKind,
    SubscriptionStatus,
    Weekend,
)
from community.models import PulseResponse
from community.notices import ALREADY_ANSWERED, NO_PULSE_QUESTION
from community.pulse.services import (
    previous_working_day,
    pulse_answer_record,
    pulse_enrollment_from_token,
    pulse_plan,
    pulse_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_signing_clock")]

QUESTION = "What do you most want to get out of this course?"
# The course ends Monday 16 March 2026 in New York; a week before at 09:00 EDT.
ANCHOR = dt.date(2026, 3, 16)
DUE = dt.datetime(2026, 3, 9, 13, 0, tzinfo=dt.UTC)
BEFORE = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)
ADMIN_LIST = "/admin/community/pulseresponse/"


@pytest.fixture
def program():
    return ProgramFactory(
        name="Feedback that lands", pulse_question=QUESTION, pulse_days_before=7
    )


@pytest.fixture
def cohort(program):
    return CohortFactory(
        program=program, name="New York, spring", anchor_date=ANCHOR, weekend="6,7"
    )


@pytest.fixture
def enrollment(cohort):
    return EnrollmentFactory(cohort=cohort, learner__first_name="Ana")


def answer_path(enrollment) -> str:
    return reverse(
        "community_pulse_answer", kwargs={"token": pulse_token(enrollment=enrollment)}
    )


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


# Planning


def test_the_pulse_is_planned_once_per_active_enrolment(cohort, enrollment):
    other = EnrollmentFactory(cohort=cohort)
    EnrollmentFactory(cohort=cohort, status=EnrollmentStatus.WITHDRAWN)
    EnrollmentFactory(
        cohort=cohort, learner__subscription=SubscriptionStatus.UNSUBSCRIBED
    )

    assert pulse_plan(now=BEFORE) == 2
    assert pulse_plan(now=BEFORE + dt.timedelta(hours=1)) == 0

    notices = {n.learner_id: n for n in Notice.objects.all()}
    assert set(notices) == {enrollment.learner_id, other.learner_id}
    notice = notices[enrollment.learner_id]
    assert notice.kind == NoticeKind.PULSE
    assert notice.dedupe_key == f"pulse:{enrollment.pk}"
    assert notice.due_at == DUE
    assert (notice.cohort, notice.subject_id) == (cohort, cohort.program_id)


def test_the_pulse_goes_at_the_cohorts_send_time_in_the_learners_zone(cohort):
    londoner = EnrollmentFactory(cohort=cohort, learner__time_zone="Europe/London")

    pulse_plan(now=BEFORE)

    assert Notice.objects.get(learner=londoner.learner).due_at == dt.datetime(
        2026, 3, 9, 9, 0, tzinfo=dt.UTC
    )


def test_a_pulse_due_on_the_weekend_goes_the_working_day_before(
    program, cohort, enrollment
):
    program.pulse_days_before = 8  # Sunday 8 March
    program.save()

    pulse_plan(now=BEFORE)

    # Friday 6 March, 09:00 EST.
    assert Notice.objects.get().due_at == dt.datetime(2026, 3, 6, 14, 0, tzinfo=dt.UTC)


def test_previous_working_day_respects_the_cohorts_weekend():
    friday, saturday = dt.date(2026, 3, 6), dt.date(2026, 3, 7)
    sat_sun = frozenset({6, 7})
    fri_sat = frozenset({5, 6})
    assert previous_working_day(day=saturday, weekend=sat_sun) == friday
    assert previous_working_day(day=friday, weekend=sat_sun) == friday
    assert previous_working_day(day=saturday, weekend=fri_sat) == dt.date(2026, 3, 5)
    assert Weekend.SAT_SUN == "6,7"


def test_a_late_planner_still_sends_a_pulse_due_up_to_two_days_ago(enrollment):
    assert pulse_plan(now=DUE + dt.timedelta(days=1)) == 1
    assert Notice.objects.get().due_at == DUE


def test_a_pulse_more_than_two_days_late_is_not_sent(enrollment):
    assert pulse_plan(now=DUE + dt.timedelta(days=2, minutes=1)) == 0
    assert not Notice.objects.exists()


def test_a_program_without_a_pulse_question_asks_nothing(program, enrollment):
    program.pulse_question = ""
    program.save()

    assert pulse_plan(now=BEFORE) == 0


def test_no_pulse_for_a_learner_who_already_answered(enrollment):
    PulseResponse.objects.create(
        enrollment=enrollment,
        question=QUESTION,
        answer="Confidence.",
        answered_at=BEFORE,
    )

    assert pulse_plan(now=BEFORE) == 0


def test_a_planned_pulse_follows_a_change_of_course_dates(cohort, enrollment):
    pulse_plan(now=BEFORE)
    cohort.anchor_date = ANCHOR + dt.timedelta(days=7)
    cohort.save()

    assert pulse_plan(now=BEFORE + dt.timedelta(hours=1)) == 0

    assert Notice.objects.get().due_at == DUE + dt.timedelta(days=7)


def test_planning_pulses_takes_a_few_queries_however_many_learners(
    cohort, django_assert_max_num_queries
):
    for _ in range(25):
        EnrollmentFactory(cohort=cohort)

    with django_assert_max_num_queries(4):
        assert pulse_plan(now=BEFORE) == 25


# The email


def test_the_pulse_email_asks_the_question_with_a_button_to_the_answer_page(
    enrollment,
):
    pulse_plan(now=BEFORE)

    assert drip_tick(now=DUE).sent == 1

    [message] = mail.outbox
    assert message.to == [enrollment.learner.email]
    assert message.subject == "One question before Feedback that lands"
    html = html_of(message)
    assert QUESTION in html and QUESTION in message.body
    [url] = re.findall(r'href="([^"]+)"[^>]*>\s*Answer the question', html)
    assert url.startswith("http") and url in message.body
    match = resolve(urlsplit(url).path)
    assert match.url_name == "community_pulse_answer"
    assert pulse_enrollment_from_token(match.kwargs["token"]) == enrollment
    token = unsubscribe_token(learner=enrollment.learner)
    assert token in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert token in message.body


def test_a_pulse_to_a_learner_who_unsubscribed_is_cancelled(enrollment):
    pulse_plan(now=BEFORE)
    learner = enrollment.learner
    learner.subscription = SubscriptionStatus.UNSUBSCRIBED
    learner.save()

    assert drip_tick(now=DUE).cancelled == 1
    assert mail.outbox == []


def test_a_pulse_answered_before_it_is_due_is_not_sent(enrollment):
    pulse_plan(now=BEFORE)
    pulse_answer_record(enrollment=enrollment, answer="Confidence.", now=BEFORE)

    assert drip_tick(now=DUE).skipped == 1
    assert Notice.objects.get().status_reason == ALREADY_ANSWERED


def test_a_pulse_question_removed_before_it_is_due_is_not_sent(program, enrollment):
    pulse_plan(now=BEFORE)
    program.pulse_question = ""
    program.save()

    assert drip_tick(now=DUE).skipped == 1
    notice = Notice.objects.get()
    assert (notice.status, notice.status_reason) == (
        DeliveryStatus.SKIPPED,
        NO_PULSE_QUESTION,
    )


# Answering


@pytest.mark.parametrize("method", ["get", "head"])
def test_opening_the_answer_link_records_nothing(client, enrollment, method):
    response = getattr(client, method)(answer_path(enrollment))

    assert response.status_code == 200
    assert not PulseResponse.objects.exists()
    assert response["Referrer-Policy"] == "no-referrer"
    if method == "get":
        page = response.content.decode()
        assert QUESTION in page
        assert "<textarea" in page
        assert 'method="post"' in page


def test_sending_an_answer_records_one_response_and_shows_it(client, enrollment):
    path = answer_path(enrollment)

    response = client.post(path, {"answer": "  Giving feedback upwards.\r\n"})

    assert response.status_code == 302
    [stored] = PulseResponse.objects.all()
    assert stored.enrollment == enrollment
    assert (stored.question, stored.answer) == (QUESTION, "Giving feedback upwards.")
    page = client.get(path).content.decode()
    assert "Giving feedback upwards." in page
    assert "<textarea" not in page


def test_the_first_answer_counts(client, enrollment):
    path = answer_path(enrollment)
    client.post(path, {"answer": "Giving feedback upwards."})

    response = client.post(path, {"answer": "Something else entirely."})

    assert response.status_code == 200
    assert "already answered" in response.content.decode()
    assert PulseResponse.objects.get().answer == "Giving feedback upwards."


def test_an_empty_answer_is_refused_with_a_message(client, enrollment):
    response = client.post(answer_path(enrollment), {"answer": "   "})

    assert response.status_code == 400
    assert "Write a few words" in response.content.decode()
    assert not PulseResponse.objects.exists()


def test_an_overlong_answer_is_refused_with_a_message(client, enrollment):
    response = client.post(answer_path(enrollment), {"answer": "x" * 2001})

    assert response.status_code == 400
    assert "under 2000 characters" in response.content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "eyJlIjoxfQ:1vAAAA:tampered",
        pytest.param("unsubscribe", id="another kind of token"),
    ],
)
def test_a_tampered_link_gets_a_clear_400(client, enrollment, token):
    if token == "unsubscribe":
        token = unsubscribe_token(learner=enrollment.learner)
    path = reverse("community_pulse_answer", kwargs={"token": token})

    for response in (client.get(path), client.post(path, {"answer": "Hi"})):
        assert response.status_code == 400
        assert "isn't valid" in response.content.decode()
    assert not PulseResponse.objects.exists()


def test_a_link_to_a_removed_enrolment_gets_a_400(client, enrollment):
    path = answer_path(enrollment)
    enrollment.delete()

    assert client.get(path).status_code == 400


def test_a_question_no_longer_asked_gets_a_410(client, program, enrollment):
    program.pulse_question = ""
    program.save()

    response = client.post(answer_path(enrollment), {"answer": "Hi"})

    assert response.status_code == 410
    assert "no longer being asked" in response.content.decode()
    assert not PulseResponse.objects.exists()


def test_a_withdrawn_learner_cannot_answer(client, enrollment):
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save()

    assert client.post(answer_path(enrollment), {"answer": "Hi"}).status_code == 410
    assert not PulseResponse.objects.exists()


# Results in the admin


@pytest.fixture
def answered(cohort, enrollment):
    other_cohort = CohortFactory(program=cohort.program, name="São Paulo, spring")
    pulse_answer_record(
        enrollment=enrollment, answer="Feedback to my manager.", now=BEFORE
    )
    pulse_answer_record(
        enrollment=EnrollmentFactory(cohort=other_cohort, learner__first_name="Bia"),
        answer="Handling defensive replies.",
        now=BEFORE,
    )
    return other_cohort


def test_editors_see_pulse_responses_in_the_admin_list(
    client, django_user_model, cohort, answered
):
    client.force_login(
        django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    )

    page = client.get(ADMIN_LIST).content.decode()

    assert "Pulse responses" in page
    for text in (
        "Feedback to my manager.",
        "Handling defensive replies.",
        "Feedback that lands",
        "New York, spring",
        "São Paulo, spring",
    ):
        assert text in page
    filtered = client.get(
        ADMIN_LIST, {"enrollment__cohort__id__exact": cohort.pk}
    ).content.decode()
    assert "Feedback to my manager." in filtered
    assert "Handling defensive replies." not in filtered


def _admin_user(django_user_model, *, group=None, permission=None):
    user = django_user_model.objects.create_user("user", "user@example.com", "pw")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    if permission:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.mark.parametrize(
    ("kind", "sees"),
    [
        ({"group": "Facilitators"}, True),
        ({"permission": "boosters.change_program"}, True),
        ({}, False),
    ],
    ids=["facilitator", "program editor", "other admin user"],
)
def test_facilitators_and_program_editors_see_the_list_others_do_not(
    client, django_user_model, answered, kind, sees
):
    client.force_login(_admin_user(django_user_model, **kind))

    response = client.get(ADMIN_LIST)

    if sees:
        assert response.status_code == 200
        assert "Feedback to my manager." in response.content.decode()
    else:
        assert response.status_code in (302, 403)


def test_pulse_responses_are_read_only_in_the_admin(
    client, django_user_model, answered
):
    client.force_login(_admin_user(django_user_model, group="Facilitators"))
    response = PulseResponse.objects.first()

    assert client.get(f"{ADMIN_LIST}create/").status_code in (302, 403)
    assert client.get(f"{ADMIN_LIST}edit/{response.pk}/").status_code in (302, 403)
    assert client.get(f"{ADMIN_LIST}delete/{response.pk}/").status_code in (302, 403)
    assert client.get(f"{ADMIN_LIST}inspect/{response.pk}/").status_code == 200


def test_pulse_links_already_in_inboxes_keep_working(enrollment):
    """The signing salt is part of every link sent: it must never change."""
    token = signing.dumps({"e": enrollment.pk}, salt="community.pulse", compress=False)

    assert pulse_enrollment_from_token(token) == enrollment


def test_the_pulse_email_names_the_program_by_its_public_title(enrollment):
    program = enrollment.cohort.program
    program.name = "FB-2026-Q1 (internal)"
    program.public_title = "Feedback that lands"
    program.save()
    pulse_plan(now=BEFORE)

    assert drip_tick(now=DUE).sent == 1

    [message] = mail.outbox
    assert message.subject == "One question before Feedback that lands"
    assert "FB-2026-Q1" not in message.body
