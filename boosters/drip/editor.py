"""The drip engine in the page editor: "Send me a test email" for drippable
pages, and a warning naming who gets the new version of a live page that
programs will still send. Registered in ``boosters.wagtail_hooks``."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Page

from boosters.drip.previews import TestEmailNotSent, email_test_send
from boosters.planning.page_impact import page_impact_summary, page_pending_sends
from home.models.mixins import is_drippable

# The URL name predates the engine's own package; stored links and tests use it.
EMAIL_TEST_URL_NAME = "home_page_email_test"


def _next_url(request, page) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@require_http_methods(["GET", "POST"])
def page_email_test_view(request, page_id):
    """GET asks to confirm; POST emails the page's latest draft to the editor."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    next_url = _next_url(request, page)
    if not is_drippable(page):
        messages.error(request, "Only pages a program can send have a test email.")
        return redirect(next_url)
    if request.method == "GET":
        return TemplateResponse(
            request,
            "boosters/admin/email_test_confirm.html",
            {"page": page, "email": request.user.email, "next": next_url},
        )
    try:
        address = email_test_send(page=page, editor=request.user)
    except TestEmailNotSent as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request, f"Test email sent to {address}. Its links record nothing."
        )
    return redirect(next_url)


def email_test_buttons(page, user, view_name, next_url=None):
    """ "Send me a test email" in the editor's "More" menu of drippable pages."""
    if view_name != "edit" or page.pk is None or not is_drippable(page):
        return
    url = reverse(EMAIL_TEST_URL_NAME, args=[page.pk])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    yield Button("Send me a test email", url, icon_name="mail", priority=35)


def pending_sends_warn(request, page):
    """On opening a live page that programs will still send, say who gets the
    new version and when. Never blocks the edit (returns nothing)."""
    if request.method != "GET" or "json" in request.headers.get("Accept", ""):
        return None
    if not page.live or not is_drippable(page):
        return None
    sends = page_pending_sends(page=page)
    if sends:
        messages.warning(request, page_impact_summary(sends=sends))
    return None
