"""Answering an application check-in from the links in its email.

As with booster answers, mail scanners open every link: opening an answer
link (GET or HEAD) only shows the question with that answer selected, and
the learner's tap on "Confirm" (a POST) records it. The first answer counts;
a second POST shows what was recorded. "I tried it" then offers the story
form. Every problem with a link gets a page that says so, never an error.
Mounted in ``boosters.public_urls``, where every view is ``never_cache``.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from boosters.checkins.forms import StoryForm
from boosters.checkins.labels import OUTCOME_LABELS
from boosters.checkins.selectors import check_in_answer_for, check_in_delivery_load
from boosters.checkins.services import (
    CheckInRejected,
    check_in_answer_record,
    check_in_story_record,
)
from boosters.drip.links import hub_sign_in_url
from boosters.drip.tokens import LinkExpired, LinkInvalid, checkin_token_read
from boosters.learners.sign_in import learner_from_request, learner_sign_in
from boosters.learners.unsubscribe import email_masked
from boosters.models import CheckInOutcome, DeliveryStatus

TEMPLATES = "boosters/checkins"


def _problem(request, *, reason: str, status: int, **context):
    context["reason"] = reason
    return render(request, f"{TEMPLATES}/problem.html", context, status=status)


def _outcome_options(*, selected: str) -> list[dict]:
    return [
        {"value": value, "label": label, "checked": value == selected}
        for value, label in OUTCOME_LABELS.items()
    ]


def _my_learning_url(*, learner, viewer) -> str:
    if viewer is not None:
        return reverse("my_learning")
    return hub_sign_in_url(learner=learner)


def _link_context(request, token):
    """The delivery, page and learner a real check-in link names, or a
    problem response."""
    try:
        link = checkin_token_read(token)
    except LinkExpired:
        return None, _problem(request, reason="expired", status=410)
    except LinkInvalid:
        return None, _problem(request, reason="invalid", status=400)
    if link.test:
        return link, None
    delivery, page = check_in_delivery_load(delivery_id=link.delivery_id)
    if page is None:
        return None, _problem(request, reason="gone", status=410)
    learner = delivery.enrollment.learner
    viewer = learner_from_request(request)
    if viewer is not None and viewer.pk != learner.pk:
        return None, _problem(
            request,
            reason="foreign",
            status=400,
            viewer_email=email_masked(email=viewer.email),
        )
    context = {
        "link": link,
        "token": token,
        "delivery": delivery,
        "page": page,
        "learner": learner,
        "viewer": viewer,
        "my_learning_url": _my_learning_url(learner=learner, viewer=viewer),
    }
    return context, None


@require_http_methods(["GET", "HEAD", "POST"])
def checkin_view(request, token):
    """GET shows the check-in with the tapped answer selected (or the recorded
    answer, with the story form after "I tried it"); POST records the first
    answer."""
    context, problem = _link_context(request, token)
    if problem is not None:
        return problem
    if not isinstance(context, dict):  # a test link from an editor's preview
        return _test_link_view(request, link=context)
    delivery, learner = context["delivery"], context["learner"]
    answer = check_in_answer_for(delivery=delivery)

    if request.method == "POST" and answer is None:
        outcome = request.POST.get("outcome", "")
        if outcome not in OUTCOME_LABELS:
            context.update(
                outcome_error=True,
                options=_outcome_options(selected=context["link"].outcome),
            )
            return render(request, f"{TEMPLATES}/question.html", context, status=400)
        try:
            check_in_answer_record(
                delivery=delivery, outcome=outcome, now=timezone.now()
            )
        except CheckInRejected as rejected:
            return _problem(request, reason="closed", status=410, message=str(rejected))
        if context["viewer"] is None:
            learner_sign_in(request=request, learner=learner)
        # Post/redirect/get: a reload shows the thanks without resubmitting.
        return redirect(request.path)

    if answer is not None:
        return _recorded(
            request,
            context=context,
            answer=answer,
            already_answered=request.method == "POST",
        )

    if delivery.status != DeliveryStatus.SENT:
        return _problem(request, reason="closed", status=410)
    context["options"] = _outcome_options(selected=context["link"].outcome)
    return render(request, f"{TEMPLATES}/question.html", context)


def _recorded(
    request, *, context, answer, already_answered=False, form=None, status=200
):
    page = context["page"]
    wants_story = answer.outcome == CheckInOutcome.TRIED and answer.story_at is None
    if wants_story and form is None:
        form = StoryForm(prompt=page.story_prompt)
    context.update(
        answer=answer,
        outcome_label=OUTCOME_LABELS.get(answer.outcome, answer.outcome),
        already_answered=already_answered,
        form=form if wants_story else None,
        story_url=reverse("boosters_checkin_story", kwargs={"token": context["token"]}),
    )
    return render(request, f"{TEMPLATES}/thanks.html", context, status=status)


@require_POST
def checkin_story_view(request, token):
    """Save the story (with its consent choice) of a "tried it" answer."""
    context, problem = _link_context(request, token)
    if problem is not None:
        return problem
    if not isinstance(context, dict):
        return _test_link_view(request, link=context, story=True)
    answer = check_in_answer_for(delivery=context["delivery"])
    if answer is None:
        return redirect("boosters_checkin", token=token)
    form = StoryForm(request.POST, prompt=context["page"].story_prompt)
    if answer.outcome == CheckInOutcome.TRIED and answer.story_at is None:
        if not form.is_valid():
            return _recorded(
                request, context=context, answer=answer, form=form, status=400
            )
        try:
            check_in_story_record(
                answer=answer,
                story=form.cleaned_data["story"],
                consent=form.cleaned_data["consent"],
                now=timezone.now(),
            )
        except CheckInRejected as rejected:
            form.add_error(None, str(rejected))
            return _recorded(
                request, context=context, answer=answer, form=form, status=400
            )
    return redirect("boosters_checkin", token=token)


def _test_link_view(request, *, link, story=False):
    """A link from an editor's preview or test email: show what a learner
    would see and record nothing."""
    context = {
        "options": _outcome_options(selected=link.outcome),
        "outcome_label": OUTCOME_LABELS[link.outcome],
        "posted": request.method == "POST",
        "story": story,
    }
    return render(request, f"{TEMPLATES}/test_link.html", context)
