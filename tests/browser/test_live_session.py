"""A live session from the learner's inbox to the facilitator's screen.

Ana (São Paulo, in the demo's New York clinics cohort) gets the invite with
its calendar attachment and, a week before, the discussion email; she opens
the session page from the invite, sees the time in her own zone and sends a
question; the facilitator sees it under its agenda item. Screenshots at 390
and 1440 px of each screen go to var/browser/.
"""

from django.core import mail
from django.utils import timezone

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.models import Delivery, DeliveryStatus, Notice, NoticeKind
from live_sessions.models import LiveSessionPage
from live_sessions.planning import live_session_notices_plan
from tests.browser.conftest import NO_PLAYWRIGHT
from tests.browser.learners import email_html, email_links, link_to
from tests.browser.test_editor import admin_sign_in

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
ANA = "ana.souza@example.com"
UPCOMING = "feedback-clinic-feedback-upwards"
PAST = "feedback-clinic-the-conversation-you-put-off"


def both_widths(page, shoot, step: str) -> None:
    for name, size in (("390", PHONE), ("1440", DESKTOP)):
        page.set_viewport_size(size)
        shoot(page, f"{step}-{name}")
    page.set_viewport_size(PHONE)


def ana_emails() -> tuple[object, object]:
    """Ana's invite, then her week-before email, sent by ticks at their times.

    The demo's course ended a while ago, so its plan is catching up: each tick
    at her next send time sends one item and moves the rest, as the scheduler
    would, until the invite has gone.
    """
    session = LiveSessionPage.objects.get(slug=UPCOMING)
    invite = Delivery.objects.filter(page_id=session.pk, enrollment__learner__email=ANA)
    pending = Delivery.objects.filter(
        enrollment__learner__email=ANA, status=DeliveryStatus.PENDING
    ).order_by("due_at")
    mail.outbox = []
    for _ in range(15):
        if not invite.filter(status=DeliveryStatus.PENDING).exists():
            break
        drip_tick(now=pending.first().due_at)
    live_session_notices_plan(now=timezone.now())
    before = Notice.objects.get(kind=NoticeKind.SESSION_BEFORE, learner__email=ANA)
    drip_tick(now=before.due_at)
    mine = [m for m in mail.outbox if m.to == [ANA]]
    invite_email = next(m for m in mine if m.subject.startswith("Invitation:"))
    before_email = next(m for m in mine if m.subject.startswith("Before "))
    return invite_email, before_email


def test_a_learner_gets_the_invite_and_asks_a_question_the_facilitator_sees(
    hub, page, shoot
):
    invite, before = ana_emails()
    assert any(
        alt.mimetype.startswith("text/calendar") for alt in invite.alternatives
    ), "the invite has an inline text/calendar part"
    assert any(
        getattr(a, "get_filename", lambda: None)() == "invite.ics"
        for a in invite.attachments
    )
    assert "(America/Sao_Paulo)" in invite.body

    page.set_content(email_html(invite))
    both_widths(page, shoot, "invite-email")
    page.set_content(email_html(before))
    expect(page.get_by_role("link", name="Join the discussion")).to_be_visible()
    both_widths(page, shoot, "pre-session-email")

    # From the invite to the session page, signed in with one tap.
    page.goto(link_to(email_links(invite), "Send a question for the session"))
    page.get_by_role("button", name="Sign in as").click()
    title = invite.subject.removeprefix("Invitation: ")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".live-session__facts")).to_contain_text("(America/Sao_Paulo)")
    expect(page.locator(".live-session__facts")).to_contain_text("In your time zone.")
    both_widths(page, shoot, "session-page-before")

    page.get_by_label("About").select_option(label="SBI in practice")
    question = "How do I say it to my manager's manager without going around her?"
    page.get_by_label("Your question").fill(question)
    both_widths(page, shoot, "question-form")
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_role("status")).to_contain_text(
        "your question is with the facilitator"
    )
    expect(page.locator(".live-session__my-questions")).to_contain_text(question)

    # The session that already happened: recording, discussion, assignment.
    past = LiveSessionPage.objects.get(slug=PAST)
    page.goto(hub.at(past.url))
    expect(page.locator(".live-session__after")).to_contain_text("Practise at work")
    both_widths(page, shoot, "session-page-after")

    # The facilitator sees the question under its agenda item.
    session = LiveSessionPage.objects.get(slug=UPCOMING)
    admin = page.context.browser.new_context(viewport=DESKTOP).new_page()
    admin_sign_in(hub, admin)
    admin.goto(hub.at(f"/admin/live-sessions/{session.pk}/questions/"))
    group = admin.locator(
        "section", has=admin.get_by_role("heading", name="SBI in practice")
    )
    expect(group).to_contain_text(question)
    expect(group).to_contain_text("Ana Souza")
    both_widths(admin, shoot, "facilitator-questions")
    admin.goto(hub.at(f"/admin/live-sessions/{past.pk}/attendance/"))
    expect(admin.get_by_role("heading", name="Mark by hand")).to_be_visible()
    both_widths(admin, shoot, "attendance")
    admin.goto(hub.at("/admin/live-sessions/attendance-report/"))
    both_widths(admin, shoot, "attendance-report")
    admin.context.close()
