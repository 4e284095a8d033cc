"""Admin-wide hooks for the hub: its admin stylesheet."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def hub_admin_css():
    """``css/admin.css``: fixes to Wagtail's and modeladmin's own styles."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
