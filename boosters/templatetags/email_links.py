"""Template filters for drip email templates."""

from django import template

register = template.Library()


@register.filter
def link_named(links: dict, name: str) -> str:
    """``links[name]``: an email kind's own link (``EmailKind.link_names``),
    whose names hold hyphens a template variable can't."""
    return (links or {}).get(name, "")
