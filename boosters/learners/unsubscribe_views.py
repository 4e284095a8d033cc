"""Public views reached from links in drip emails (no login, no admin)."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from boosters.drip.tokens import learner_from_unsubscribe_token
from boosters.learners.unsubscribe import email_masked, learner_unsubscribe
from boosters.models import SubscriptionStatus

ONE_CLICK_REASON = "One-click unsubscribe from the mail client (RFC 8058)."
LINK_REASON = "Unsubscribed from the link in an email."


# The signed token is the authorisation, and RFC 8058 one-click POSTs come from
# mail providers without cookies or a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token):
    """GET (and HEAD) asks to confirm, changing nothing: mail scanners fetch
    every link. POST unsubscribes."""
    learner = learner_from_unsubscribe_token(token)
    if learner is None:
        return render(request, "boosters/unsubscribe_invalid.html", status=400)
    context = {"token": token, "masked_email": email_masked(email=learner.email)}
    if request.method != "POST":
        context["already"] = learner.subscription == SubscriptionStatus.UNSUBSCRIBED
        return render(request, "boosters/unsubscribe_confirm.html", context)
    context["already"] = learner.subscription == SubscriptionStatus.UNSUBSCRIBED
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    learner_unsubscribe(
        learner=learner, reason=ONE_CLICK_REASON if one_click else LINK_REASON
    )
    return render(request, "boosters/unsubscribe_done.html", context)
