"""The demo's review workflow: every booster question is checked by a
subject-matter expert, then approved by L&D, before it goes live."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from wagtail.models import (
    GroupApprovalTask,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)

from boosters.questions.pages import BoosterQuestionPage
from demo.groups import demo_group_ensure

SME_GROUP = "Subject-matter experts"
LD_GROUP = "L&D approvers"
REVIEW_WORKFLOW = "Booster question review"
SME_TASK = "Subject-matter review"
LD_TASK = "L&D approval"
# Reviewers edit and comment on drafts. L&D approvers also hold "publish",
# which Wagtail needs for the last approval to publish the page; publishing a
# booster any other way is refused (``home.wagtail_hooks``).
SME_PAGE_PERMISSIONS = ("add_page", "change_page")
LD_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def _task_ensure(name: str, *, group: Group) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.add(group)
    return task


def demo_review_workflow_ensure() -> Workflow:
    """The two review groups and the "Booster question review" workflow,
    assigned to booster questions wherever they are. Safe to run again: what
    exists is kept, and only what is missing is added.
    """
    sme = demo_group_ensure(SME_GROUP, page_permissions=SME_PAGE_PERMISSIONS)
    ld = demo_group_ensure(LD_GROUP, page_permissions=LD_PAGE_PERMISSIONS)
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created:
        for order, task in enumerate(
            [_task_ensure(SME_TASK, group=sme), _task_ensure(LD_TASK, group=ld)]
        ):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    content_type = ContentType.objects.get_for_model(BoosterQuestionPage)
    # BoosterQuestionPage.get_workflow reads this before the section's workflow.
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )
    return workflow
