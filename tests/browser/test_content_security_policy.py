"""The hub's pages keep their own Content-Security-Policy: in a real browser,
nothing on them is blocked (no ``securitypolicyviolation`` event, no console
message about the policy), including a screencast playing with its captions,
an editor's userbar and the admin. (Other console errors are left to the test
machine: it has no network, so e.g. the admin's Gravatar images fail.)"""

import functools

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT, each_step_checked, problems_report
from tests.browser.test_accessibility import PAGES, open_admin

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

# Recorded from the first script that runs, so nothing blocked before the
# test looks is missed.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


def play_screencast_with_captions(hub, page, outbox):
    PAGES["screencast"](hub, page, outbox)
    page.locator("video#screencast-player").click()
    page.wait_for_function(
        "() => { const v = document.querySelector('#screencast-player');"
        " return !v.paused && v.currentTime > 1 && v.textTracks[0].activeCues"
        " && v.textTracks[0].activeCues.length > 0; }",
        polling=100,
        timeout=10_000,
    )


STEPS = {
    "home": PAGES["home"],
    "article": PAGES["article"],
    "screencast-playing": play_screencast_with_captions,
    "booster-feedback": PAGES["booster-feedback"],
    "answer-from-email": PAGES["answer-from-email"],
    "feedback-from-email": PAGES["feedback-from-email"],
    "my-learning": PAGES["my-learning"],
    "cohort-space": PAGES["cohort-space"],
    "community-thread": PAGES["community-thread"],
    "search": PAGES["search"],
    "unsubscribe": PAGES["unsubscribe"],
    "admin-home": open_admin("/admin/"),
    "admin-page-editor": open_admin("/admin/pages/"),
    "admin-analytics-dashboard": PAGES["admin-analytics-dashboard"],
    # An editor signed in sees Wagtail's userbar on the hub's own pages.
    "home-with-userbar": open_admin("/"),
}


def test_no_content_security_policy_violation(hub, outbox, browser, shoot):
    """Every step in ``STEPS``, each in a fresh tab, in one demo load."""
    console_errors: dict[str, list[str]] = {}

    def record(tab):
        console_errors[id(tab)] = []
        tab.context.add_init_script(RECORD_VIOLATIONS)
        tab.on(
            "console",
            lambda message: (
                console_errors[id(tab)].append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def blocked(tab) -> list[str]:
        return [
            *tab.evaluate("window.__cspViolations"),
            *console_errors.get(id(tab), []),
        ]

    problems = each_step_checked(
        {
            name: functools.partial(_open, step, hub=hub, outbox=outbox)
            for name, step in STEPS.items()
        },
        check=blocked,
        before=record,
        browser=browser,
        shoot=shoot,
    )

    assert problems == {}, problems_report(problems)


def _open(step, tab, *, hub, outbox):
    step(hub, tab, outbox)
