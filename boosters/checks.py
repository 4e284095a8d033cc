"""System checks: every page content calls drippable can be emailed."""

from django.core import checks

from home.models.mixins import drippable_page_models


@checks.register()
def drippable_pages_have_email_kinds(app_configs=None, **kwargs):
    """A page model with ``DrippablePageMixin`` must have an email kind
    (``email_kind_register``): a program could choose it but never send it."""
    from boosters.drip.emails import email_kind_for

    return [
        checks.Error(
            f"{model._meta.label} is drippable but has no email kind.",
            hint="Register one with boosters.drip.emails.email_kind_register.",
            obj=model,
            id="boosters.E001",
        )
        for model in drippable_page_models()
        if email_kind_for(model) is None
    ]
