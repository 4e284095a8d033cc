"""From a check-in email to a story in a booster's feedback.

Henrique, in the demo's São Paulo cohort, got the "a week on" check-in on his
phone and hasn't answered. He taps "Yes, I tried it", confirms, tells what
happened and lets L&D use it. An editor finds the story in "Application
stories" and uses it in the booster's "what successful application looks
like": a draft, credited, in the question's review.
"""

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.learners import email_html, email_links
from tests.browser.test_editor import admin_sign_in

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
STORY = "I named the missed handover, not the person. We fixed the checklist."


def both_widths(page, shoot, step: str) -> None:
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        shoot(page, f"{step}-{name}")
    page.set_viewport_size(PHONE)


def henriques_check_in_email():
    from boosters.drip.emails import delivery_message
    from boosters.models import CheckInAnswer, Delivery, Learner

    # He reads the hub in English (the São Paulo office may default to Portuguese).
    Learner.objects.filter(email="henrique.gomes@example.com").update(language="en")
    delivery = (
        Delivery.objects.filter(
            enrollment__learner__email="henrique.gomes@example.com",
            page__slug="tried-describing-the-behaviour",
        )
        .select_related("enrollment__learner", "enrollment__cohort__program")
        .get()
    )
    assert not CheckInAnswer.objects.filter(delivery=delivery).exists()
    return delivery_message(delivery=delivery)


def test_a_story_from_a_check_in_email_goes_into_a_boosters_feedback(hub, page, shoot):
    from boosters.models import BoosterQuestionPage, CheckInAnswer

    message = henriques_check_in_email()
    assert message.subject.startswith("Have you tried it?")
    page.set_viewport_size(PHONE)
    page.set_content(email_html(message))
    both_widths(page, shoot, "email")

    href = dict(email_links(message))["Yes, I tried it"]
    page.goto(href)
    expect(page.get_by_label("Yes, I tried it")).to_be_checked()
    both_widths(page, shoot, "confirm")
    assert not CheckInAnswer.objects.filter(
        enrollment__learner__first_name="Henrique"
    ).exists()  # opening the link recorded nothing

    page.get_by_role("button", name="Confirm my answer").click()
    expect(page.locator(".check-in__answer")).to_contain_text("Yes, I tried it")
    both_widths(page, shoot, "story-form")

    page.get_by_role("button", name="Save my story").click()
    expect(page.get_by_text("Choose who may read your story.")).to_be_visible()
    page.get_by_label("What happened when you tried it?").fill(STORY)
    page.get_by_label("L&D may use it in learning content").check()
    page.get_by_role("button", name="Save my story").click()
    expect(
        page.get_by_text("L&D may use it in learning content, with your name")
    ).to_be_visible()
    both_widths(page, shoot, "thanks")
    answer = CheckInAnswer.objects.get(enrollment__learner__first_name="Henrique")
    assert (answer.outcome, answer.story, answer.story_consent) == (
        "tried",
        STORY,
        "content",
    )

    context = page.context
    context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    admin_sign_in(hub, page)
    page.goto(hub.at("/admin/boosters/reports/stories/"))
    row = page.locator("tr", has_text=STORY)
    expect(row).to_contain_text("Henrique Gomes, São Paulo")
    both_widths(page, shoot, "stories-admin")

    page.set_viewport_size(DESKTOP)
    row.get_by_role("link", name="Use in feedback").click()
    expect(page.get_by_label("Booster question")).to_have_value(
        str(BoosterQuestionPage.objects.get(slug="describe-the-behaviour").pk)
    )
    shoot(page, "curate")
    page.get_by_role("button", name="Use in feedback").click()
    expect(page.get_by_text("submitted for review")).to_be_visible()
    booster = BoosterQuestionPage.objects.get(slug="describe-the-behaviour")
    draft = booster.get_latest_revision_as_object()
    assert STORY in draft.success_looks_like
    assert "— Henrique Gomes, São Paulo" in draft.success_looks_like
    assert booster.current_workflow_state is not None
    shoot(page, "booster-in-review")

    page.goto(hub.at("/admin/boosters/analytics/"))
    section = page.locator("#application-rates")
    section.scroll_into_view_if_needed()
    expect(section).to_be_visible()
    both_widths(page, shoot, "analytics")
