"""axe-core finds no serious or critical accessibility violation on the hub's
main pages, as a learner reaches them.

axe-core comes with axe-playwright-python (the ``browser`` extra). Violations
of lower impact don't fail the test; they are printed, so ``pytest -s`` or a
failing run's captured output shows them.
"""

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.learners import booster_email, sign_in_from_email

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect
AXE_SCRIPT = pytest.importorskip(
    "axe_playwright_python.base", reason=NO_PLAYWRIGHT
).AXE_SCRIPT

BLOCKING_IMPACTS = {"serious", "critical"}
BOOSTER = "/giving-feedback/describe-the-behaviour/"


def open_home(hub, page, outbox):
    page.goto(hub.url)


def open_article(hub, page, outbox):
    page.goto(hub.at("/giving-feedback/the-sbi-model/"))


def open_screencast(hub, page, outbox):
    page.goto(hub.at("/giving-feedback/preparing-with-the-sbi-template/"))


def open_booster_question(hub, page, outbox):
    page.goto(hub.at(BOOSTER))


def open_booster_feedback(hub, page, outbox):
    page.goto(hub.at(BOOSTER))
    page.locator("button[name=choice]").first.click()
    expect(page.locator(".verdict")).to_be_visible()


def open_search(hub, page, outbox):
    page.goto(hub.url)
    page.get_by_role("searchbox", name="Search the hub").fill("feedback")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(hub.at("/search/?query=feedback"))


def open_my_learning(hub, page, outbox):
    _, links = booster_email(outbox)
    sign_in_from_email(page, links)
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")


def open_cohort_space(hub, page, outbox):
    _, links = booster_email(outbox)
    sign_in_from_email(page, links)
    page.get_by_role("link", name="Cohort space").first.click()
    expect(page).to_have_url(hub.at("/community/london/"))


PAGES = {
    "home": open_home,
    "article": open_article,
    "screencast": open_screencast,
    "booster-question": open_booster_question,
    "booster-feedback": open_booster_feedback,
    "search": open_search,
    "my-learning": open_my_learning,
    "cohort-space": open_cohort_space,
}


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    page.evaluate(AXE_SCRIPT)
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")[
        "violations"
    ]


def violation_lines(violations) -> list[str]:
    """One line per failing element: impact, rule, selector and what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            selector = " ".join(map(str, node["target"]))
            lines.append(
                f"{violation['impact']}: {violation['id']} at {selector}: "
                f"{violation['help']} ({violation['helpUrl']})"
            )
    return lines


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_axe_violations(name, hub, outbox, page, shoot):
    PAGES[name](hub, page, outbox)
    page.wait_for_load_state("load")
    shoot(page, name)

    violations = axe_violations(page)

    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    for line in violation_lines(minor):
        print(f"[{name}] {line}")
    assert blocking == [], "\n".join(violation_lines(blocking))
