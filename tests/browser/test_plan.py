"""An L&D lead reads plans in the admin: a program's steps as a timeline, a
cohort's next seven days by step with counts, and the learners of one step."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils import timezone

import pytest

from boosters.models import Cohort, Delivery, Program
from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.test_editor import admin_sign_in

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect


def next_week_days(cohort) -> dict[str, int]:
    """Emails per day in the cohort's next seven days, by ``day-YYYY-MM-DD`` id."""
    today = timezone.now().astimezone(ZoneInfo(cohort.time_zone)).date()
    rows = (
        Delivery.objects.filter(
            enrollment__cohort=cohort,
            local_date__range=(today, today + dt.timedelta(days=6)),
        )
        .values("local_date")
        .annotate(n=Count("pk"))
        .order_by("local_date")
    )
    return {f"day-{row['local_date']:%Y-%m-%d}": row["n"] for row in rows}


def test_lead_reads_a_program_timeline_and_a_cohorts_next_week(hub, page, shoot):
    program = Program.objects.get(slug="feedback-boosters")
    cohort = Cohort.objects.get(slug="london")
    cohort.paused = True
    cohort.save()
    expected_days = next_week_days(cohort)
    assert expected_days, "the demo's London cohort has emails next week"

    admin_sign_in(hub, page)

    # The program list links to its timeline: its steps by day offset.
    page.goto(hub.at("/admin/boosters/program/"))
    page.get_by_role("link", name="Timeline").first.click()
    timeline = page.locator(".hub-timeline")
    first_step = program.steps.order_by("day_offset", "sort_order").first()
    expect(timeline.locator(".hub-timeline__label").first).to_have_text(
        f"Day {first_step.day_offset}"
    )
    expect(timeline.get_by_role("link", name=first_step.page.title)).to_have_attribute(
        "href", f"/admin/pages/{first_step.page_id}/edit/"
    )
    expect(timeline).to_contain_text("Comes back 12 days after a wrong")
    expect(page.locator(".hub-plan-cohorts")).to_contain_text(
        "Paused — nothing is sent until resumed"
    )
    shoot(page, "program-timeline")

    # The cohort's plan opens on its next seven days, day by day.
    page.get_by_role("link", name=cohort.name).click()
    expect(page.get_by_role("heading", name="Next 7 days")).to_be_visible()
    expect(page.locator(".hub-paused")).to_contain_text(
        "Paused — nothing is sent until resumed"
    )
    days = page.locator(".hub-plan-day")
    expect(days).to_have_count(len(expected_days))
    for day_id, emails in expected_days.items():
        expect(page.locator(f"#{day_id} .hub-plan-day__meta")).to_contain_text(
            f"{emails} email"
        )
    shoot(page, "cohort-plan")

    # Drill into the first step of the first day: its learners and their times.
    first_day = days.first
    step_row = first_day.locator("tbody tr").first
    title = step_row.locator(".hub-plan-table__title").inner_text()
    learners = int(step_row.locator(".hub-plan-table__more a").inner_text().split()[0])
    step_row.locator(".hub-plan-table__more a").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(title)
    rows = page.locator(".hub-plan-learners tbody tr")
    expect(rows).to_have_count(learners)
    emails = set(
        Delivery.objects.filter(
            enrollment__cohort=cohort, page__title=title
        ).values_list("enrollment__learner__email", flat=True)
    )
    assert set(page.locator(".hub-plan-learners__email").all_inner_texts()) <= emails
    # The demo sends at 09:00 in each learner's own zone.
    expect(rows.first).to_contain_text("09:00")
    shoot(page, "plan-learners")

    # And back to the plan, at the day it came from.
    page.get_by_role("link", name=f"Back to the plan of {cohort.name}").click()
    expect(page.get_by_role("heading", name="Next 7 days")).to_be_visible()
