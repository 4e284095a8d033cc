"""Cohort spaces on the web: threads, replies, recognition and moderation.

Every view under a space goes through ``space_access``: members of the cohort
and facilitators get in; anyone else gets a 404, the same whether the space,
thread or reply exists or not. Nobody signed in is sent to sign in. Views only
parse input and call ``community.services``; a rejected action comes back as a
message on the page, never as a server error.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from boosters.checkins.selectors import cohort_shared_stories
from boosters.learners.sign_in import learner_from_request
from community import services
from community.curation import CurationRejected, thread_curate
from community.forms import (
    HideForm,
    MoveForm,
    PostEditForm,
    ReplyForm,
    ReportForm,
    ThreadForm,
)
from community.membership import (
    SpaceViewer,
    is_facilitator,
    member_access,
    post_access,
    someone_signed_in,
    space_access,
    spaces_for_facilitator,
    spaces_for_learner,
    thread_access,
)
from community.models import PostReport
from community.sanitize import post_text_from_html
from community.selectors import (
    member_profile,
    open_reports,
    space_threads,
    thread_detail,
    thread_reply_count,
    thread_rows,
    top_contributors,
)
from community.services import ActionRejected

THREADS_PER_PAGE = 20


def space_url(cohort) -> str:
    return reverse("community_space", kwargs={"cohort_slug": cohort.slug})


def thread_url(thread, *, anchor: str = "") -> str:
    url = reverse(
        "community_thread",
        kwargs={"cohort_slug": thread.cohort.slug, "thread_id": thread.pk},
    )
    return f"{url}#{anchor}" if anchor else url


def _sign_in_redirect(request, *, cohort_slug: str | None = None):
    # After signing in, come back here; a POST-only address can't be opened,
    # so those lead to the space instead.
    if request.method in ("GET", "HEAD") or cohort_slug is None:
        next_url = request.get_full_path()
    else:
        next_url = reverse("community_space", kwargs={"cohort_slug": cohort_slug})
    return redirect_to_login(next_url, login_url=reverse("learner_sign_in"))


def space_view(view):
    """Resolve the viewer of the space in the URL (or 404, or sign-in) and pass
    them to ``view`` as ``viewer``. Never cached: pages are per person."""

    @wraps(view)
    def wrapper(request, cohort_slug, **kwargs):
        if not someone_signed_in(request):
            return _sign_in_redirect(request, cohort_slug=cohort_slug)
        viewer = space_access(request, cohort_slug)
        return view(request, viewer=viewer, **kwargs)

    return never_cache(wrapper)


def _facilitators_only(viewer: SpaceViewer) -> None:
    # Members never see moderation addresses work: as if they did not exist.
    if not viewer.is_facilitator:
        raise Http404("No such page.")


def _problem(request, *, viewer: SpaceViewer, message: str, status: int, back=""):
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "message": message,
        "back_url": back or space_url(viewer.cohort),
    }
    return render(request, "community/problem.html", context, status=status)


def _rejected_redirect(request, rejected: ActionRejected, url: str):
    if rejected.status == 404:
        raise Http404(rejected.message)
    messages.error(request, rejected.message)
    return HttpResponseRedirect(url)


@never_cache
@require_http_methods(["GET", "HEAD"])
def spaces_view(request):
    """The spaces the visitor may enter; a member of one space goes straight in."""
    learner = learner_from_request(request)
    facilitator = is_facilitator(request.user)
    if learner is None and not facilitator:
        return _sign_in_redirect(request)
    if facilitator:
        cohorts = spaces_for_facilitator()
    else:
        cohorts = spaces_for_learner(learner=learner)
        if len(cohorts) == 1:
            return redirect(space_url(cohorts[0]))
    context = {
        "cohorts": cohorts,
        "is_facilitator": facilitator,
        "open_report_count": open_reports().count() if facilitator else 0,
    }
    return render(request, "community/spaces.html", context)


@space_view
@require_http_methods(["GET", "HEAD"])
def space_page_view(request, *, viewer: SpaceViewer):
    """A cohort's space: its threads, pinned first, and its top contributors."""
    paginator = Paginator(space_threads(viewer=viewer), THREADS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    if viewer.enrollment is not None:
        services.space_visit_record(enrollment=viewer.enrollment)
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "threads": page,
        "rows": thread_rows(threads=page.object_list, viewer=viewer),
        "contributors": top_contributors(cohort=viewer.cohort),
        # Check-in stories members chose to share with the cohort (read-only).
        "shared_stories": cohort_shared_stories(cohort=viewer.cohort),
        "reports": list(open_reports(cohort=viewer.cohort))
        if viewer.is_facilitator
        else [],
    }
    return render(request, "community/space.html", context)


