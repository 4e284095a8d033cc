"""axe-core finds no serious or critical accessibility violation on any page a
learner or an editor reaches, reached the way they reach it.

axe-core comes with axe-playwright-python (the ``browser`` extra). Violations
of lower impact don't fail the test; they are printed, so ``pytest -s`` or a
failing run's captured output shows them.
"""

import functools

from django.urls import reverse

import pytest

from boosters.models import Cohort, Enrollment, Program
from tests.browser.conftest import NO_PLAYWRIGHT, each_step_checked, problems_report
from tests.browser.learners import (
    booster_email,
    choice_links,
    link_to,
    sign_in_from_email,
)
from tests.browser.test_editor import admin_sign_in

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


def open_community_thread(hub, page, outbox):
    open_cohort_space(hub, page, outbox)
    page.locator("main a[href^='/community/london/']").filter(
        has_not_text="Start a thread"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def open_sign_in(hub, page, outbox):
    page.goto(hub.at("/learn/sign-in/"))


def open_answer_from_email(hub, page, outbox):
    _, links = booster_email(outbox)
    _, href = choice_links(links)[0]
    page.goto(href)
    expect(page.get_by_role("button", name="Check my answer")).to_be_visible()


def open_feedback_from_email(hub, page, outbox):
    open_answer_from_email(hub, page, outbox)
    page.get_by_role("button", name="Check my answer").click()
    expect(page.locator(".verdict")).to_be_visible()


def open_unsubscribe(hub, page, outbox):
    _, links = booster_email(outbox)
    page.goto(link_to(links, "Unsubscribe"))
    expect(page.get_by_role("button", name="Unsubscribe")).to_be_visible()


def open_manager_page(hub, page, outbox):
    from boosters.models import Manager
    from community.managers.services import managers_sync
    from community.managers.tokens import manager_page_token

    managers_sync()
    manager = Manager.objects.order_by("email").first()
    page.goto(hub.at(reverse("manager_page", args=[manager_page_token(manager)])))


def open_admin(path):
    def open_admin_page(hub, page, outbox):
        admin_sign_in(hub, page)
        page.goto(hub.at(path() if callable(path) else path))
        expect(page.locator("main, #main").first).to_be_visible()

    return open_admin_page


def london_cohort_pk() -> int:
    return Cohort.objects.get(slug="london").pk


def london_plan_step_path() -> str:
    """One step's learners in the London cohort's plan (its drill-down)."""
    from boosters.models import Delivery

    delivery = (
        Delivery.objects.filter(enrollment__cohort__slug="london", showing=1)
        .order_by("local_date", "pk")
        .first()
    )
    return (
        f"/admin/boosters/cohort/inspect/{london_cohort_pk()}/"
        f"?day={delivery.local_date:%Y-%m-%d}&step={delivery.step_id}&repeat=0"
    )


def booster_page_id() -> int:
    from boosters.questions.pages import BoosterQuestionPage

    return BoosterQuestionPage.objects.live().order_by("path").first().pk


PAGES = {
    "home": open_home,
    "article": open_article,
    "screencast": open_screencast,
    "booster-question": open_booster_question,
    "booster-feedback": open_booster_feedback,
    "search": open_search,
    "my-learning": open_my_learning,
    "cohort-space": open_cohort_space,
    "community-thread": open_community_thread,
    "sign-in": open_sign_in,
    "answer-from-email": open_answer_from_email,
    "feedback-from-email": open_feedback_from_email,
    "unsubscribe": open_unsubscribe,
    "manager-page": open_manager_page,
    "admin-analytics-dashboard": open_admin(
        lambda: reverse("boosters_analytics_dashboard")
    ),
    "admin-question-analytics": open_admin(
        lambda: reverse("boosters_analytics_question", args=[booster_page_id()])
    ),
    "admin-attention-list": open_admin(lambda: reverse("boosters_analytics_attention")),
    "admin-cohort-inspect": open_admin(
        lambda: f"/admin/boosters/cohort/inspect/{london_cohort_pk()}/"
    ),
    "admin-cohort-plan-step": open_admin(london_plan_step_path),
    "admin-program-timeline": open_admin(
        lambda: (
            "/admin/boosters/program/inspect/"
            f"{Program.objects.get(slug='feedback-boosters').pk}/"
        )
    ),
    "admin-roster-import": open_admin(
        lambda: reverse("boosters_roster_import", args=[london_cohort_pk()])
    ),
    "admin-learners-list": open_admin(
        lambda: reverse("boosters_learner_modeladmin_index")
    ),
    "admin-bulk-move-confirm": open_admin(
        lambda: (
            f"{reverse('boosters_enrollments_bulk')}?action=move&"
            + "&".join(
                f"id={pk}" for pk in Enrollment.objects.values_list("pk", flat=True)[:3]
            )
        )
    ),
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


def test_no_serious_or_critical_axe_violations(hub, outbox, browser, shoot):
    """Every page in ``PAGES``, each in a fresh tab, in one demo load."""

    def blocking_violations(tab) -> list[str]:
        violations = axe_violations(tab)
        for line in violation_lines(
            v for v in violations if v["impact"] not in BLOCKING_IMPACTS
        ):
            print(f"[{tab.url}] {line}")
        return violation_lines(v for v in violations if v["impact"] in BLOCKING_IMPACTS)

    problems = each_step_checked(
        {
            name: functools.partial(_open, open_page, hub=hub, outbox=outbox)
            for name, open_page in PAGES.items()
        },
        check=blocking_violations,
        browser=browser,
        shoot=shoot,
    )

    assert problems == {}, problems_report(problems)


def _open(open_page, tab, *, hub, outbox):
    open_page(hub, tab, outbox)
