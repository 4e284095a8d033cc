"""Bulk actions in the learners and enrolments lists: choose, confirm, done.

The list's checkboxes send the chosen ids here (GET): a confirm page says what
will happen to whom and asks for what the action needs (weeks, a cohort). Its
POST does it through ``boosters.learners.bulk`` and reports the counts.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.auth import permission_required

from boosters.learners import bulk
from boosters.learners.services import PAUSE_WEEKS
from boosters.learners.sign_in import link_lifetime_minutes
from boosters.models import Cohort, Enrollment, Learner

# Shown by name on the confirm page; more are counted, not listed.
LISTED = 100


@dataclass(frozen=True)
class BulkAction:
    """One action: its label, what it will do, and what it needs."""

    label: str
    explanation: str
    needs: str = ""  # "weeks" or "cohort"


def _sign_in_explanation() -> str:
    return (
        "Each learner gets an email with a new sign-in link to My learning. It "
        f"works once and expires in {link_lifetime_minutes()} minutes; older "
        "links still work until one is used."
    )


LEARNER_ACTIONS = {
    "sign_in": BulkAction("Resend sign-in link", ""),
    "pause": BulkAction(
        "Pause emails",
        "No email goes to these learners until the pause ends; what was planned "
        "for them moves to after it, at their local send time.",
        needs="weeks",
    ),
    "withdraw": BulkAction(
        "Withdraw from a cohort",
        "These learners leave the cohort: their pending emails there are "
        "cancelled. Emails already sent and their answers stay.",
        needs="cohort",
    ),
}
ENROLLMENT_ACTIONS = {
    "withdraw": BulkAction(
        "Withdraw",
        "These enrolments are withdrawn: their pending emails are cancelled. "
        "Emails already sent and their answers stay.",
    ),
    "move": BulkAction(
        "Move to another cohort",
        "Each learner leaves their cohort (pending emails there are cancelled; "
        "sent emails and answers stay) and joins the cohort you choose, planned "
        "from today in its schedule.",
        needs="cohort",
    ),
}


class BulkForm(forms.Form):
    """The action, the chosen ids and, when the action needs them, weeks or a cohort."""

    action = forms.ChoiceField()
    id = forms.TypedMultipleChoiceField(coerce=int)  # choices: the ids that exist
    weeks = forms.TypedChoiceField(
        label="Pause for",
        coerce=int,
        choices=[(n, f"{n} week{'s' * (n != 1)}") for n in PAUSE_WEEKS],
        required=False,
    )
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.select_related("program").order_by("name"),
        required=False,
        empty_label="Choose a cohort",
    )

    def __init__(self, *args, actions: dict, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions
        self.fields["action"].choices = [(k, a.label) for k, a in actions.items()]
        wanted = self.data.getlist("id") if self.is_bound else []
        ids = [int(value) for value in wanted if str(value).isdigit()]
        self.fields["id"].choices = [
            (pk, pk) for pk in queryset.filter(pk__in=ids).values_list("pk", flat=True)
        ]
        self.fields["id"].error_messages["required"] = "Choose at least one row."
        self.fields["id"].error_messages["invalid_choice"] = (
            "A chosen row no longer exists. Go back to the list and choose again."
        )

    @property
    def chosen_action(self) -> BulkAction | None:
        return self.actions.get(self.data.get("action"))

    def clean(self):
        data = super().clean()
        action = self.actions.get(data.get("action"))
        if action and action.needs and not data.get(action.needs):
            what = "how long to pause" if action.needs == "weeks" else "a cohort"
            self.add_error(action.needs, f"Choose {what}.")
        return data


def _selection_problem(form: BulkForm) -> str:
    """Why the chosen rows and action can't even be confirmed, or ""."""
    if form.data.get("action") not in form.actions:
        return "Choose an action, then press Next."
    if "id" in form.errors:
        return form.errors["id"][0]
    return ""


def _bulk_view(request, *, model, actions, index_url_name, perform, noun):
    index_url = reverse(index_url_name)
    queryset = model.objects.all()
    data = request.POST if request.method == "POST" else request.GET
    form = BulkForm(data, actions=actions, queryset=queryset)
    problem = _selection_problem(form)
    if problem:
        messages.error(request, problem)
        return redirect(index_url)
    chosen = queryset.filter(pk__in=form.cleaned_data["id"])
    if model is Enrollment:
        chosen = chosen.select_related("learner", "cohort")
    action = form.chosen_action
    if request.method == "GET" or not form.is_valid():
        context = {
            "form": form,
            "ids": form.cleaned_data["id"],
            # A GET has chosen nothing yet: no "Choose a cohort" in red.
            "fields_form": form
            if request.method == "POST"
            else BulkForm(actions=actions, queryset=queryset.none()),
            "action": action,
            "explanation": action.explanation or _sign_in_explanation(),
            "listed": [bulk.row_label(row) for row in chosen[:LISTED]],
            "count": chosen.count(),
            "noun": noun,
            "index_url": index_url,
        }
        return TemplateResponse(request, "boosters/admin/bulk_confirm.html", context)
    result = perform(form.data["action"], chosen, form.cleaned_data)
    _report(request, action=action, result=result, noun=noun)
    return redirect(index_url)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _report(request, *, action: BulkAction, result: bulk.BulkResult, noun: str):
    text = f"{action.label}: done for {_plural(result.done, noun)}."
    plan = result.plan
    if plan.changed:
        text += (
            f" Deliveries: {plan.created} planned, {plan.retimed} re-timed, "
            f"{plan.cancelled} cancelled."
        )
    if result.problems:
        messages.warning(
            request,
            f"{text} Not done for {len(result.problems)}: " + " ".join(result.problems),
        )
    else:
        messages.success(request, text)


def _learners_perform(action: str, learners, data) -> bulk.BulkResult:
    if action == "sign_in":
        return bulk.learners_sign_in_resend(learners=learners)
    if action == "pause":
        return bulk.learners_pause(
            learners=learners, weeks=data["weeks"], now=timezone.now()
        )
    return bulk.learners_withdraw(learners=learners, cohort=data["cohort"])


def _enrollments_perform(action: str, enrollments, data) -> bulk.BulkResult:
    if action == "withdraw":
        return bulk.enrollments_withdraw(enrollments=enrollments)
    return bulk.enrollments_move(
        enrollments=enrollments, cohort=data["cohort"], now=timezone.now()
    )


@permission_required("boosters.change_learner")
def learners_bulk_view(request):
    """Resend sign-in links to, pause or withdraw the chosen learners."""
    return _bulk_view(
        request,
        model=Learner,
        actions=LEARNER_ACTIONS,
        index_url_name="boosters_learner_modeladmin_index",
        perform=_learners_perform,
        noun="learner",
    )


@permission_required("boosters.change_enrollment")
def enrollments_bulk_view(request):
    """Withdraw the chosen enrolments or move them to another cohort."""
    return _bulk_view(
        request,
        model=Enrollment,
        actions=ENROLLMENT_ACTIONS,
        index_url_name="boosters_enrollment_modeladmin_index",
        perform=_enrollments_perform,
        noun="enrolment",
    )
