"""An editor imports a real HR roster with one bad row: sees every column it
will store and the problem, imports the good rows, downloads the bad one to
fix, finds the learners in the list and moves them with a bulk action."""

import csv
import io
from pathlib import Path

from django.conf import settings

import pytest

from boosters.models import Cohort, Enrollment, EnrollmentStatus, Learner
from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.test_editor import admin_sign_in

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

pytestmark = pytest.mark.browser

SCREENS = Path(settings.BASE_DIR) / "var" / "screens" / "p8" / "part5"
# Excel's "CSV (Comma delimited)" on Windows: cp1252, CRLF, European semicolons.
ROSTER = (
    "email;first_name;last_name;time_zone;office;manager_name;manager_email\r\n"
    "joao.pereira@example.com;João;Pereira;America/Sao_Paulo;São Paulo;"
    "Rui Costa;rui.costa@example.com\r\n"
    "zoe.muller@example;Zoë;Müller;;Zürich;;\r\n"
    "amelie.durand@example.com;Amélie;Durand;;London;Kim Lee;kim.lee@example.com\r\n"
).encode("cp1252")


def shoot_widths(page, name: str) -> None:
    """Whole-page screenshots at a phone's and a desktop's width.

    The admin scrolls inside its main column, so the window is made as tall as
    that column for the shot.
    """
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        height = page.evaluate(
            "Math.max(...[...document.querySelectorAll('body, main, #main')]"
            ".map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": width, "height": min(height, 6000)})
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def downloaded(page, link_name: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    return Path(info.value.path()).read_bytes().decode("utf-8-sig")


def test_an_editor_imports_the_good_rows_and_downloads_the_bad_one(hub, page, shoot):
    london = Cohort.objects.get(slug="london")
    admin_sign_in(hub, page)

    page.goto(hub.at(f"/admin/boosters/roster-import/{london.pk}/"))
    template = downloaded(page, "Download the CSV template")
    assert template.splitlines()[0].startswith("email,first_name,last_name,time_zone")
    shoot_widths(page, "roster-upload")

    page.get_by_label("Roster CSV").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": ROSTER}]
    )
    page.get_by_role("button", name="Preview").click()

    problems = page.locator(".roster-problems")
    expect(problems).to_contain_text(
        'Line 3: "zoe.muller@example" is not a valid email address.'
    )
    table = page.locator("table.roster-preview")
    for header in ("Office", "Time zone", "Manager", "Manager email", "Enrolment"):
        expect(
            table.get_by_role("columnheader", name=header, exact=True)
        ).to_be_visible()
    joao = table.get_by_role("row").filter(has_text="joao.pereira@example.com")
    for value in ("New", "João", "São Paulo", "America/Sao_Paulo", "Rui Costa"):
        expect(joao).to_contain_text(value)
    amelie = table.get_by_role("row").filter(has_text="amelie.durand@example.com")
    expect(amelie).to_contain_text("cohort's (Europe/London)")
    expect(
        page.get_by_text("Read as Windows-1252, semicolon-separated")
    ).to_be_visible()
    shoot_widths(page, "roster-preview")
    shoot(page, "preview")

    rejected = downloaded(page, "Download the rows with problems (CSV)")
    rows = list(csv.reader(io.StringIO(rejected)))
    assert rows[0][-1] == "problem"
    assert rows[1][:3] == ["zoe.muller@example", "Zoë", "Müller"]
    assert "not a valid email address" in rows[1][-1]
    assert len(rows) == 2

    page.get_by_role(
        "button", name="Import the 2 rows without problems and skip the rest"
    ).click()
    expect(page.get_by_text("Skipped 1 row with problems (lines 3)")).to_be_visible()
    listing = page.locator("table.listing")
    expect(listing).to_contain_text("joao.pereira@example.com")
    expect(listing).to_contain_text("amelie.durand@example.com")
    assert not Learner.objects.filter(email__startswith="zoe.muller").exists()
    again = downloaded(page, "Download the rows with problems")
    assert again == rejected
    shoot(page, "imported")

    # "Select all on this page" ticks every row's box, and unticks them.
    boxes = page.locator('input[name="id"][form="bulk-form"]')
    select_all = page.get_by_label("Select all on this page")
    select_all.check()
    assert all(boxes.nth(n).is_checked() for n in range(boxes.count()))
    select_all.uncheck()
    assert not any(boxes.nth(n).is_checked() for n in range(boxes.count()))

    # Both new learners go to New York HQ in one bulk action.
    for email in ("joao.pereira@example.com", "amelie.durand@example.com"):
        page.get_by_role("checkbox", name=email).check()
    page.get_by_label("With the chosen enrolments").select_option(
        label="Move to another cohort"
    )
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Move to another cohort"
    )
    expect(page.get_by_role("heading", level=2)).to_contain_text("2 enrolments chosen")
    expect(page.locator(".bulk-confirm-list")).to_contain_text("João Pereira")
    page.get_by_label("Cohort").select_option(label="New York HQ")
    shoot_widths(page, "bulk-move-confirm")
    page.get_by_role("button", name="Move to another cohort: 2 enrolments").click()

    expect(
        page.get_by_text("Move to another cohort: done for 2 enrolments.")
    ).to_be_visible()
    moved = Enrollment.objects.filter(
        learner__email__in=["joao.pereira@example.com", "amelie.durand@example.com"]
    )
    assert {(e.cohort.slug, e.status) for e in moved} == {
        ("london", EnrollmentStatus.WITHDRAWN),
        ("new-york-hq", EnrollmentStatus.ACTIVE),
    }
    shoot_widths(page, "bulk-move-done")
