"""Real HR files in the admin: every stored column previewed, the rows with
problems downloaded to fix, the good rows imported together, and a template."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from boosters.factories import (
    CohortFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.learners.roster import roster_parse
from boosters.models import Enrollment, Learner

pytestmark = pytest.mark.django_db

# Excel's "CSV (Comma delimited)" on Windows: cp1252 bytes, CRLF.
WINDOWS_ROSTER = (
    "email,first_name,last_name,time_zone,office,manager_name,manager_email\r\n"
    "joao@example.com,João,Müller,America/Sao_Paulo,São Paulo,Rui Costa,"
    "rui@example.com\r\n"
    "not-an-email,Zoë,Brown,,Zürich,,\r\n"
    "ben@example.com,Ben,Okafor,,London,,\r\n"
).encode("cp1252")


@pytest.fixture
def cohort(topic):
    program = ProgramFactory()
    ProgramStepFactory(
        program=program, day_offset=0, page=booster_with_choices(parent=topic)
    )
    return CohortFactory(
        program=program,
        slug="sp-autumn",
        time_zone="Europe/Lisbon",
        anchor_date=timezone.localdate(),
    )


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return client


def upload(client, cohort, data: bytes):
    file = SimpleUploadedFile("roster.csv", data, content_type="text/csv")
    return client.post(f"/admin/boosters/roster-import/{cohort.pk}/", {"file": file})


def cells(html: str) -> str:
    return " ".join(html.split())


def test_the_preview_shows_every_column_it_will_store(editor, cohort):
    LearnerFactory(
        email="ben@example.com", first_name="Ben", last_name="Okafor", time_zone=""
    )

    html = cells(upload(editor, cohort, WINDOWS_ROSTER).content.decode())

    for value in ("João", "Müller", "São Paulo", "America/Sao_Paulo", "Rui Costa"):
        assert f"<td>{value}</td>" in html
    assert "<td>rui@example.com</td>" in html
    # Ben has no zone of his own: he follows the cohort's.
    assert "cohort's (Europe/Lisbon)" in html
    assert ">New</span>" in html
    assert ">Changed</span>" in html and "office" in html
    assert "Read as Windows-1252, comma-separated text." in html


def test_an_existing_learners_kept_value_is_previewed_not_the_empty_cell(
    editor, cohort
):
    LearnerFactory(email="ben@example.com", manager_name="Kim Lee", office="London")

    html = cells(upload(editor, cohort, WINDOWS_ROSTER).content.decode())

    assert "<td>Kim Lee</td>" in html


def test_partial_import_then_the_rows_with_problems_download_to_fix(editor, cohort):
    response = upload(editor, cohort, WINDOWS_ROSTER)
    html = response.content.decode()
    assert "Line 3: &quot;not-an-email&quot; is not a valid email address." in html
    assert "Download the rows with problems (CSV)" in html
    download_url = response.context["problem_rows_url"]

    response = editor.post(
        f"/admin/boosters/roster-import/{cohort.pk}/",
        {"token": response.context["token"], "skip_problem_rows": "1"},
        follow=True,
    )

    html = response.content.decode()
    assert "Skipped 1 row with problems (lines 3)" in html
    assert download_url in html  # still offered after the import
    assert "joao@example.com" in html and "ben@example.com" in html  # the list
    assert sorted(Learner.objects.values_list("email", flat=True)) == [
        "ben@example.com",
        "joao@example.com",
    ]
    assert Enrollment.objects.filter(cohort=cohort).count() == 2

    download = editor.get(download_url)
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in download["Content-Disposition"]
    assert download.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "email",
            "first_name",
            "last_name",
            "time_zone",
            "office",
            "manager_name",
            "manager_email",
            "problem",
        ],
        [
            "not-an-email",
            "Zoë",
            "Brown",
            "",
            "Zürich",
            "",
            "",
            '"not-an-email" is not a valid email address.',
        ],
    ]


def test_the_rows_with_problems_are_only_for_the_editor_who_uploaded_them(
    editor, cohort, client, django_user_model
):
    url = upload(editor, cohort, WINDOWS_ROSTER).context["problem_rows_url"]
    other = django_user_model.objects.create_superuser("kim", "kim@example.com", "pw")
    client.force_login(other)

    assert client.get(url).status_code == 404


def test_a_file_with_problems_and_no_good_row_still_offers_its_rows(editor, cohort):
    response = upload(editor, cohort, b"email,first_name,last_name\r\nx,A,B\r\n")

    assert "token" not in response.context
    download = editor.get(response.context["problem_rows_url"])
    assert b"x,A,B," in download.content


def test_the_template_downloads_and_imports_as_it_is(editor, cohort):
    page = editor.get(f"/admin/boosters/roster-import/{cohort.pk}/")
    html = page.content.decode()
    assert "Download the CSV template" in html
    assert "manager_email" in html and "Leave it empty to use the cohort" in html

    response = editor.get("/admin/boosters/roster-import/template.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="roster-template.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "email,first_name,last_name,time_zone,office,manager_name,manager_email,"
        "language"
    )
    parse = roster_parse(data=response.content)
    assert parse.ok
    assert parse.rows[0].office == "São Paulo"
    assert parse.rows[0].language == "pt-br"


def test_editors_who_cannot_edit_cohorts_get_no_template(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("ed", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get("/admin/boosters/roster-import/template.csv")

    assert response.status_code in (302, 403)


def test_the_command_writes_the_rows_with_problems_to_fix(cohort, tmp_path):
    from django.core.management import call_command

    roster = tmp_path / "roster.csv"
    roster.write_bytes(WINDOWS_ROSTER)
    out = tmp_path / "to-fix.csv"

    call_command(
        "import_roster",
        str(roster),
        cohort="sp-autumn",
        skip_problem_rows=True,
        problem_rows=str(out),
    )

    assert Learner.objects.count() == 2
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[1].startswith("not-an-email,Zoë,Brown,,Zürich,,,")
