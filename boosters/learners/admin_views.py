"""Admin views for the booster engine: the roster import.

Upload a CSV, see a preview of what will change, then confirm. Between the two
steps the uploaded bytes wait in the editor's session under a random token, so
nothing the browser sends back is trusted as roster data. The rows with
problems wait there too, under the same token, to be downloaded and fixed
before or after the good rows go in.
"""

import base64
import secrets

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin import messages as admin_messages
from wagtail.admin.auth import permission_required

from boosters.learners.roster import roster_parse, roster_problem_rows_csv
from boosters.learners.roster_import import roster_import, roster_preview
from boosters.learners.roster_template import ROSTER_COLUMNS, ROSTER_TEMPLATE_CSV
from boosters.models import Cohort

MAX_ROSTER_BYTES = 5 * 1024 * 1024
_SESSION_KEY = "boosters_roster_import"
_PROBLEMS_SESSION_KEY = "boosters_roster_problem_rows"


class RosterUploadForm(forms.Form):
    """The roster CSV, at most 5 MB."""

    file = forms.FileField(
        label="Roster CSV",
        help_text=(
            "Columns: email, first_name, last_name, and optionally time_zone, "
            "office, manager_name, manager_email. At most 5 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ROSTER_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the most we take "
                "is 5 MB. Split it into smaller files."
            )
        return upload


def _pending_store(request, *, cohort: Cohort, data: bytes) -> str:
    token = secrets.token_urlsafe(16)
    # One pending upload per editor: a new upload replaces the last.
    request.session[_SESSION_KEY] = {
        "token": token,
        "cohort": cohort.pk,
        "data": base64.b64encode(data).decode("ascii"),
    }
    return token


def _pending_pop(request, *, cohort: Cohort, token: str) -> bytes | None:
    pending = request.session.get(_SESSION_KEY)
    if not pending or pending["cohort"] != cohort.pk:
        return None
    if not secrets.compare_digest(pending["token"], token):
        return None
    del request.session[_SESSION_KEY]
    return base64.b64decode(pending["data"])


def _problem_rows_store(request, *, cohort: Cohort, token: str, data: bytes) -> None:
    # Kept after the import, so the editor can still fetch the rows to fix.
    request.session[_PROBLEMS_SESSION_KEY] = {
        "token": token,
        "cohort": cohort.pk,
        "data": base64.b64encode(data).decode("ascii"),
    }


def _problem_rows_url(cohort: Cohort, token: str) -> str:
    return reverse("boosters_roster_problem_rows", args=[cohort.pk, token])


def _csv_download(data: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _skipped_note(skipped) -> str:
    lines = sorted({problem.line for problem in skipped})
    if not lines:
        return ""
    listed = ", ".join(str(line) for line in lines)
    return f" Skipped {len(lines)} row{'s' * (len(lines) != 1)} with problems (lines {listed})."


@permission_required("boosters.change_cohort")
def roster_import_view(request, cohort_id: int):
    """Upload (GET/POST with a file), preview, then confirm (POST with a token)."""
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    context = {
        "cohort": cohort,
        "max_mb": MAX_ROSTER_BYTES // (1024 * 1024),
        "roster_columns": ROSTER_COLUMNS,
    }

    if request.method == "POST" and "token" in request.POST:
        data = _pending_pop(request, cohort=cohort, token=request.POST["token"])
        if data is None:
            messages.error(request, "That upload has expired. Upload the file again.")
            return redirect("boosters_roster_import", cohort_id=cohort.pk)
        result = roster_import(
            cohort=cohort,
            data=data,
            skip_problem_rows=request.POST.get("skip_problem_rows") == "1",
        )
        if not result.imported:  # the data changed since the preview
            context |= {"form": RosterUploadForm(), "preview": result.preview}
            return TemplateResponse(
                request, "boosters/admin/roster_import_preview.html", context
            )
        preview = result.preview
        buttons = []
        if result.skipped and request.session.get(_PROBLEMS_SESSION_KEY):
            url = _problem_rows_url(cohort, request.POST["token"])
            buttons = [admin_messages.button(url, "Download the rows with problems")]
        admin_messages.success(
            request,
            f"Roster imported into {cohort}: {preview.learners_created} learners "
            f"created, {preview.learners_updated} updated, "
            f"{preview.learners_unchanged} unchanged; "
            f"{preview.enrollments_created} enrolments created; "
            f"{result.deliveries_planned} deliveries planned."
            + _skipped_note(result.skipped),
            buttons=buttons,
        )
        # The cohort's enrolments: the imported learners, ready for bulk actions.
        return redirect(
            f"{reverse('boosters_enrollment_modeladmin_index')}"
            f"?cohort__id__exact={cohort.pk}"
        )

    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        parse = roster_parse(data=data)
        preview = roster_preview(cohort=cohort, parse=parse)
        token = ""
        if preview.ok or preview.good_rows_importable:
            token = context["token"] = _pending_store(request, cohort=cohort, data=data)
        if parse.problem_records:
            token = token or secrets.token_urlsafe(16)
            problem_rows = roster_problem_rows_csv(parse=parse)
            _problem_rows_store(request, cohort=cohort, token=token, data=problem_rows)
            context["problem_rows_url"] = _problem_rows_url(cohort, token)
        context |= {"form": RosterUploadForm(), "preview": preview, "parse": parse}
        return TemplateResponse(
            request, "boosters/admin/roster_import_preview.html", context
        )
    context["form"] = form
    return TemplateResponse(request, "boosters/admin/roster_import.html", context)


@permission_required("boosters.change_cohort")
def roster_problem_rows_view(request, cohort_id: int, token: str):
    """The rows of the last previewed file that had problems, as a CSV to fix."""
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    stored = request.session.get(_PROBLEMS_SESSION_KEY)
    if (
        not stored
        or stored["cohort"] != cohort.pk
        or not secrets.compare_digest(stored["token"], token)
    ):
        raise Http404("Those rows are no longer here. Upload the file again.")
    return _csv_download(
        base64.b64decode(stored["data"]),
        filename=f"{cohort.slug}-rows-with-problems.csv",
    )


@permission_required("boosters.change_cohort")
def roster_template_view(request):
    """A roster CSV to fill in: the columns and one example row."""
    return _csv_download(ROSTER_TEMPLATE_CSV, filename="roster-template.csv")
