"""An L&D lead in the Wagtail admin: the hub dashboard on the admin home, and
the cohort dashboard's date filter."""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from demo.leads import LD_LEAD_USERNAME
from demo.simulate import demo_answers_simulate
from tests.browser.conftest import NO_PLAYWRIGHT

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

DANA_PASSWORD = "browser-test-dana"  # noqa: S105 — a throwaway test database


@pytest.fixture
def dana(hub):
    """The demo's L&D lead, with a password and six weeks of answers to read."""
    demo_answers_simulate(weeks=6)
    user = get_user_model().objects.get(username=LD_LEAD_USERNAME)
    user.set_password(DANA_PASSWORD)
    user.save()
    return user


def sign_in(hub, page, user) -> None:
    page.goto(hub.at("/admin/"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(DANA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(hub.at("/admin/"))


def test_ld_lead_sees_the_hub_dashboard_and_its_links_open(hub, dana, page, shoot):
    sign_in(hub, page, dana)

    for heading in [
        "Going out in the next 7 days",
        "Answer rate",
        "Questions needing attention",
        "Failed deliveries",
    ]:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    # Dana reviews no pages: the reviewers' panel is not hers.
    expect(page.get_by_role("heading", name="Pending reviews")).to_have_count(0)
    shoot(page, "admin-home")

    page.locator("#hub-upcoming-section").get_by_role("link", name="London").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("London")
    page.go_back()

    page.get_by_role("link", name=re.compile("This week")).click()
    expect(page).to_have_url(re.compile(r"/admin/boosters/analytics/\?date_from="))
    expect(page.locator("#cohort-figures")).to_be_visible()
    page.go_back()

    page.get_by_role("link", name="All questions").click()
    expect(
        page.get_by_role("heading", name="Questions needing attention")
    ).to_be_visible()
    page.go_back()

    page.locator("#hub-failed-section").get_by_role(
        "link", name="Failed deliveries"
    ).last.click()
    expect(page).to_have_url(
        re.compile(r"/admin/boosters/delivery/\?status__exact=failed")
    )
    shoot(page, "failed-deliveries")


def test_analytics_date_filter_narrows_the_figures(hub, dana, page, shoot):
    console_errors = []
    page.on(
        "console",
        lambda message: (
            console_errors.append(message.text)
            if message.type == "error" and "initDateChooser" in message.text
            else None
        ),
    )
    sign_in(hub, page, dana)
    page.goto(hub.at("/admin/boosters/analytics/"))
    total = page.locator("#cohort-figures tfoot td").nth(1)  # items delivered
    before = int(total.inner_text())
    today = timezone.localdate()

    date_from = page.get_by_role("textbox", name="From", exact=True)
    date_from.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    date_from.fill(f"{today - timedelta(days=7):%Y-%m-%d}")
    page.get_by_role("textbox", name="To", exact=True).fill(f"{today:%Y-%m-%d}")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(
        re.compile(
            rf"date_from={today - timedelta(days=7):%Y-%m-%d}&date_to={today:%Y-%m-%d}"
        )
    )
    after = int(total.inner_text())
    assert 0 < after < before
    assert console_errors == []
    shoot(page, "analytics-filtered")
