"""Page editor rules for hub content: pages whose type has a review workflow
(booster questions) go live only through it."""

from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin import messages


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