def _thread_page(request, *, viewer, thread, reply_form=None, status=200):
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "thread": thread,
        "detail": thread_detail(thread=thread, viewer=viewer, now=timezone.now()),
        "reply_form": reply_form or ReplyForm(),
        "hide_form": HideForm(),
    }
    return render(request, "community/thread.html", context, status=status)


@space_view
@require_http_methods(["GET", "HEAD"])
def thread_view(request, *, viewer: SpaceViewer, thread_id: int):
    """A thread with its replies; a member opening it counts as a read."""
    thread = thread_access(viewer=viewer, thread_id=thread_id)
    if viewer.enrollment is not None and request.method == "GET":
        services.thread_read_record(thread=thread, enrollment=viewer.enrollment)
    return _thread_page(request, viewer=viewer, thread=thread)


@space_view
@require_http_methods(["GET", "HEAD", "POST"])
def thread_new_view(request, *, viewer: SpaceViewer):
    """A member starts a thread."""
    if viewer.learner is None:
        return _problem(
            request,
            viewer=viewer,
            message=_(
                "Threads are started by members of the cohort. As a "
                "facilitator, reply in a thread or open a discussion question "
                "from Wagtail."
            ),
            status=403,
        )
    form = ThreadForm(request.POST if request.method == "POST" else None)
    error, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                thread = services.thread_start(
                    cohort=viewer.cohort,
                    learner=viewer.learner,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                )
            except ActionRejected as rejected:
                error, status = rejected.message, rejected.status
            else:
                messages.success(
                    request, _("Your thread is up. Colleagues can reply now.")
                )
                return redirect(thread_url(thread))
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "form": form,
        "error": error,
        "editing": None,
    }
    return render(request, "community/thread_form.html", context, status=status)


@space_view
@require_http_methods(["GET", "HEAD", "POST"])
def thread_edit_view(request, *, viewer: SpaceViewer, thread_id: int):
    """The author fixes their thread's title or opening, within the edit window."""
    thread = thread_access(viewer=viewer, thread_id=thread_id)
    if viewer.learner is None or thread.author_id != viewer.learner.pk:
        raise Http404("No such page.")
    initial = {"title": thread.title, "text": post_text_from_html(thread.body_html)}
    form = ThreadForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    error, status = "", 200
    if not services.thread_can_edit(thread=thread, now=timezone.now()):
        error, status = (
            _("The edit window has closed. Add a reply to say more."),
            403 if request.method == "POST" else 200,
        )
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.thread_edit(
                    thread=thread,
                    learner=viewer.learner,
                    title=form.cleaned_data["title"],
                    text=form.cleaned_data["text"],
                )
            except ActionRejected as rejected:
                error, status = rejected.message, rejected.status
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(thread_url(thread))
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "form": form,
        "error": error,
        "editing": thread,
    }
    return render(request, "community/thread_form.html", context, status=status)


