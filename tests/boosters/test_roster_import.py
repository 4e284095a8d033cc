"""Importing a roster CSV: all or nothing, predictable, and safe to run twice."""

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.learners.roster import roster_parse
from boosters.learners.roster_import import (
    EnrollmentChange,
    LearnerChange,
    roster_import,
    roster_preview,
)
from boosters.models import Delivery, Enrollment, EnrollmentStatus, Learner

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,time_zone,office,manager_name,manager_email\n"
ROSTER = (
    HEADER
    + "Ana.Silva@Example.com,Ana,Silva,America/Sao_Paulo,São Paulo,Rui Costa,rui@example.com\n"
    + "ben@example.com,Ben,Okafor,,London,,\n"
).encode()


def roster_of(count: int) -> bytes:
    rows = "".join(f"p{n}@example.com,Pat,Number {n},,,,\n" for n in range(count))
    return (HEADER + rows).encode()


@pytest.fixture
def cohort(topic):
    program = ProgramFactory()
    for offset in (0, 3):
        ProgramStepFactory(
            program=program,
            day_offset=offset,
            page=booster_with_choices(parent=topic, title=f"Day {offset}"),
        )
    # The course ends today: the import is no late enrolment, whatever the date.
    return CohortFactory(
        program=program, slug="sp-autumn", anchor_date=timezone.localdate()
    )


def test_import_creates_learners_enrolments_and_planned_deliveries(cohort):
    result = roster_import(cohort=cohort, data=ROSTER)

    assert result.imported
    assert result.preview.learners_created == 2
    assert result.preview.enrollments_created == 2
    assert result.deliveries_planned == 4
    ana = Learner.objects.get(email="Ana.Silva@Example.com")  # stored as written
    assert (ana.time_zone, ana.office, ana.manager_email) == (
        "America/Sao_Paulo",
        "São Paulo",
        "rui@example.com",
    )
    assert Enrollment.objects.filter(cohort=cohort).count() == 2
    assert Delivery.objects.filter(enrollment__cohort=cohort).count() == 4


def test_reimporting_the_same_file_changes_nothing(cohort):
    roster_import(cohort=cohort, data=ROSTER)

    again = roster_import(cohort=cohort, data=ROSTER)

    assert again.imported
    assert again.preview.learners_created == 0
    assert again.preview.learners_updated == 0
    assert again.preview.learners_unchanged == 2
    assert again.preview.enrollments_created == 0
    assert again.deliveries_planned == 0
    assert Learner.objects.count() == 2
    assert Delivery.objects.count() == 4


def test_one_bad_row_imports_nothing_and_names_the_line(cohort):
    data = ROSTER + b"not-an-email,Cy,Doe,,,,\n"

    result = roster_import(cohort=cohort, data=data)

    assert not result.imported
    assert [problem.line for problem in result.problems] == [4]
    assert str(result.problems[0]).startswith("Line 4:")
    assert not Learner.objects.exists()
    assert not Enrollment.objects.exists()


def test_an_existing_learner_is_found_by_email_whatever_its_case(cohort):
    learner = LearnerFactory(
        email="ana.silva@example.com", first_name="Ana", last_name="Silva"
    )

    result = roster_import(cohort=cohort, data=ROSTER)

    line = result.preview.lines[0]
    assert line.learner == LearnerChange.UPDATE
    assert line.changed_fields == (
        "time_zone",
        "office",
        "manager_name",
        "manager_email",
    )
    learner.refresh_from_db()
    assert learner.email == "ana.silva@example.com"  # the email is never rewritten
    assert learner.office == "São Paulo"
    assert Learner.objects.count() == 2


def test_an_empty_optional_cell_keeps_the_learners_value(cohort):
    learner = LearnerFactory(
        email="ben@example.com", first_name="Ben", last_name="Okafor", office="London"
    )
    learner.manager_name = "Kept Manager"
    learner.save()

    result = roster_import(cohort=cohort, data=ROSTER)

    assert result.preview.lines[1].learner == LearnerChange.UNCHANGED
    learner.refresh_from_db()
    assert learner.manager_name == "Kept Manager"


