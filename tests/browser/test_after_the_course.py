"""After the course, end to end: Ana's live session and her check-in, through
to the editor curating her story.

Ana (New York HQ, working from São Paulo) gets the feedback clinic's invite
and, a week before it, the discussion email; she opens the session page from
the invite and sends a question. She answers the "a week on" check-in from
its email, "Yes, I tried it", with a story L&D may use. An editor finds it in
"Application stories" and uses it in the booster's "what successful
application looks like": a credited draft in the question's review.
Screenshots at 390 and 1440 px go to var/browser/.
"""

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.learners import email_html, email_links, link_to
from tests.browser.test_editor import admin_sign_in
from tests.browser.test_live_session import ANA, ana_emails, both_widths

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

STORY = "I asked my lead what she saw in the handover before saying what I saw."


def anas_check_in_email():
    """Ana's "a week on" check-in, sent by ticks at her send times (the demo's
    plan is catching up, one item a day) as the scheduler would send it."""
    from django.core import mail

    from boosters.drip.dispatch import drip_tick
    from boosters.models import CheckInAnswer, Delivery, DeliveryStatus

    check_in = Delivery.objects.filter(
        enrollment__learner__email=ANA, page__slug="tried-describing-the-behaviour"
    )
    pending = Delivery.objects.filter(
        enrollment__learner__email=ANA, status=DeliveryStatus.PENDING
    ).order_by("due_at")
    mail.outbox = []
    for _ in range(60):
        if not check_in.filter(status=DeliveryStatus.PENDING).exists():
            break
        drip_tick(now=pending.first().due_at)
    assert check_in.get().status == DeliveryStatus.SENT
    assert not CheckInAnswer.objects.filter(delivery__in=check_in).exists()
    return next(
        m
        for m in mail.outbox
        if m.to == [ANA] and m.subject.startswith("Have you tried it?")
    )


def test_ana_goes_from_invite_to_question_to_a_story_the_editor_curates(
    hub, page, shoot
):
    from boosters.models import BoosterQuestionPage, CheckInAnswer
    from live_sessions.models import SessionQuestion

    invite, before = ana_emails()
    assert any(alt.mimetype.startswith("text/calendar") for alt in invite.alternatives)
    page.set_content(email_html(invite))
    both_widths(page, shoot, "invite-email")
    page.set_content(email_html(before))
    expect(page.get_by_role("link", name="Join the discussion")).to_be_visible()
    both_widths(page, shoot, "pre-session-email")

    page.goto(link_to(email_links(invite), "Send a question for the session"))
    page.get_by_role("button", name="Sign in as").click()
    question = "What if the behaviour I saw was my manager's?"
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_role("status")).to_contain_text(
        "your question is with the facilitator"
    )
    assert SessionQuestion.objects.filter(text=question).exists()

    check_in = anas_check_in_email()
    assert check_in.subject.startswith("Have you tried it?")
    # Off the hub first: a document written into a hub page keeps its CSP,
    # which would strip the email's inline styles from the screenshot.
    page.goto("about:blank")
    page.set_content(email_html(check_in))
    both_widths(page, shoot, "check-in-email")
    page.goto(dict(email_links(check_in))["Yes, I tried it"])
    expect(page.get_by_label("Yes, I tried it")).to_be_checked()
    assert not CheckInAnswer.objects.filter(enrollment__learner__email=ANA).exists()
    page.get_by_role("button", name="Confirm my answer").click()
    page.get_by_label("What happened when you tried it?").fill(STORY)
    page.get_by_label("L&D may use it in learning content").check()
    page.get_by_role("button", name="Save my story").click()
    expect(
        page.get_by_text("L&D may use it in learning content, with your name")
    ).to_be_visible()
    both_widths(page, shoot, "story-saved")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1440, "height": 900})
    admin_sign_in(hub, page)
    page.goto(hub.at("/admin/boosters/reports/stories/"))
    row = page.locator("tr", has_text=STORY)
    expect(row).to_contain_text("Ana Souza")
    row.get_by_role("link", name="Use in feedback").click()
    page.get_by_role("button", name="Use in feedback").click()
    expect(page.get_by_text("submitted for review")).to_be_visible()
    booster = BoosterQuestionPage.objects.get(slug="describe-the-behaviour")
    draft = booster.get_latest_revision_as_object()
    assert STORY in draft.success_looks_like
    assert "— Ana Souza" in draft.success_looks_like
    assert booster.current_workflow_state is not None
    both_widths(page, shoot, "curated")
