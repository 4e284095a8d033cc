"""Answering a booster question from the link in its email.

Mail scanners fetch every link in an email, some of them running the page's
JavaScript. So opening a choice link (GET or HEAD) only shows the question
with that choice selected; the learner's one tap on "Check my answer" (a POST)
records it. Every problem with a link gets a page that says what happened and
how to get a fresh one, never a server error.

The link names its learner, so that tap also signs them in (when nobody is):
the feedback's "Discuss with your cohort" and "My learning" then open without
a sign-in wall. It grants nothing the same email's reusable "open the hub"
link doesn't, and a POST is never sent by a scanner. Before the tap, the
header names the learner and offers My learning through that signed link
rather than "Sign in".
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import Page, Revision

from boosters.drip.links import hub_sign_in_url
from boosters.drip.previews import SAMPLE_DELIVERY_ID
from boosters.drip.tokens import (
    LinkExpired,
    LinkInvalid,
    answer_token,
    answer_token_read,
)
from boosters.drip.translations import (
    choice_counterparts,
    page_in_language,
    page_language,
)
from boosters.learners.sign_in import (
    client_ip_address,
    learner_from_request,
    learner_sign_in,
    sign_in_link_request,
)
from boosters.learners.unsubscribe import email_masked
from boosters.models import (
    Answer,
    AnswerChannel,
    BoosterQuestionPage,
    Delivery,
    DeliveryStatus,
)
from boosters.questions.answers import AnswerRejected, answer_record
from boosters.questions.choices import choice_order
from boosters.questions.discussions import discussion_path
from boosters.questions.selectors import (
    answer_feedback_context,
    delivery_with_live_page,
)

PICK_A_CHOICE = gettext_lazy("Pick one of the choices, then check your answer.")


def _problem(request, *, reason: str, status: int, **context):
    context["reason"] = reason
    return render(request, "boosters/answer/problem.html", context, status=status)


def _load_delivery(
    delivery_id: int,
) -> tuple[Delivery | None, BoosterQuestionPage | None]:
    return delivery_with_live_page(
        delivery_id=delivery_id, page_class=BoosterQuestionPage
    )


@require_http_methods(["GET", "HEAD", "POST"])
def answer_view(request, token):
    """GET shows the question with the tapped choice selected, or the recorded
    answer's feedback; POST records the first answer and shows its feedback."""
    try:
        link = answer_token_read(token)
    except LinkExpired:
        return _problem(request, reason="expired", status=410, token=token)
    except LinkInvalid:
        return _problem(request, reason="invalid", status=400)
    if link.test:
        return _test_link_view(request, link=link)

    delivery, page = _load_delivery(link.delivery_id)
    if page is None:
        return _problem(request, reason="gone", status=410)
    learner = delivery.enrollment.learner
    viewer = learner_from_request(request)
    if viewer is not None and viewer.pk != learner.pk:
        return _problem(
            request,
            reason="foreign",
            status=400,
            viewer_email=email_masked(email=viewer.email),
        )

    answer = Answer.objects.filter(delivery=delivery).select_related("choice").first()
    # In the link's language: its live translation, else the page (P12).
    shown_page = page_in_language(page=page)
    shown_choices = list(shown_page.choices.all())
    source_choices = (
        shown_choices if shown_page.pk == page.pk else list(page.choices.all())
    )
    # In the order the email showed them: a learner finds them where they were.
    shown = choice_order(
        choices=shown_choices,
        delivery_id=delivery.pk,
        keep_order=page.keep_choice_order,
    )
    choices = {choice.pk: choice for choice in shown}
    # The link names the delivery page's choice; show its translation.
    linked = choice_counterparts(choices=source_choices, among=shown_choices)
    context = {
        "page": shown_page,
        "delivery": delivery,
        "learner": learner,
        "my_learning_url": _signed_url(learner=learner, viewer=viewer),
    }

    if request.method == "POST" and viewer is None and answer is not None:
        # Answered before on another device: this tap still comes from the link.
        viewer = _sign_in(request, learner=learner)
        context["my_learning_url"] = _signed_url(learner=learner, viewer=viewer)

    if answer is None and request.method == "POST":
        choice = choices.get(_int(request.POST.get("choice")))
        if choice is not None and shown_page.pk != page.pk:
            # Recorded against the delivery page's own choice.
            choice = choice_counterparts(choices=[choice], among=source_choices)[
                choice.pk
            ]
        if choice is None:
            context.update(choice_error=PICK_A_CHOICE, choices=choices.values())
            return render(request, "boosters/answer/question.html", context, status=400)
        try:
            answer_record(
                delivery=delivery,
                choice=choice,
                channel=AnswerChannel.EMAIL,
                language=page_language(page=shown_page),
            )
        except AnswerRejected as rejected:
            return _problem(request, reason="closed", status=410, message=str(rejected))
        if viewer is None:
            _sign_in(request, learner=learner)
        # Post/redirect/get: a reload shows the feedback without resubmitting.
        return redirect(request.path, permanent=False)

    if answer is not None:
        cohort = delivery.enrollment.cohort
        context.update(
            answer_feedback_context(
                page=page, answer=answer, cohort=cohort, shown_page=shown_page
            ),
            already_answered=request.method == "POST",
            discussion_url=_discussion_url(
                page=page, cohort=cohort, learner=learner, viewer=viewer
            ),
        )
        return render(request, "boosters/answer/feedback.html", context)

    if delivery.status != DeliveryStatus.SENT:
        return _problem(
            request, reason="closed", status=410, message=_("This question isn't open.")
        )
    selected = linked.get(link.choice_id)
    context.update(
        choices=choices.values(),
        selected_id=selected.pk if selected is not None else None,
        choice_gone=link.choice_id is not None and selected is None,
    )
    return render(request, "boosters/answer/question.html", context)