def test_a_withdrawn_enrolment_is_left_as_is_and_reported(cohort):
    learner = LearnerFactory(email="ben@example.com", first_name="Ben")
    learner.last_name = "Okafor"
    learner.office = "London"
    learner.save()
    EnrollmentFactory(learner=learner, cohort=cohort, status=EnrollmentStatus.WITHDRAWN)

    result = roster_import(cohort=cohort, data=ROSTER)

    ben = result.preview.lines[1]
    assert ben.enrollment == EnrollmentChange.WITHDRAWN
    assert "withdrawn, left as is" in ben.summary
    assert Enrollment.objects.get(learner=learner).status == EnrollmentStatus.WITHDRAWN


def test_a_dry_run_writes_nothing(cohort):
    result = roster_import(cohort=cohort, data=ROSTER, dry_run=True)

    assert not result.imported
    assert result.preview.learners_created == 2
    assert result.preview.enrollments_created == 2
    assert not Learner.objects.exists()
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("count", [5, 50])
def test_preview_queries_do_not_grow_with_rows(
    cohort, count, django_assert_max_num_queries
):
    existing = [LearnerFactory(email=f"p{n}@example.com") for n in range(0, count, 2)]
    for learner in existing[::2]:
        EnrollmentFactory(learner=learner, cohort=cohort)
    parse = roster_parse(data=roster_of(count))

    with django_assert_max_num_queries(2):
        preview = roster_preview(cohort=cohort, parse=parse)

    assert len(preview.lines) == count


