"""Attendance: marked by hand or from an attendee report, shown in analytics
within the privacy rules; and who may open each live session screen."""

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from boosters.drip.dispatch import drip_tick
from demo.drip import demo_facilitators_ensure
from demo.leads import LD_LEADS_GROUP, demo_ld_leads_ensure
from demo.workflow import LD_GROUP, SME_GROUP, demo_review_workflow_ensure
from live_sessions.factories import LiveSessionPageFactory
from live_sessions.models import Attendance, AttendanceSource
from live_sessions.selectors import attendance_report
from live_sessions.services import attendance_mark

from .helpers import INVITE_DUE, session_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(topic):
    page = LiveSessionPageFactory(parent=topic, title="Feedback clinic")
    page.save_revision().publish()
    return page


@pytest.fixture
def invited(session):
    """Six learners in New York whose invites were sent, and one whose was not."""
    cohort = session_cohort(session, learners=6, name="New York HQ")
    session_cohort(session, learners=1, day_offset=5, name="London office")
    drip_tick(now=INVITE_DUE)
    return list(cohort.enrollments.select_related("learner").order_by("pk"))


@pytest.fixture
def runner(client, django_user_model):
    user = django_user_model.objects.create_user("runner", "runner@example.com", "pw")
    user.groups.add(demo_facilitators_ensure())
    client.force_login(user)
    return user


def attendance_url(session):
    return reverse("live_sessions_attendance", args=[session.pk])


def test_marking_a_whole_cohort_takes_a_few_queries(
    session, invited, runner, django_assert_max_num_queries
):
    everyone = {enrollment.pk for enrollment in invited}

    with django_assert_max_num_queries(8):
        assert attendance_mark(
            page=session, attended_ids=everyone, user=runner, now=INVITE_DUE
        ) == len(invited)
    with django_assert_max_num_queries(8):
        changed = attendance_mark(
            page=session,
            attended_ids=everyone - {invited[0].pk},
            user=runner,
            now=INVITE_DUE,
        )

    assert changed == 1
    assert Attendance.objects.filter(attended=True).count() == len(invited) - 1


def test_the_facilitator_ticks_who_attended_by_cohort(client, session, invited, runner):
    response = client.get(attendance_url(session))
    html = response.content.decode()
    assert response.status_code == 200
    assert "New York HQ" in html
    assert "London office" not in html  # its invites are not sent yet

    response = client.post(
        attendance_url(session), {"attended": [invited[0].pk, invited[2].pk]}
    )

    assert response.status_code == 302
    marks = {a.enrollment_id: a for a in Attendance.objects.all()}
    assert {pk for pk, a in marks.items() if a.attended} == {
        invited[0].pk,
        invited[2].pk,
    }
    assert len(marks) == 6
    assert marks[invited[0].pk].source == AttendanceSource.MANUAL
    assert marks[invited[0].pk].marked_by == runner


def test_an_attendee_report_marks_the_good_rows_and_lists_the_bad(
    client, session, invited, runner
):
    a, b = invited[0].learner.email, invited[1].learner.email
    report = (
        "Meeting Summary\n"
        "Total Number of Participants,4\n"
        "\n"
        "Name,Attendee Email,Join Time\n"
        f"{invited[0].learner.full_name},{a.upper()},3/10/26 10:01\n"
        f"Someone,{b},3/10/26 10:03\n"
        "A guest,guest@elsewhere.example,3/10/26 10:04\n"
        "No email,,3/10/26 10:05\n"
        "Typo,not-an-address,3/10/26 10:06\n"
        f"Again,{a},3/10/26 10:30\n"
    ).encode("utf-8-sig")

    response = client.post(
        attendance_url(session),
        {
            "import": "1",
            "report": SimpleUploadedFile("attendees.csv", report, "text/csv"),
        },
    )

    assert response.status_code == 200
    attended = set(
        Attendance.objects.filter(attended=True).values_list("enrollment_id", flat=True)
    )
    assert attended == {invited[0].pk, invited[1].pk}
    assert set(Attendance.objects.values_list("source", flat=True)) == {
        AttendanceSource.CSV
    }
    result = response.context["result"]
    assert result.marked == 2
    assert [(p.line, p.reason) for p in result.problems] == [
        (7, "Not an invited learner of this session."),
        (8, "No email address."),
        (9, "Not an email address."),
        (10, "Listed again: counted once."),
    ]
    html = response.content.decode()
    assert "guest@elsewhere.example" in html
    assert "Marked 2 learners as attending" in html


