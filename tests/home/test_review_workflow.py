"""Booster questions are reviewed before they go live: a subject-matter expert
checks each one, then L&D approves it (the demo's review workflow)."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Workflow

import pytest

from boosters.factories import BoosterQuestionPageFactory
from demo.workflow import (
    LD_GROUP,
    LD_TASK,
    REVIEW_WORKFLOW,
    SME_GROUP,
    SME_TASK,
    demo_review_workflow_ensure,
)
from home.factories import ArticlePageFactory
from tests.page_forms import booster_page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow(home_page):
    return demo_review_workflow_ensure()


def member_of(django_user_model, group_name: str, username: str):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def sme(django_user_model, workflow):
    return member_of(django_user_model, SME_GROUP, "priya")


@pytest.fixture
def approver(django_user_model, workflow):
    return member_of(django_user_model, LD_GROUP, "dana")


@pytest.fixture
def draft_booster(topic):
    page = BoosterQuestionPageFactory(parent=topic, title="A quiet colleague")
    page.unpublish()
    return page.specific_class.objects.get(pk=page.pk)


def test_review_workflow_has_expert_review_then_ld_approval(workflow):
    tasks = [task.specific for task in workflow.tasks]

    assert workflow.name == REVIEW_WORKFLOW
    assert [task.name for task in tasks] == [SME_TASK, LD_TASK]
    assert [list(task.groups.values_list("name", flat=True)) for task in tasks] == [
        [SME_GROUP],
        [LD_GROUP],
    ]


def test_loading_the_review_workflow_again_changes_nothing(workflow):
    demo_review_workflow_ensure()

    assert Workflow.objects.filter(name=REVIEW_WORKFLOW).count() == 1
    assert len(Workflow.objects.get(name=REVIEW_WORKFLOW).tasks) == 2
    assert Group.objects.filter(name__in=[SME_GROUP, LD_GROUP]).count() == 2


def test_booster_questions_follow_the_review_workflow_and_articles_do_not(
    workflow, draft_booster, topic
):
    article = ArticlePageFactory(parent=topic)

    assert draft_booster.get_workflow() == workflow
    assert draft_booster.has_workflow
    assert article.get_workflow() != workflow


def test_experts_cannot_publish(sme, draft_booster):
    assert not draft_booster.permissions_for_user(sme).can_publish()


def test_approvers_cannot_publish_a_booster_without_review(
    client, approver, draft_booster
):
    client.force_login(approver)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_booster.pk]),
        {**booster_page_data(draft_booster), "action-publish": "publish"},
        follow=True,
    )

    draft_booster.refresh_from_db()
    assert not draft_booster.live
    assert "submit it for review" in response.content.decode()


def test_booster_is_published_only_after_both_approvals(
    client, sme, approver, draft_booster
):
    client.force_login(sme)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_booster.pk]),
        {**booster_page_data(draft_booster), "action-submit": "submit"},
    )
    assert response.status_code == 302
    draft_booster.refresh_from_db()
    state = draft_booster.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == SME_TASK
    assert not draft_booster.live

    # L&D can't act while the expert review is open.
    assert (
        state.current_task_state.task.specific.get_actions(draft_booster, approver)
        == []
    )
    state.current_task_state.approve(user=sme)
    state.refresh_from_db()
    draft_booster.refresh_from_db()
    assert state.current_task_state.task.name == LD_TASK
    assert not draft_booster.live

    state.current_task_state.approve(user=approver)
    state.refresh_from_db()
    draft_booster.refresh_from_db()
    assert state.status == state.STATUS_APPROVED
    assert draft_booster.live
    assert draft_booster.title == "A quiet colleague"
