"""The pulse answer page, reached from the pulse question email.

The signed token in the link names one enrolment and is the whole
authorisation: learners answer without signing in. Mail scanners open every
link, so GET (and HEAD) only shows the question, or the answer already given;
the learner's submit (POST) records it. A bad link gets a page that says what
happened (400 tampered, 410 no longer asked), never a server error.
"""

from django import forms
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from boosters.models import EnrollmentStatus
from community.models import PulseResponse
from community.pulse.services import (
    ANSWER_MAX_CHARS,
    LinkInvalid,
    PulseRejected,
    pulse_answer_record,
    pulse_enrollment_from_token,
)


class PulseAnswerForm(forms.Form):
    """The answer box; ``pulse_answer_record`` checks what may be recorded."""

    answer = forms.CharField(
        label=_("Your answer"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": ANSWER_MAX_CHARS}),
    )


def _private(response):
    # The token is in the URL: keep it out of Referer headers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _problem(request, *, reason: str, status: int):
    return _private(
        render(
            request, "community/pulse/problem.html", {"reason": reason}, status=status
        )
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pulse_answer_view(request, token):
    """GET shows the question (or the answer given); POST records the first answer."""
    try:
        enrollment = pulse_enrollment_from_token(token)
    except LinkInvalid:
        return _problem(request, reason="invalid", status=400)
    context = {
        "program": enrollment.cohort.program,
        "cohort": enrollment.cohort,
        "learner": enrollment.learner,
    }
    response = PulseResponse.objects.filter(enrollment=enrollment).first()
    if response is not None:
        context |= {"response": response, "again": request.method == "POST"}
        return _private(render(request, "community/pulse/answered.html", context))
    question = enrollment.cohort.program.pulse_question.strip()
    if not question:
        return _problem(request, reason="closed", status=410)
    if enrollment.status != EnrollmentStatus.ACTIVE:
        return _problem(request, reason="withdrawn", status=410)

    status = 200
    form = PulseAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pulse_answer_record(
                enrollment=enrollment,
                answer=form.cleaned_data["answer"],
                now=timezone.now(),
            )
        except PulseRejected as rejected:
            form.add_error("answer", str(rejected))
            status = 400
        else:
            # Post/redirect/get: a reload shows the answer without resubmitting.
            return redirect(request.path)
    context |= {"question": question, "form": form}
    return _private(
        render(request, "community/pulse/question.html", context, status=status)
    )