@pytest.mark.parametrize("count", [5, 50])
def test_import_queries_do_not_grow_with_rows(
    cohort, count, django_assert_max_num_queries
):
    for n in range(0, count, 2):
        LearnerFactory(email=f"p{n}@example.com")

    # Bulk inserts split at SQLite's bound-variable limit: at most one more
    # query per ~25 deliveries, never one per learner.
    with django_assert_max_num_queries(15 + count // 25):
        result = roster_import(cohort=cohort, data=roster_of(count))

    assert result.preview.enrollments_created == count


def test_the_command_prints_the_counts(cohort, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(ROSTER)

    call_command("import_roster", str(path), cohort="sp-autumn")

    out = capsys.readouterr().out
    assert "learners 2 created, 0 updated, 0 unchanged" in out
    assert "enrolments 2 created" in out
    assert "deliveries planned 4" in out


def test_the_command_dry_run_writes_nothing(cohort, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(ROSTER)

    call_command("import_roster", str(path), cohort="sp-autumn", dry_run=True)

    assert "Dry run, nothing written" in capsys.readouterr().out
    assert not Learner.objects.exists()


def test_the_command_lists_each_problem_and_fails_on_a_bad_file(
    cohort, tmp_path, capsys
):
    path = tmp_path / "roster.csv"
    path.write_bytes(ROSTER + b"not-an-email,Cy,Doe,,,,\n,,Roe,,,,\n")

    with pytest.raises(CommandError, match="Nothing was imported: 3 problems"):
        call_command("import_roster", str(path), cohort="sp-autumn")

    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("Line 4:")
    assert [line[:7] for line in err[1:]] == ["Line 5:", "Line 5:"]
    assert not Learner.objects.exists()


def test_the_command_names_an_unknown_cohort(cohort, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(ROSTER)

    with pytest.raises(
        CommandError, match="No cohort “nope”. Known cohorts: sp-autumn"
    ):
        call_command("import_roster", str(path), cohort="nope")


def test_the_command_names_a_missing_file(cohort, tmp_path):
    with pytest.raises(CommandError, match="Cannot read the file"):
        call_command("import_roster", str(tmp_path / "gone.csv"), cohort="sp-autumn")


# The admin: upload, preview, confirm.


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return client


def import_url(cohort) -> str:
    return f"/admin/boosters/roster-import/{cohort.pk}/"


def upload(client, cohort, data: bytes, name="roster.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(import_url(cohort), {"file": file})


def test_the_upload_form_opens(editor, cohort):
    response = editor.get(import_url(cohort))

    assert response.status_code == 200
    assert "Roster CSV" in response.content.decode()


def test_the_preview_shows_counts_and_writes_nothing(editor, cohort):
    response = upload(editor, cohort, ROSTER)

    html = response.content.decode()
    assert "Learners created: 2" in html
    assert "Enrolments created: 2" in html
    assert "Confirm import" in html
    assert not Learner.objects.exists()


def test_the_preview_shows_problems_and_offers_no_confirm(editor, cohort):
    response = upload(editor, cohort, ROSTER + b"not-an-email,Cy,Doe,,,,\n")

    html = response.content.decode()
    assert "Line 4:" in html
    assert "Nothing will be imported" in html
    assert "Confirm import" not in html


def test_confirming_the_preview_imports_the_roster(editor, cohort):
    token = upload(editor, cohort, ROSTER).context["token"]

    response = editor.post(import_url(cohort), {"token": token}, follow=True)

    assert "Roster imported" in response.content.decode()
    assert Learner.objects.count() == 2
    assert Enrollment.objects.filter(cohort=cohort).count() == 2
    assert Delivery.objects.count() == 4


def test_a_confirm_with_a_wrong_token_imports_nothing(editor, cohort):
    upload(editor, cohort, ROSTER)

    response = editor.post(import_url(cohort), {"token": "forged"}, follow=True)

    assert "expired" in response.content.decode()
    assert not Learner.objects.exists()


def test_a_file_over_5_mb_is_refused(editor, cohort, monkeypatch):
    monkeypatch.setattr(
        "boosters.learners.admin_views.MAX_ROSTER_BYTES", len(ROSTER) - 1
    )

    response = upload(editor, cohort, ROSTER)

    assert "the most we take is 5 MB" in response.content.decode()
    assert not Learner.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, cohort):
    response = client.get(import_url(cohort))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editors_who_cannot_edit_cohorts_are_refused(client, cohort, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viv", "viv@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(import_url(cohort), {})

    assert response.status_code == 302
    assert not response["Location"].startswith(import_url(cohort))


def test_the_cohort_list_links_to_the_import(editor, cohort):
    html = editor.get("/admin/boosters/cohort/").content.decode()

    assert import_url(cohort) in html


# Clean names at the door: bad rows are named, and the good ones may go in alone.

BAD_ROWS = (
    b'cy@example.com,"Cy\nDoe",Doe,,,,\n'  # a broken cell: a line break in a name
    b"dee@example.com,Dee,Le\x00e,,,,\n"
)


def test_control_characters_stop_the_import_and_name_row_and_column(cohort):
    result = roster_import(cohort=cohort, data=ROSTER + BAD_ROWS)

    assert not result.imported
    assert [(p.line, p.column) for p in result.problems] == [
        (4, "first_name"),
        (5, "last_name"),
    ]
    assert "Line 5: The last name contains a control character (NUL)" in str(
        result.problems[1]
    )
    assert not Learner.objects.exists()


def test_skipping_problem_rows_imports_the_good_rows_whole_and_lists_the_rest(
    cohort,
):
    result = roster_import(
        cohort=cohort, data=ROSTER + BAD_ROWS, skip_problem_rows=True
    )

    assert result.imported
    assert [problem.line for problem in result.skipped] == [4, 5]
    assert sorted(Learner.objects.values_list("email", flat=True)) == [
        "Ana.Silva@Example.com",
        "ben@example.com",
    ]
    assert Enrollment.objects.filter(cohort=cohort).count() == 2
    assert Delivery.objects.count() == 4


def test_skipping_problem_rows_does_not_skip_a_file_problem(cohort):
    data = b"email,name\nana@example.com,Ana\n"

    result = roster_import(cohort=cohort, data=data, skip_problem_rows=True)

    assert not result.imported
    assert not Learner.objects.exists()


def test_the_preview_offers_to_import_only_the_good_rows(editor, cohort):
    response = upload(editor, cohort, ROSTER + BAD_ROWS)

    html = response.content.decode()
    assert "Line 4: The first name contains a line break" in html
    assert "Line 5: The last name contains a control character (NUL)" in html
    assert "Confirm import" not in html
    assert "Import the 2 rows without problems and skip the rest" in html
    token = response.context["token"]

    response = editor.post(
        import_url(cohort), {"token": token, "skip_problem_rows": "1"}, follow=True
    )

    html = response.content.decode()
    assert "Roster imported" in html
    assert "Skipped 2 rows with problems (lines 4, 5)" in html
    assert Learner.objects.count() == 2


def test_the_command_can_skip_problem_rows(cohort, tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(ROSTER + BAD_ROWS)

    call_command(
        "import_roster", str(path), "--cohort", cohort.slug, "--skip-problem-rows"
    )

    err = capsys.readouterr().err
    assert "Skipped: Line 4: The first name contains a line break" in err
    assert Learner.objects.count() == 2


# A zone change by import re-plans the learner's other cohorts too.


def test_a_zone_change_by_import_retimes_the_learners_other_cohorts(cohort):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from boosters.models import DeliveryStatus
    from boosters.planning.sync import enrollment_plan_sync

    ana = LearnerFactory(email="ana.silva@example.com", first_name="Ana")
    first = EnrollmentFactory(
        learner=ana,
        cohort=CohortFactory(program=cohort.program, slug="ny-first"),
        enrolled_at=dt.datetime(2026, 2, 20, tzinfo=dt.UTC),
    )
    enrollment_plan_sync(enrollment=first)
    sent = first.deliveries.order_by("due_at").first()
    sent.status = DeliveryStatus.SENT
    sent.save()
    sent_due_at = sent.due_at

    roster_import(cohort=cohort, data=ROSTER)  # Ana: America/Sao_Paulo

    sao_paulo = ZoneInfo("America/Sao_Paulo")
    pending = Delivery.objects.filter(
        enrollment__learner=ana, status=DeliveryStatus.PENDING
    ).select_related("enrollment__cohort")
    # The other cohort's pending delivery moved from 09:00 New York (11:00 in
    # São Paulo) to 09:00 São Paulo, like the ones planned in this cohort.
    assert [d.enrollment.cohort.slug for d in pending].count("ny-first") == 1
    assert {d.due_at.astimezone(sao_paulo).strftime("%H:%M") for d in pending} == {
        "09:00"
    }
    sent.refresh_from_db()
    assert (sent.status, sent.due_at) == (DeliveryStatus.SENT, sent_due_at)


@pytest.mark.parametrize("count", [5, 50])
def test_a_zone_change_by_import_retimes_other_cohorts_without_a_query_per_learner(
    cohort, count, django_assert_max_num_queries
):
    other = CohortFactory(program=cohort.program, slug="ny-other")
    for n in range(count):
        EnrollmentFactory(
            learner=LearnerFactory(email=f"p{n}@example.com"), cohort=other
        )
    rows = "".join(
        f"p{n}@example.com,Pat,Number {n},Asia/Tokyo,,,\n" for n in range(count)
    )

    # As above; the other cohort's re-plan adds a fixed few queries, and its
    # bulk insert splits at the same bound-variable limit.
    with django_assert_max_num_queries(22 + 2 * (count // 25)):
        result = roster_import(cohort=cohort, data=(HEADER + rows).encode())

    assert result.preview.learners_updated == count
    assert Learner.objects.filter(time_zone="Asia/Tokyo").count() == count
