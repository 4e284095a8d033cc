"""On a phone, from a booster email to a reply in the cohort thread.

Ana reads her email on a 390×844 phone: she taps a choice, confirms it on the
first screen, reads the feedback, follows "Discuss with your cohort" and
replies. The email's own discussion link gets her there with one tap too.
"""

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.learners import (
    QUICK_QUESTION,
    booster_email,
    choice_links,
    link_to,
)

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

PHONE = {"width": 390, "height": 844}


def bottom(locator) -> float:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    return box["y"] + box["height"]


def reply_in_thread(page, *, title: str, reply: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_label("Your reply").fill(reply)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".post-list")).to_contain_text(reply)


def test_from_the_email_to_a_reply_in_the_thread_on_a_phone(hub, outbox, page, shoot):
    message, links = booster_email(outbox)
    title = message.subject.removeprefix(QUICK_QUESTION)
    choice, href = next((c, h) for c, h in choice_links(links) if not c.is_correct)
    page.set_viewport_size(PHONE)

    page.goto(href)
    # The question, the tapped choice and the button, without scrolling.
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(title)
    tapped = page.get_by_role("radio", name=choice.text)
    expect(tapped).to_be_checked()
    button = page.get_by_role("button", name="Check my answer")
    assert page.evaluate("window.scrollY") == 0
    for shown in (heading, page.locator(".booster__question"), tapped, button):
        assert bottom(shown) <= PHONE["height"], f"{shown} is below the fold"
    # Her own link: the header names her, it doesn't ask her to sign in.
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name="Sign in")).to_have_count(0)
    expect(header.get_by_role("link", name="My learning")).to_be_visible()
    shoot(page, "confirm")

    button.click()
    verdict = page.get_by_role("status").filter(has_text="You chose")
    expect(verdict.get_by_role("heading")).to_have_text("Not quite.")
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    shoot(page, "feedback")

    discuss = page.locator("section", has=page.locator("#discuss-heading"))
    discuss.get_by_role("link", name="Join the discussion").click()
    reply = "I named the moment and the effect, not the person: it landed."
    reply_in_thread(page, title=title, reply=reply)
    shoot(page, "replied")


def test_the_emails_discussion_link_opens_the_thread_with_one_tap(
    hub, outbox, page, shoot
):
    message, links = booster_email(outbox)
    title = message.subject.removeprefix(QUICK_QUESTION)
    page.set_viewport_size(PHONE)

    page.goto(link_to(links, "Discuss with your cohort"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the discussion")
    expect(page.get_by_role("link", name="Sign in")).to_have_count(0)
    continue_button = page.get_by_role("button", name="Continue to the discussion")
    assert bottom(continue_button) <= PHONE["height"]
    shoot(page, "continue")

    continue_button.click()
    reply = "Our team writes the behaviour on a sticky note before the one-to-one."
    reply_in_thread(page, title=title, reply=reply)
    shoot(page, "replied")