def test_a_file_without_an_email_column_is_refused_whole(
    client, session, invited, runner
):
    response = client.post(
        attendance_url(session),
        {
            "import": "1",
            "report": SimpleUploadedFile(
                "x.csv", b"Name,Joined\nAna,10:01\n", "text/csv"
            ),
        },
    )

    assert response.status_code == 400
    assert "No email column found" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_binary_file_is_refused_clearly(client, session, invited, runner):
    response = client.post(
        attendance_url(session),
        {
            "import": "1",
            "report": SimpleUploadedFile(
                "x.csv", b"\xff\xfe\x00\xd8\x00\x00", "text/csv"
            ),
        },
    )

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_attendance_shows_in_analytics_with_small_groups_hidden(
    session, invited, django_assert_max_num_queries
):
    for enrollment in invited[:3]:
        Attendance.objects.create(
            page=session, enrollment=enrollment, attended=True, marked_at=INVITE_DUE
        )
    office = invited[0].learner
    office.office = "São Paulo"
    office.save()

    with django_assert_max_num_queries(5):
        [report] = attendance_report()

    assert report.page == session
    assert report.total.invited == 6
    assert report.total.attended == 3
    assert report.total.text == "3 of 6 (50%)"
    assert [(f.label, f.text) for f in report.cohorts] == [
        ("New York HQ", "3 of 6 (50%)")
    ]
    # One learner in São Paulo: too few to show anything.
    offices = {f.label: f.text for f in report.offices}
    assert offices["São Paulo"] == "fewer than 5 invited: not shown"


# -- who may open what, per demo group ----------------------------------------

OTHER_GROUPS = ["Editors", "Moderators", SME_GROUP, LD_GROUP]


@pytest.fixture
def demo_groups(home_page):
    demo_facilitators_ensure()
    demo_review_workflow_ensure()
    demo_ld_leads_ensure()


def member_of(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(
        f"member-{len(group_name)}", f"{len(group_name)}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def session_urls(session):
    return [
        reverse("live_sessions_questions", args=[session.pk]),
        reverse("live_sessions_attendance", args=[session.pk]),
    ]


@pytest.mark.parametrize("group_name", OTHER_GROUPS)
def test_other_demo_groups_may_not_run_sessions_or_see_attendance(
    client, django_user_model, demo_groups, session, group_name
):
    member_of(client, django_user_model, group_name)

    for url in session_urls(session):
        assert client.get(url).status_code == 403, url
    assert client.post(session_urls(session)[1], {"attended": []}).status_code == 403
    assert client.get(reverse("live_sessions_index")).status_code == 403
    report = client.get(reverse("live_sessions_attendance_report"))
    assert report.status_code == 403


@pytest.mark.parametrize("group_name", ["Facilitators", LD_LEADS_GROUP])
def test_facilitators_and_ld_leads_run_every_session(
    client, django_user_model, demo_groups, session, group_name
):
    member_of(client, django_user_model, group_name)

    for url in session_urls(session):
        assert client.get(url).status_code == 200, url
    index = client.get(reverse("live_sessions_index"))
    assert index.status_code == 200
    assert session.title in index.content.decode()


def test_only_ld_leads_see_the_attendance_report(
    client, django_user_model, demo_groups
):
    member_of(client, django_user_model, "Facilitators")
    assert client.get(reverse("live_sessions_attendance_report")).status_code == 403

    client.logout()
    member_of(client, django_user_model, LD_LEADS_GROUP)
    assert client.get(reverse("live_sessions_attendance_report")).status_code == 200


def test_a_sessions_own_facilitator_runs_it_and_no_other(
    client, django_user_model, session, topic
):
    other = LiveSessionPageFactory(parent=topic, title="Another session")
    user = django_user_model.objects.create_user("sam", "sam@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    session.facilitator = user
    session.save_revision().publish()
    client.force_login(user)

    for url in session_urls(session):
        assert client.get(url).status_code == 200, url
    for url in session_urls(other):
        assert client.get(url).status_code == 403, url
    index = client.get(reverse("live_sessions_index")).content.decode()
    assert session.title in index
    assert "Another session" not in index
