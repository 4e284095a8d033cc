"""Editor forms for booster pages."""

from boosters.questions.choices import choice_set_problems
from hub.page_forms import HubPageForm


class BoosterQuestionPageForm(HubPageForm):
    """Checks the choices as a whole: 2 to 6 of them, exactly one correct."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or not formset.is_valid():
            return cleaned_data  # the formset shows its own field errors
        kept = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        for problem in choice_set_problems(c.get("is_correct", False) for c in kept):
            self.add_error(None, problem)
            # Also shown above the choices, where the editor fixes it.
            formset.non_form_errors().append(problem)
        return cleaned_data
