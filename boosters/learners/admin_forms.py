"""The learner's admin form: takes the internationalised addresses a roster can."""

from django import forms

from wagtail.admin.forms import WagtailAdminModelForm

from boosters.learners.roster import email_address_valid
from boosters.models import Learner

INVALID_EMAIL = "Enter a valid email address."


class LearnerAdminForm(WagtailAdminModelForm):
    """``zoë.müller@example.org`` is valid here as in a roster (Django's
    EmailField refuses letters beyond ASCII before the @)."""

    email = forms.CharField(max_length=254, label="Email")

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        if not email_address_valid(value):
            raise forms.ValidationError(INVALID_EMAIL, code="invalid")
        others = Learner.objects.exclude(pk=self.instance.pk)
        if others.filter(email__iexact=value).exists():
            raise forms.ValidationError(
                "A learner with this email already exists.", code="unique"
            )
        return value

    def _get_validation_exclusions(self):
        # The model's EmailValidator would refuse what clean_email accepted;
        # excluding the field skips its case-insensitive unique constraint too,
        # so clean_email checks that itself.
        return {*super()._get_validation_exclusions(), "email"}
