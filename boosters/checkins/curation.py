"""Curating a check-in story into a booster question's feedback.

A story whose author allowed L&D to use it in learning content (consent
"content") can become a quote, credited to its author ("— Ana Souza, São
Paulo"), in a booster question's "what successful application looks like".
Curating saves a new draft revision of the question and submits it to the
question's review workflow (the demo's "Booster question review": a
subject-matter expert, then L&D approval); nothing is published here. Like
``community.curation``, it needs the editor's own permission to edit the page.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.html import escape

from wagtail.models import WorkflowState

from boosters.models import BoosterQuestionPage, CheckInAnswer, StoryConsent
from hub.admin_permissions import user_can_view_analytics


class StoryCurationRejected(Exception):
    """The story can't be curated by this person now; the message says why."""


@dataclass(frozen=True)
class StoryCurated:
    """What curating did. ``review`` is "submitted" (a workflow started),
    "in review" (the draft joined a review already under way) or "draft" (the
    question has no workflow: an editor publishes it as usual)."""

    page: BoosterQuestionPage
    review: str


def story_credit(*, answer: CheckInAnswer) -> str:
    """The credit under a curated story: "Ana Souza, São Paulo"."""
    learner = answer.enrollment.learner
    office = (learner.office or "").strip()
    return f"{learner.full_name}, {office}" if office else learner.full_name


def story_quote_html(*, answer: CheckInAnswer) -> str:
    """The story as rich text for ``success_looks_like``: the learner's words in
    quotes and italics, then the credit."""
    lines = [escape(line) for line in answer.story.splitlines() if line.strip()]
    quote = "<br/>".join(lines)
    return f"<p><i>“{quote}”</i></p><p>— {escape(story_credit(answer=answer))}</p>"


def story_curation_problem(*, answer: CheckInAnswer, user) -> str | None:
    """Why ``user`` can't curate ``answer``'s story, or ``None``."""
    if not user_can_view_analytics(user):
        return "You need permission to view learning analytics to use stories."
    if answer.story_consent != StoryConsent.CONTENT or not answer.story.strip():
        return (
            "Only stories whose authors allowed L&D to use them in learning "
            "content can go into feedback."
        )
    if answer.curated_page_id is not None:
        return "This story is already in a question's feedback."
    return None


def _review_submit(*, draft: BoosterQuestionPage, user) -> str:
    workflow = draft.get_workflow()
    if workflow is None or not workflow.active:
        return "draft"
    state = draft.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return "in review"  # reviewers see the latest draft, with the story
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return "submitted"
    workflow.start(draft, user)
    return "submitted"


@transaction.atomic
def story_curate(
    *, answer: CheckInAnswer, page: BoosterQuestionPage, user, now: datetime
) -> StoryCurated:
    """Add ``answer``'s story, credited, to ``page``'s "what successful
    application looks like" in a new draft revision, submit it for review,
    and record the curation on the answer.

    Raises ``StoryCurationRejected`` when the story can't be used (no
    "content" consent, already curated) or ``user`` may not do it.
    """
    answer = (
        CheckInAnswer.objects.select_for_update()
        .select_related("enrollment__learner")
        .get(pk=answer.pk)
    )
    problem = story_curation_problem(answer=answer, user=user)
    if problem:
        raise StoryCurationRejected(problem)
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        raise StoryCurationRejected(
            f"You need permission to edit “{page.title}” in Wagtail to add the "
            "story to its feedback. Ask an editor."
        )
    draft = page.get_latest_revision_as_object()
    draft.success_looks_like = (draft.success_looks_like or "") + story_quote_html(
        answer=answer
    )
    draft.save_revision(user=user, log_action=True, clean=False)
    review = "draft"
    if permissions.can_submit_for_moderation():
        review = _review_submit(draft=draft, user=user)
    CheckInAnswer.objects.filter(pk=answer.pk).update(
        curated_page=page, curated_at=now, curated_by=user
    )
    return StoryCurated(page=draft, review=review)
