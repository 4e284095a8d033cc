"""Analytics and learner-data exports are for L&D leads only (and superusers)."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest

from boosters.models import Answer
from demo.drip import demo_facilitators_ensure
from demo.leads import LD_LEADS_GROUP, demo_ld_leads_ensure
from demo.workflow import LD_GROUP, SME_GROUP, demo_review_workflow_ensure
from tests.boosters.test_analytics_views import cohort_with_answers

pytestmark = pytest.mark.django_db

# "Editors" and "Moderators" are Wagtail's own groups (from its migrations).
OTHER_GROUPS = ["Editors", "Moderators", SME_GROUP, LD_GROUP, "Facilitators"]
REPORTS = ["deliveries", "answers", "progress"]


@pytest.fixture
def demo_groups(home_page):
    """Every group the demo sets up, made by the demo's own functions."""
    demo_facilitators_ensure()
    demo_review_workflow_ensure()
    demo_ld_leads_ensure()


@pytest.fixture
def question(topic):
    cohort_with_answers(topic=topic, learners=2)
    return Answer.objects.first().page


def member_client(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(
        f"member-{group_name}", f"{len(group_name)}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


def analytics_urls(question) -> list[str]:
    urls = [
        reverse("boosters_analytics_dashboard"),
        reverse("boosters_analytics_attention"),
        reverse("boosters_analytics_question", args=[question.pk]),
    ]
    for report in REPORTS:
        urls += [
            reverse(f"boosters_report_{report}"),
            reverse(f"boosters_report_{report}_results"),
        ]
    return urls


def export_urls() -> list[str]:
    return [
        f"{reverse(f'boosters_report_{report}')}?export={kind}"
        for report in REPORTS
        for kind in ("csv", "xlsx")
    ]


@pytest.mark.parametrize("group_name", OTHER_GROUPS)
def test_other_demo_groups_get_403_on_analytics_and_exports(
    client, django_user_model, demo_groups, question, group_name
):
    member = member_client(client, django_user_model, group_name)

    for url in analytics_urls(question) + export_urls():
        response = member.get(url)
        assert response.status_code == 403, url
        assert not response.streaming, url  # no file, not even a heading row
    assert "permission to view learning analytics" in (
        member.get(reverse("boosters_analytics_dashboard")).content.decode()
    )


@pytest.mark.parametrize("group_name", OTHER_GROUPS)
def test_other_demo_groups_see_no_analytics_menu(
    client, django_user_model, demo_groups, group_name
):
    member = member_client(client, django_user_model, group_name)

    html = member.get(reverse("wagtailadmin_home")).content.decode()

    assert "Cohort dashboard" not in html
    assert reverse("boosters_analytics_dashboard") not in html


def test_ld_leads_open_every_analytics_page_and_export(
    client, django_user_model, demo_groups, question
):
    member = member_client(client, django_user_model, LD_LEADS_GROUP)

    for url in analytics_urls(question) + export_urls():
        response = member.get(url)
        assert response.status_code == 200, url
    home = member.get(reverse("wagtailadmin_home")).content.decode()
    assert "Cohort dashboard" in home
    report = member.get(reverse("boosters_report_answers")).content.decode()
    assert "Download CSV" in report and "Download XLSX" in report


def test_ld_leads_export_holds_the_learners(
    client, django_user_model, demo_groups, question
):
    member = member_client(client, django_user_model, LD_LEADS_GROUP)

    response = member.get(reverse("boosters_report_answers"), {"export": "csv"})

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.count("@example.com") == len(Answer.objects.all())


def test_analytics_without_export_hides_the_buttons_and_refuses_the_file(
    client, django_user_model, question
):
    group = Group.objects.create(name="Analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_analytics"),
    )
    member = member_client(client, django_user_model, "Analysts")

    report = member.get(reverse("boosters_report_deliveries"))
    export = member.get(reverse("boosters_report_deliveries"), {"export": "csv"})

    assert report.status_code == 200
    assert "Download CSV" not in report.content.decode()
    assert export.status_code == 403
    assert "permission to export learner data" in export.content.decode()


@pytest.mark.parametrize("group_name", [SME_GROUP, LD_GROUP])
def test_question_editors_without_analytics_see_no_analytics_button(
    client, django_user_model, demo_groups, question, group_name
):
    member = member_client(client, django_user_model, group_name)

    edit = member.get(reverse("wagtailadmin_pages:edit", args=[question.pk]))

    assert edit.status_code == 200
    assert "Answer analytics" not in edit.content.decode()


@pytest.mark.parametrize("group_name", OTHER_GROUPS)
def test_answer_lists_count_as_analytics(
    client, django_user_model, demo_groups, question, group_name
):
    """Even with the model's view permission, answers need view_analytics."""
    Group.objects.get(name=group_name).permissions.add(
        Permission.objects.get(codename="view_answer"),
        Permission.objects.get(codename="view_questionstate"),
    )
    member = member_client(client, django_user_model, group_name)

    for path in ("/admin/boosters/answer/", "/admin/boosters/questionstate/"):
        response = member.get(path)
        assert response.status_code != 200, path
        assert question.title not in response.content.decode()


def test_ld_leads_read_answers_and_deliveries_lists(
    client, django_user_model, demo_groups, question
):
    member = member_client(client, django_user_model, LD_LEADS_GROUP)

    for path in ("/admin/boosters/answer/", "/admin/boosters/delivery/"):
        response = member.get(path)
        assert response.status_code == 200, path
        assert question.title in response.content.decode()
    assert member.get("/admin/boosters/questionstate/").status_code == 200
