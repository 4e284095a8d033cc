"""The learner's email settings on My learning: pause, resume, time zone.

Each is a POST from a signed-in learner that calls one service and goes back
to My learning with a message saying what changed and when the next email goes.
Bad input gets the page again with the reason, and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boosters.learners.languages import learner_language, learner_language_change
from boosters.learners.my_learning import (
    learner_email_settings,
    learner_next_emails,
    long_day_label,
)
from boosters.learners.services import (
    learner_home_zone,
    learner_pause,
    learner_resume,
    learner_time_zone_change,
)
from boosters.learners.sign_in import learner_from_request

_SECTION = "#email-settings"


def _signed_in(view):
    """Run ``view`` with the signed-in learner, or send them to sign in."""

    def wrapper(request):
        learner = learner_from_request(request)
        if learner is None:
            return redirect_to_login(
                reverse("my_learning"), login_url=reverse("learner_sign_in")
            )
        return view(request, learner=learner)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _back(request, *, text: str, error: bool = False):
    (messages.error if error else messages.success)(request, text)
    return HttpResponseRedirect(reverse("my_learning") + _SECTION)


def _next_email_sentence(*, learner, now) -> str:
    upcoming = learner_next_emails(learner=learner, now=now)
    if not upcoming:
        return _("Nothing is scheduled for you right now.")
    item = upcoming[0]
    return _("Your next email: %(when)s (%(zone)s).") % {
        "when": item.when_label,
        "zone": item.zone_name,
    }


@require_POST
@_signed_in
def pause_view(request, *, learner):
    """Pause every email for the chosen number of weeks."""
    now = timezone.now()
    try:
        weeks = int(request.POST.get("weeks", ""))
        learner_pause(learner=learner, weeks=weeks, now=now)
    except (ValueError, ValidationError):
        settings = learner_email_settings(learner=learner, now=now)
        choices = ", ".join(str(n) for n in settings.pause_weeks)
        return _back(
            request,
            text=_("Choose how long to pause: %(choices)s weeks. Nothing was changed.")
            % {"choices": choices},
            error=True,
        )
    today = now.astimezone(learner_home_zone(learner=learner)).date()
    until = long_day_label(learner.paused_until, today=today)
    return _back(
        request,
        text=_("Paused until %(until)s.") % {"until": until}
        + " "
        + _next_email_sentence(learner=learner, now=now),
    )


@require_POST
@_signed_in
def resume_view(request, *, learner):
    """End the learner's pause now."""
    now = timezone.now()
    learner_resume(learner=learner, now=now)
    return _back(
        request,
        text=_("Your emails are back on.")
        + " "
        + _next_email_sentence(learner=learner, now=now),
    )


@require_POST
@_signed_in
def time_zone_view(request, *, learner):
    """Set the learner's own time zone ("" follows the cohort's) and re-plan."""
    now = timezone.now()
    time_zone = request.POST.get("time_zone", "")
    try:
        learner_time_zone_change(learner=learner, time_zone=time_zone, now=now)
    except ValidationError:
        return _back(
            request,
            text=_("Choose a time zone from the list. Nothing was changed."),
            error=True,
        )
    zone = learner_home_zone(learner=learner).key
    return _back(
        request,
        text=_("Times are now in %(zone)s.") % {"zone": zone}
        + " "
        + _next_email_sentence(learner=learner, now=now),
    )


@require_POST
@_signed_in
def language_view(request, *, learner):
    """Set the learner's own language ("" follows the cohort's) and show My
    learning in it."""
    try:
        learner_language_change(learner=learner, language=request.POST.get("language"))
    except ValidationError:
        return _back(
            request,
            text=_("Choose a language from the list. Nothing was changed."),
            error=True,
        )
    with translation.override(learner_language(learner=learner)):
        messages.success(
            request, _("Saved: your emails and pages are now in this language.")
        )
        return HttpResponseRedirect(reverse("my_learning") + _SECTION)