def _sign_in(request, *, learner):
    learner_sign_in(request=request, learner=learner)
    return learner


def _signed_url(*, learner, viewer, next_url: str = "") -> str:
    """``next_url`` (My learning without one) for the learner signed in, else
    their signed link to it: its GET only shows a "continue" button."""
    if viewer is not None:
        return next_url or reverse("my_learning")
    return hub_sign_in_url(learner=learner, next_url=next_url)


def _discussion_url(*, page, cohort, learner, viewer) -> str:
    if not page.discussion_prompt:
        return ""
    path = discussion_path(cohort=cohort, page=page)
    return _signed_url(learner=learner, viewer=viewer, next_url=path) if path else ""


@require_POST
def answer_fresh_link_view(request, token):
    """Email the learner a sign-in link that leads to a fresh answer link."""
    try:
        link = answer_token_read(token)
    except LinkExpired as expired:
        link = expired.link
    except LinkInvalid:
        return _problem(request, reason="invalid", status=400)
    if link.test:
        return _test_link_view(request, link=link)
    delivery, page = _load_delivery(link.delivery_id)
    if page is None:
        return _problem(request, reason="gone", status=410)
    fresh = answer_token(delivery_id=delivery.pk, choice_id=link.choice_id)
    result = sign_in_link_request(
        email=delivery.enrollment.learner.email,
        ip_address=client_ip_address(request),
        next_url=reverse("boosters_answer", kwargs={"token": fresh}),
    )
    return _problem(
        request,
        reason="fresh-link",
        status=200,
        message=result.message,
        masked_email=email_masked(email=delivery.enrollment.learner.email),
    )


def _test_page(link):
    """The draft a test link was made from: its revision, else the page's latest."""
    revision = (
        Revision.page_revisions.filter(
            pk=link.revision_id, object_id=str(link.page_id)
        ).first()
        if link.revision_id is not None and link.page_id is not None
        else None
    )
    if revision is not None:
        return revision.as_object().specific
    page = Page.objects.filter(pk=link.page_id).first() if link.page_id else None
    return page.specific.get_latest_revision_as_object() if page else None


def _test_link_view(request, *, link):
    """A link from an editor's preview or test email: show what a learner would
    see (the question, then the feedback) and record nothing."""
    page = _test_page(link)
    context = {"target": link.target, "page": page}
    if link.target != "answer" or not isinstance(page, BoosterQuestionPage):
        return render(request, "boosters/answer/test_link.html", context)
    choices = list(page.choices.all())
    # Indexes into the editor's order, shown in the preview's sample order.
    context["choices"] = choice_order(
        choices=list(enumerate(choices)),
        delivery_id=SAMPLE_DELIVERY_ID,
        keep_order=page.keep_choice_order,
    )
    if request.method == "POST":
        position = _int(request.POST.get("choice"))
        if position is None or not 0 <= position < len(choices):
            context["choice_error"] = PICK_A_CHOICE
            return render(
                request, "boosters/answer/test_link.html", context, status=400
            )
        context["selected_choice"] = choices[position]
        return render(request, "boosters/answer/test_link.html", context)
    if link.choice_index is not None and 0 <= link.choice_index < len(choices):
        context["selected_index"] = link.choice_index
    return render(request, "boosters/answer/test_link.html", context)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