@space_view
@require_POST
def reply_view(request, *, viewer: SpaceViewer, thread_id: int):
    """Post a reply; a problem re-shows the thread with the reply and a message."""
    thread = thread_access(viewer=viewer, thread_id=thread_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(
            request, viewer=viewer, thread=thread, reply_form=form, status=400
        )
    try:
        post = services.reply_post(
            thread=thread,
            text=form.cleaned_data["text"],
            **_acting_as(viewer),
        )
    except ActionRejected as rejected:
        if rejected.status == 404:
            raise Http404(rejected.message) from rejected
        form.add_error(None, rejected.message)
        return _thread_page(
            request,
            viewer=viewer,
            thread=thread,
            reply_form=form,
            status=rejected.status,
        )
    return redirect(thread_url(thread, anchor=f"post-{post.pk}"))


def _acting_as(viewer: SpaceViewer) -> dict:
    """Who writes: the member if the viewer is one, else the facilitator."""
    if viewer.learner is not None:
        return {"learner": viewer.learner, "user": None}
    return {"learner": None, "user": viewer.user}


@space_view
@require_http_methods(["GET", "HEAD", "POST"])
def post_edit_view(request, *, viewer: SpaceViewer, post_id: int):
    """The author rewrites their reply within the edit window."""
    post = post_access(viewer=viewer, post_id=post_id)
    if not viewer.is_author_of(post):
        raise Http404("No such page.")
    form = PostEditForm(
        request.POST if request.method == "POST" else None,
        initial={"text": post_text_from_html(post.body_html)},
    )
    error, status = "", 200
    if not services.post_can_edit(post=post, now=timezone.now()):
        error = (
            _("This reply was deleted.")
            if post.deleted_at
            else _("The edit window has closed. Add another reply to say more.")
        )
        status = 403 if request.method == "POST" else 200
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.post_edit(
                    post=post, text=form.cleaned_data["text"], **_acting_as(viewer)
                )
            except ActionRejected as rejected:
                error, status = rejected.message, rejected.status
            else:
                return redirect(thread_url(post.thread, anchor=f"post-{post.pk}"))
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "post": post,
        "thread": post.thread,
        "form": form,
        "error": error,
        "can_edit": not error or status == 400,
        "window_minutes": int(services.POST_EDIT_WINDOW.total_seconds() // 60),
    }
    return render(request, "community/post_edit.html", context, status=status)


@space_view
@require_http_methods(["GET", "HEAD", "POST"])
def post_delete_view(request, *, viewer: SpaceViewer, post_id: int):
    """GET asks to confirm; POST deletes, leaving a placeholder in the thread."""
    post = post_access(viewer=viewer, post_id=post_id)
    if not viewer.is_author_of(post):
        raise Http404("No such page.")
    if request.method == "POST":
        services.post_delete(post=post, **_acting_as(viewer))
        messages.success(request, _("Your reply is deleted."))
        return redirect(thread_url(post.thread, anchor=f"post-{post.pk}"))
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "post": post,
        "thread": post.thread,
    }
    return render(request, "community/post_delete.html", context)


@space_view
@require_POST
def helpful_view(request, *, viewer: SpaceViewer, post_id: int):
    """Mark a reply helpful (``helpful=1``) or take the mark back (``helpful=0``)."""
    post = post_access(viewer=viewer, post_id=post_id)
    back = thread_url(post.thread, anchor=f"post-{post.pk}")
    if viewer.learner is None:
        messages.error(request, _("Members mark replies helpful."))
        return HttpResponseRedirect(back)
    try:
        if request.POST.get("helpful") == "0":
            services.helpful_unmark(post=post, learner=viewer.learner)
        else:
            services.helpful_mark(post=post, learner=viewer.learner)
    except ActionRejected as rejected:
        return _rejected_redirect(request, rejected, back)
    return HttpResponseRedirect(back)


@space_view
@require_POST
def accept_view(request, *, viewer: SpaceViewer, post_id: int):
    """The thread's author or a facilitator accepts a reply (or clears it)."""
    post = post_access(viewer=viewer, post_id=post_id)
    back = thread_url(post.thread, anchor=f"post-{post.pk}")
    try:
        if request.POST.get("accept") == "0":
            services.answer_unaccept(
                thread=post.thread, learner=viewer.learner, user=viewer.user
            )
        else:
            services.answer_accept(post=post, learner=viewer.learner, user=viewer.user)
            messages.success(request, _("Marked as the answer."))
    except ActionRejected as rejected:
        return _rejected_redirect(request, rejected, back)
    return HttpResponseRedirect(back)


