"""Page editor additions for drip-able pages: "Send me a test email", a
warning about who will get the new version when a live page in a program is
edited, and review before booster questions go live."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Page

from boosters.email_preview import (
    EmailPreviewMixin,
    TestEmailNotSent,
    email_test_send,
)
from boosters.page_impact import page_impact_summary, page_pending_sends

EMAIL_TEST_URL_NAME = "home_page_email_test"


def _is_drippable(page) -> bool:
    return issubclass(page.specific_class or Page, EmailPreviewMixin)


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
    if not _is_drippable(page):
        messages.error(request, "Only pages a program can send have a test email.")
        return redirect(next_url)
    if request.method == "GET":
        return TemplateResponse(
            request,
            "home/admin/email_test_confirm.html",
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


@hooks.register("register_admin_urls")
def register_email_test_url():
    return [
        path(
            "pages/<int:page_id>/email-test/",
            page_email_test_view,
            name=EMAIL_TEST_URL_NAME,
        )
    ]


@hooks.register("register_page_header_buttons")
def email_test_header_button(page, user, view_name, next_url=None):
    """ "Send me a test email" in the editor's "More" menu of drip-able pages."""
    if view_name != "edit" or page.pk is None or not _is_drippable(page):
        return
    url = reverse(EMAIL_TEST_URL_NAME, args=[page.pk])
    if next_url:
        url += "?" + urlencode({"next": next_url})
    yield Button("Send me a test email", url, icon_name="mail", priority=35)


@hooks.register("before_edit_page")
def warn_about_pending_sends(request, page):
    """On opening a live page that programs will still send, say who gets the
    new version and when. Never blocks the edit (returns nothing)."""
    if request.method != "GET" or "json" in request.headers.get("Accept", ""):
        return None
    if not page.live or not _is_drippable(page):
        return None
    sends = page_pending_sends(page=page)
    if sends:
        messages.warning(request, page_impact_summary(sends=sends))
    return None


@hooks.register("before_publish_page")
def publish_reviewed_types_only_by_approval(request, page):
    """Pages whose type has its own review workflow (booster questions) go live
    when the last reviewer approves them, not by "Publish" in the editor.

    Superusers may still publish directly. The draft is already saved.
    """
    workflow = page.get_workflow()
    if (
        workflow is None
        or request.user.is_superuser
        or workflow != type(page).get_default_workflow()
    ):
        return None
    messages.error(
        request,
        f"Your changes are saved as a draft. A {page._meta.verbose_name} goes "
        f"live when it is approved in “{workflow.name}”: submit it for review.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
