"""Forms for live sessions: a learner's question, the facilitator's attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from live_sessions.models import QUESTION_MAX_CHARS


class SessionQuestionForm(forms.Form):
    """A question for the session, optionally filed under an agenda item."""

    agenda_item = forms.ChoiceField(
        label=_("About"), required=False, choices=[("", _("General"))]
    )
    text = forms.CharField(
        label=_("Your question"),
        help_text=_(
            "The facilitator reads every question before and during the session. "
            "Up to %(limit)s characters."
        )
        % {"limit": QUESTION_MAX_CHARS},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, agenda_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", _("General")), *agenda_items]

    def clean_agenda_item(self):
        # An item edited away since the form loaded is checked by the service,
        # which says so instead of Django's generic "not a valid choice".
        return self.data.get(self.add_prefix("agenda_item"), "")[:64]


class AttendanceImportForm(forms.Form):
    """An attendee report (Teams, Zoom) or any CSV with an email column."""

    report = forms.FileField(
        label=_("Attendee report (CSV)"),
        help_text=_(
            "Teams' or Zoom's attendee report saved as CSV, or any CSV whose "
            "first row names an email column. Everyone listed is marked as attending."
        ),
    )
