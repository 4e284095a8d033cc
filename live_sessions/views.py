"""Learners send questions for a live session (the page itself is a Wagtail page).

The view only parses the form and calls ``session_question_add``; a question
that can't be taken comes back on the page with the reason, never a 500.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from boosters.learners.sign_in import learner_from_request
from live_sessions.forms import SessionQuestionForm
from live_sessions.models import LiveSessionPage
from live_sessions.selectors import learner_session_enrollment
from live_sessions.services import SessionRejected, session_question_add


@never_cache
@require_POST
def session_question_post(request, page_id: int):
    """Record the signed-in learner's question; members of its cohorts only."""
    page = LiveSessionPage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404("No such session.")
    page_url = page.get_url(request=request) or page.url_path
    learner = learner_from_request(request)
    if learner is None:
        return redirect_to_login(page_url, login_url=reverse("learner_sign_in"))
    enrollment = learner_session_enrollment(page=page, learner=learner)
    if enrollment is None:
        # Not one of its cohorts: as if the form did not exist.
        raise Http404("No such session.")
    form = SessionQuestionForm(request.POST, agenda_items=page.agenda_items)
    if form.is_valid():
        try:
            session_question_add(
                page=page,
                enrollment=enrollment,
                text=form.cleaned_data["text"],
                agenda_item_id=form.cleaned_data["agenda_item"],
                now=timezone.now(),
            )
        except SessionRejected as rejected:
            form.add_error(rejected.field, rejected.message)
        else:
            messages.success(
                request, _("Thanks: your question is with the facilitator.")
            )
            return HttpResponseRedirect(f"{page_url}#questions")
    context = page.get_context(request)
    context["question_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=400)
