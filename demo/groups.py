"""Wagtail groups the demo sets up: who may do what, and where in the page tree."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Page


def demo_home() -> Page | None:
    """The demo's home page (the first page below the tree root)."""
    return Page.objects.filter(depth=2).order_by("path").first()


def demo_group_ensure(
    name: str,
    *,
    permissions: tuple[tuple[str, str], ...] = (),
    page_permissions: tuple[str, ...] = (),
) -> Group:
    """A group with admin access, the given model permissions (``(app_label,
    codename)`` pairs) and page permissions on the whole demo hub.

    Safe to run again: only what is missing is added.
    """
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codename in (("wagtailadmin", "access_admin"), *permissions):
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
    home = demo_home()
    if home is not None:
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group
