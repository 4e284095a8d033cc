"""Forms for live sessions: a learner's question, the facilitator's attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from live_sessions.models import QUESTION_MAX_CHARS


class SessionQuestionForm(forms.Form):
    """A question for the session, optionally filed under an agenda item."""

    # Checked by the service, which says an item edited away since the form
    # loaded is gone, instead of Django's generic "not a valid choice".
    agenda_item = forms.CharField(
        label=_("About"), required=False, max_length=64, widget=forms.Select
    )
    text = forms.CharField(
        label=_("Your question"),
        # Length and control characters are checked by the service too; no
        # max_length here so that a long paste gets the service's message.
        error_messages={"required": _("Write your question before sending it.")},
        help_text=_(
            "The facilitator reads every question before and during the session. "
            "Up to %(limit)s characters."
        )
        % {"limit": QUESTION_MAX_CHARS},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, agenda_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].widget.choices = [("", _("General")), *agenda_items]


class AttendanceImportForm(forms.Form):
    """An attendee report (Teams, Zoom) or any CSV with an email column."""

    report = forms.FileField(
        label=_("Attendee report (CSV)"),
        help_text=_(
            "Teams' or Zoom's attendee report saved as CSV, or any CSV whose "
            "first row names an email column. Everyone listed is marked as attending."
        ),
    )
