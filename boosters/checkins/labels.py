"""What check-in answers and consent choices say on learners' pages."""

from django.utils.translation import gettext_lazy as _

from boosters.models import CheckInOutcome, StoryConsent

OUTCOME_LABELS = {
    CheckInOutcome.TRIED.value: _("Yes, I tried it"),
    CheckInOutcome.NOT_YET.value: _("Not yet"),
    CheckInOutcome.NOT_APPLICABLE.value: _("It doesn't apply to my job"),
}

CONSENT_LABELS = {
    StoryConsent.PRIVATE.value: _(
        "Keep it private: L&D only count it, nobody reads it"
    ),
    StoryConsent.COHORT.value: _("Share it with my cohort, with my name"),
    StoryConsent.CONTENT.value: _(
        "L&D may use it in learning content, with my name and office"
    ),
}
