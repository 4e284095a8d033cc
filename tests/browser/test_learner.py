"""A learner, from the drip email to the hub: answering, My learning, the cohort space."""

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.learners import (
    QUICK_QUESTION,
    booster_email,
    choice_links,
    link_to,
    sign_in_from_email,
)

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect


def test_learner_answers_from_email_and_sees_it_on_my_learning(
    hub, outbox, page, shoot
):
    message, links = booster_email(outbox)
    title = message.subject.removeprefix(QUICK_QUESTION)
    choice, href = next((c, h) for c, h in choice_links(links) if c.is_correct)

    # Opening the link only selects the choice: mail scanners open links too.
    page.goto(href)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("radio", name=choice.text)).to_be_checked()
    shoot(page, "question-from-email")

    page.get_by_role("button", name="Check my answer").click()
    verdict = page.get_by_role("status").filter(has_text="You chose")
    expect(verdict.get_by_role("heading")).to_have_text("Right!")
    expect(verdict).to_contain_text(choice.text)
    expect(page.get_by_role("heading", name="Why")).to_be_visible()
    shoot(page, "feedback")

    # Checking her answer signed her in: My learning is in the header.
    page.locator(".site-header").get_by_role("link", name="My learning").click()
    expect(page).to_have_url(hub.at("/learn/my-learning/"))
    answers = page.locator("section", has=page.locator("#answered-heading"))
    answer = answers.get_by_role("listitem").filter(has_text=title)
    expect(answer).to_contain_text("Right")
    expect(answer).to_contain_text(f"You chose: {choice.text}")
    shoot(page, "my-learning")

    answer.get_by_role("link", name="See the feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("status").filter(has_text="You chose")).to_contain_text(
        choice.text
    )
    shoot(page, "feedback-again")


def test_learner_replies_in_the_cohort_space(hub, outbox, page, shoot):
    message, links = booster_email(outbox)
    title = message.subject.removeprefix(QUICK_QUESTION)
    reply = "I tried SBI in my one-to-one on Tuesday: naming the moment made it land."

    # Signed out, the thread asks for a sign-in; the email's hub link does it.
    sign_in_from_email(page, links)
    page.goto(link_to(links, "Discuss with your cohort"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    shoot(page, "thread")

    page.get_by_label("Your reply").fill(reply)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".post-list")).to_contain_text(reply)
    expect(page.locator("#replies-heading")).to_have_text("1 reply")
    shoot(page, "replied")

    page.get_by_role("link", name="Cohort space").first.click()
    expect(page.get_by_role("link", name=title).first).to_be_visible()
    shoot(page, "space")
