"""Pages reached from manager digests, and a learner's choice to share results.

Managers have no account: the signed token in the link is the whole
authorisation, and it names one manager, so nobody can reach another manager's
page or a learner's results by changing a URL. A bad link gets a page that
says what happened (400 tampered, 410 expired), never a server error.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from boosters.learners.sign_in import learner_from_request
from boosters.learners.unsubscribe import email_masked
from community.managers.conversations import (
    conversation_topic,
    manager_conversation_find,
    manager_conversation_record,
    manager_conversations_recorded,
)
from community.managers.digest import manager_page_url, starter_links
from community.managers.services import (
    learner_share_results_set,
    manager_digest,
    manager_opt_out,
    manager_week,
)
from community.managers.tokens import (
    LinkExpired,
    LinkInvalid,
    manager_from_optout_token,
    manager_page_from_token,
    manager_talked_from_token,
)


def _private(response):
    # The token is in the URL: keep it out of Referer headers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "HEAD"])
def manager_page_view(request, token):
    """The manager's read-only page: the digest's information for the week of
    the email the link came from (the latest full week for older links), or
    for the current week so far with ``?week=current``."""
    try:
        link = manager_page_from_token(token)
    except LinkExpired:
        return _private(
            render(
                request,
                "community/managers/link_problem.html",
                {"reason": "expired"},
                status=410,
            )
        )
    except LinkInvalid:
        return _private(
            render(
                request,
                "community/managers/link_problem.html",
                {"reason": "invalid"},
                status=400,
            )
        )
    now = timezone.now()
    current = request.GET.get("week") == "current"
    digest = manager_digest(
        manager=link.manager, now=now, week=link.week, current=current
    )
    linked = manager_week(manager=link.manager, now=now, week=link.week)
    recorded = manager_conversations_recorded(
        manager=link.manager, week=digest.week.monday
    )
    context = {
        "manager": link.manager,
        "digest": digest,
        "starters": [
            (starter, url, starter.topic_id in recorded)
            for starter, url in starter_links(manager=link.manager, digest=digest)
        ],
        # From this week so far, the way back to the week of the email.
        "back_to_week": linked if current and not linked.is_current else None,
        "back_url": request.path,
        "current_url": f"{request.path}?week=current",
    }
    return _private(render(request, "community/managers/manager_page.html", context))


# The signed token is the authorisation, and RFC 8058 one-click POSTs come from
# mail providers without cookies or a CSRF token.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manager_optout_view(request, token):
    """GET asks to confirm (mail scanners GET every link); POST opts out."""
    manager = manager_from_optout_token(token)
    if manager is None:
        return _private(
            render(
                request,
                "community/managers/link_problem.html",
                {"reason": "optout"},
                status=400,
            )
        )
    context = {
        "masked_email": email_masked(email=manager.email),
        "already": manager.opted_out_at is not None,
    }
    if request.method == "POST":
        manager_opt_out(manager=manager)
        return _private(render(request, "community/managers/optout_done.html", context))
    return _private(render(request, "community/managers/optout_confirm.html", context))


@require_POST
def learner_share_results_view(request):
    """Turn sharing one's own results with one's manager on or off."""
    learner = learner_from_request(request)
    if learner is None:
        return redirect_to_login(
            reverse("my_learning"), login_url=reverse("learner_sign_in")
        )
    learner_share_results_set(learner=learner, share=request.POST.get("share") == "on")
    return HttpResponseRedirect(reverse("my_learning") + "#share-results")


def _link_problem(request, *, reason: str, status: int):
    return _private(
        render(
            request,
            "community/managers/link_problem.html",
            {"reason": reason},
            status=status,
        )
    )


# The signed token is the authorisation (managers have no account or session),
# as for the opt-out link.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manager_talked_view(request, token):
    """A starter's "we talked about it" link: GET asks (mail scanners GET every
    link), POST records it once for the manager, topic and digest week."""
    try:
        link = manager_talked_from_token(token)
    except LinkExpired:
        return _link_problem(request, reason="talked_expired", status=410)
    except LinkInvalid:
        return _link_problem(request, reason="talked_invalid", status=400)
    topic = conversation_topic(topic_id=link.topic_id)
    if link.topic_id is not None and topic is None:
        return _link_problem(request, reason="talked_gone", status=404)
    now = timezone.now()
    if request.method == "POST":
        conversation, created = manager_conversation_record(
            manager=link.manager, week=link.week, topic=topic, now=now
        )
    else:
        conversation = manager_conversation_find(
            manager=link.manager, week=link.week, topic=topic
        )
        created = False
    context = {
        "manager": link.manager,
        "topic": topic,
        "week": manager_week(manager=link.manager, now=now, week=link.week),
        "conversation": conversation,
        "created": created,
        "page_url": manager_page_url(manager=link.manager, week=link.week),
    }
    template = (
        "community/managers/talked_done.html"
        if conversation is not None
        else "community/managers/talked_confirm.html"
    )
    return _private(render(request, template, context))
