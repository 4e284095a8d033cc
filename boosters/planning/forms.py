"""Parsing the cohort plan's query string: which day and step to open."""

from django import forms


class PlanItemForm(forms.Form):
    """One plan item, as its drill-down link names it: a day, a step, a showing.

    A step removed from the program is named by its page instead.
    """

    day = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "The day must be a date such as 2026-03-04."},
    )
    step = forms.IntegerField(required=False, min_value=1)
    page = forms.IntegerField(required=False, min_value=1)
    repeat = forms.TypedChoiceField(
        choices=[("0", "First showing"), ("1", "Repeats")],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("step") and cleaned.get("page"):
            raise forms.ValidationError("Name a step or a page, not both.")
        return cleaned
