"""Learners signing in with an emailed link, signing out, and My learning.

Mail scanners fetch (and some script) every link in an email, so opening a
sign-in link (GET or HEAD) only shows a "Sign in" button; the tap, a POST
with a CSRF token, signs in and spends a single-use link. A bad link gets a
page that says what happened and offers a new one, never a server error.
"""

import math

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from boosters.drip.tokens import LinkExpired, LinkInvalid, learner_from_sign_in_token
from boosters.learners.languages import learner_language_settings
from boosters.learners.my_learning import (
    learner_email_settings,
    learner_progress,
    my_learning_sections,
)
from boosters.learners.sign_in import (
    SignInOutcome,
    client_ip_address,
    learner_from_request,
    learner_sign_out,
    link_lifetime_minutes,
    local_next_url,
    sign_in_destination,
    sign_in_link_request,
    sign_in_link_use,
)
from boosters.learners.unsubscribe import email_masked

_STATUS_FOR_OUTCOME = {SignInOutcome.LIMITED: 429, SignInOutcome.FAILED: 503}


class SignInForm(forms.Form):
    """The one field of the sign-in form; kept beside the only view that uses it."""

    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )


def _sign_in_page(
    request, *, form: SignInForm, next_url: str, error: str = "", status: int = 200
):
    context = {
        "form": form,
        "next_url": next_url,
        "error": error,
        "viewer_email": _viewer_email(request),
    }
    return render(request, "boosters/learner/sign_in.html", context, status=status)


def _link_problem(request, *, reason: str, status: int, next_url: str):
    context = {
        "reason": reason,
        "form": SignInForm(),
        "next_url": next_url,
        "lifetime_minutes": link_lifetime_minutes(),
        "viewer_email": _viewer_email(request),
    }
    return render(request, "boosters/learner/link_problem.html", context, status=status)


def _viewer_email(request) -> str:
    viewer = learner_from_request(request)
    return email_masked(email=viewer.email) if viewer else ""


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_view(request):
    """GET shows the form; POST emails a sign-in link if the address is known."""
    source = request.POST if request.method == "POST" else request.GET
    next_url = local_next_url(source.get("next"))
    if request.method != "POST":
        return _sign_in_page(request, form=SignInForm(), next_url=next_url)
    form = SignInForm(request.POST)
    if not form.is_valid():
        return _sign_in_page(request, form=form, next_url=next_url, status=400)
    result = sign_in_link_request(
        email=form.cleaned_data["email"],
        ip_address=client_ip_address(request),
        next_url=next_url,
    )
    if result.is_requested:
        return render(
            request, "boosters/learner/sign_in_sent.html", {"message": result.message}
        )
    response = _sign_in_page(
        request,
        form=form,
        next_url=next_url,
        error=result.message,
        status=_STATUS_FOR_OUTCOME[result.outcome],
    )
    seconds = result.retry_after.total_seconds() if result.retry_after else 300
    response["Retry-After"] = str(max(1, math.ceil(seconds)))
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_confirm_view(request, token):
    """GET (and HEAD) shows a "Sign in" button and changes nothing; POST signs
    in, spending a single-use link, and goes on to ``next`` or My learning."""
    next_url = local_next_url(request.GET.get("next"))
    destination = next_url or reverse("my_learning")
    try:
        if request.method == "POST":
            sign_in_link_use(request=request, token=token)
            return HttpResponseRedirect(destination)
        learner = learner_from_sign_in_token(token)
    except LinkExpired:
        return _link_problem(request, reason="expired", status=410, next_url=next_url)
    except LinkInvalid:
        return _link_problem(request, reason="invalid", status=400, next_url=next_url)

    viewer = learner_from_request(request)
    if viewer is not None and viewer.pk == learner.pk:
        # Already signed in as this learner: nothing to confirm, nothing spent.
        return HttpResponseRedirect(destination)
    context = {
        "masked_email": email_masked(email=learner.email),
        "viewer_email": email_masked(email=viewer.email) if viewer else "",
        "destination": sign_in_destination(next_url=next_url),
    }
    return render(request, "boosters/learner/sign_in_confirm.html", context)


@require_POST
def sign_out_view(request):
    """End the learner's session (POST only, so a link can't sign anyone out)."""
    learner_sign_out(request=request)
    return render(request, "boosters/learner/signed_out.html")


@never_cache
@require_http_methods(["GET", "HEAD"])
def my_learning_view(request):
    """The signed-in learner's upcoming items, answers, mastery and score."""
    learner = learner_from_request(request)
    if learner is None:
        return redirect_to_login(
            request.get_full_path(), login_url=reverse("learner_sign_in")
        )
    now = timezone.now()
    context = {
        "learner": learner,
        "progress": learner_progress(learner=learner, now=now),
        "email_settings": learner_email_settings(learner=learner, now=now),
        "language_settings": learner_language_settings(learner=learner),
        "sections": my_learning_sections(learner=learner, now=now),
    }
    return render(request, "boosters/learner/my_learning.html", context)