@space_view
@require_http_methods(["GET", "HEAD", "POST"])
def report_view(
    request, *, viewer: SpaceViewer, thread_id: int, post_id: int | None = None
):
    """A member reports a thread or a reply to the facilitators."""
    thread = thread_access(viewer=viewer, thread_id=thread_id)
    post = None
    if post_id is not None:
        post = post_access(viewer=viewer, post_id=post_id)
        if post.thread_id != thread.pk:
            raise Http404("No such reply.")
    if viewer.learner is None:
        raise Http404("No such page.")
    form = ReportForm(request.POST if request.method == "POST" else None)
    error, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.report_file(
                    thread=thread,
                    post=post,
                    reporter=viewer.learner,
                    reason=form.cleaned_data["reason"],
                )
            except ActionRejected as rejected:
                error, status = rejected.message, rejected.status
            else:
                messages.success(
                    request,
                    _("Thanks. The facilitators have your report and will look at it."),
                )
                anchor = f"post-{post.pk}" if post else ""
                return redirect(thread_url(thread, anchor=anchor))
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "thread": thread,
        "post": post,
        "form": form,
        "error": error,
    }
    return render(request, "community/report.html", context, status=status)


@space_view
@require_POST
def thread_moderate_view(request, *, viewer: SpaceViewer, thread_id: int):
    """Facilitators pin, lock and hide (with a reason) threads."""
    _facilitators_only(viewer)
    thread = thread_access(viewer=viewer, thread_id=thread_id)
    action = request.POST.get("action", "")
    user = viewer.user
    try:
        if action in ("pin", "unpin"):
            services.thread_pin(thread=thread, user=user, pinned=action == "pin")
            done = _("Pinned to the top.") if action == "pin" else _("Unpinned.")
        elif action in ("lock", "unlock"):
            services.thread_lock(thread=thread, user=user, locked=action == "lock")
            done = _("Locked: no more replies.") if action == "lock" else _("Unlocked.")
        elif action == "hide":
            form = HideForm(request.POST)
            if not form.is_valid():
                raise ActionRejected(form.errors["reason"][0])
            services.thread_hide(
                thread=thread, user=user, reason=form.cleaned_data["reason"]
            )
            done = _("Hidden. Its author sees your reason.")
        elif action == "unhide":
            services.thread_unhide(thread=thread, user=user)
            done = _("Shown again.")
        else:
            raise ActionRejected(_("Choose what to do with the thread."))
    except ActionRejected as rejected:
        return _rejected_redirect(request, rejected, thread_url(thread))
    messages.success(request, done)
    return redirect(thread_url(thread))


@space_view
@require_http_methods(["GET", "HEAD", "POST"])
def thread_move_view(request, *, viewer: SpaceViewer, thread_id: int):
    """A facilitator moves a thread to another space in three steps: choose the
    space, confirm (a GET, so nothing moves until the POST), move."""
    _facilitators_only(viewer)
    thread = thread_access(viewer=viewer, thread_id=thread_id)
    destinations = services.thread_move_destinations(thread=thread, user=viewer.user)
    if request.method == "POST":
        data = request.POST
    else:
        data = request.GET if "to" in request.GET else None
    form = MoveForm(data, destinations=destinations)
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "thread": thread,
        "form": form,
        "has_destinations": destinations.exists(),
        "destination": None,
        "reply_count": 0,
        "error": "",
    }
    if data is None:
        return render(request, "community/thread_move.html", context)
    if not form.is_valid():
        return render(request, "community/thread_move.html", context, status=400)
    destination = form.cleaned_data["to"]
    if request.method == "POST":
        try:
            services.thread_move(thread=thread, user=viewer.user, cohort=destination)
        except ActionRejected as rejected:
            context["error"] = rejected.message
            return render(
                request, "community/thread_move.html", context, status=rejected.status
            )
        messages.success(
            request,
            _(
                "Moved “%(title)s” to %(destination)s. Its members can read and "
                "reply to it now."
            )
            % {"title": thread.title, "destination": destination},
        )
        return redirect(thread_url(thread))
    context["destination"] = destination
    context["reply_count"] = thread_reply_count(thread=thread)
    return render(request, "community/thread_move.html", context)


