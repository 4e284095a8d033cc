"""The story form a learner sees after answering "I tried it"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from boosters.checkins.labels import CONSENT_LABELS
from boosters.checkins.services import STORY_MAX_CHARS, story_clean


class StoryForm(forms.Form):
    """A short story and an explicit choice of who may read it (no default)."""

    story = forms.CharField(
        label=_("What happened?"),
        max_length=STORY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a few words about what happened.")},
    )
    consent = forms.ChoiceField(
        label=_("Who may read it?"),
        choices=list(CONSENT_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who may read your story.")},
    )

    def __init__(self, *args, prompt: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if prompt:
            self.fields["story"].label = prompt

    def clean_story(self):
        story = story_clean(self.cleaned_data["story"])
        if not story:
            raise forms.ValidationError(_("Write a few words about what happened."))
        return story