@space_view
@require_POST
def post_moderate_view(request, *, viewer: SpaceViewer, post_id: int):
    """Facilitators hide a reply (with a reason) or show it again."""
    _facilitators_only(viewer)
    post = post_access(viewer=viewer, post_id=post_id)
    back = thread_url(post.thread, anchor=f"post-{post.pk}")
    try:
        if request.POST.get("action") == "unhide":
            services.post_unhide(post=post, user=viewer.user)
            messages.success(request, _("The reply is shown again."))
        else:
            form = HideForm(request.POST)
            if not form.is_valid():
                raise ActionRejected(form.errors["reason"][0])
            services.post_hide(
                post=post, user=viewer.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The reply is hidden. Its author sees why."))
    except ActionRejected as rejected:
        return _rejected_redirect(request, rejected, back)
    return HttpResponseRedirect(back)


_CURATED_MESSAGES = {
    "created": "A draft article “{title}” now holds the question and its {answers}. "
    "Edit it here and publish it when it reads well.",
    "updated": "The draft “{title}” now has the thread's {answers} as they are "
    "today. Its earlier version is in the page's history.",
    "unchanged": "The draft “{title}” already has the thread's {answers}.",
}


@space_view
@require_POST
def thread_curate_view(request, *, viewer: SpaceViewer, thread_id: int):
    """A facilitator turns the thread into a draft article (or brings the draft
    up to date) and edits it in Wagtail."""
    _facilitators_only(viewer)
    thread = thread_access(viewer=viewer, thread_id=thread_id)
    try:
        curated = thread_curate(thread=thread, user=viewer.user)
    except CurationRejected as rejected:
        say = messages.warning if rejected.level == "warning" else messages.error
        say(request, rejected.message)
        return redirect(thread_url(thread))
    count = curated.answer_count
    messages.success(
        request,
        _CURATED_MESSAGES[curated.outcome].format(
            title=curated.page.title,
            answers="best answer" if count == 1 else f"{count} best answers",
        ),
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[curated.page.pk]))


@space_view
@require_POST
def report_resolve_view(request, *, viewer: SpaceViewer, report_id: int):
    """A facilitator marks a report of this space dealt with."""
    _facilitators_only(viewer)
    report = (
        PostReport.objects.select_related("thread__cohort")
        .filter(pk=report_id, thread__cohort=viewer.cohort)
        .first()
    )
    if report is None:
        raise Http404("No such report.")
    services.report_resolve(report=report, user=viewer.user)
    messages.success(request, _("Report marked as dealt with."))
    back = request.POST.get("back") == "thread"
    return redirect(thread_url(report.thread) if back else space_url(viewer.cohort))


@space_view
@require_http_methods(["GET", "HEAD"])
def profile_view(request, *, viewer: SpaceViewer, learner_id: int):
    """A member's profile in this space: what they started, and the recognition
    their replies earned."""
    learner = member_access(viewer=viewer, learner_id=learner_id)
    context = {
        "viewer": viewer,
        "cohort": viewer.cohort,
        "profile": member_profile(learner=learner, cohort=viewer.cohort),
        "is_me": viewer.learner is not None and viewer.learner.pk == learner.pk,
    }
    return render(request, "community/profile.html", context)


@require_POST
def notification_preferences_view(request):
    """Save the signed-in learner's community email choices from My learning."""
    learner = learner_from_request(request)
    if learner is None:
        return redirect_to_login(
            reverse("my_learning"), login_url=reverse("learner_sign_in")
        )
    services.notification_preferences_set(
        learner=learner,
        replies=request.POST.get("replies") == "on",
        accepted=request.POST.get("accepted") == "on",
        cohort_digest=request.POST.get("cohort_digest") == "on",
    )
    messages.success(request, _("Your email choices are saved."))
    return HttpResponseRedirect(reverse("my_learning") + "#email-preferences")
