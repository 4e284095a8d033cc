"""Ravi, a line manager, taps "We talked about it" in his weekly note; Ana, on
his team, sees it on My learning; Dana, the L&D lead, sees it on the hub
dashboard. Screenshots at phone and desktop widths."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

import pytest

from boosters.drip.tokens import sign_in_token
from boosters.models import Learner, Manager, Notice, NoticeKind
from community.managers.digest import manager_digest_message
from community.models import ManagerConversation
from demo.leads import LD_LEAD_USERNAME
from demo.simulate import demo_answers_simulate
from tests.browser.conftest import NO_PLAYWRIGHT, SCREENSHOT_DIR
from tests.browser.learners import email_html, email_links

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

DANA_PASSWORD = "browser-test-dana"  # noqa: S105 — a throwaway test database
WIDTHS = {"phone": 390, "desktop": 1440}
PREFIX = "manager-conversations"


def at_widths(page, shoot, step):
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        shoot(page, f"{step}-{name}")


def element_at_widths(page, element, step):
    """Just ``element``: a whole page of My learning or the admin home would
    be too long (or scroll inside the admin's own container)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        element.screenshot(path=str(SCREENSHOT_DIR / f"{PREFIX}-{step}-{name}.png"))


def test_a_manager_records_a_talk_and_the_team_and_ld_see_it(hub, page, shoot):
    demo_answers_simulate(weeks=3)
    ravi = Manager.objects.get(email="ravi.patel@example.com")
    notice = Notice(kind=NoticeKind.MANAGER_DIGEST, manager=ravi, due_at=timezone.now())
    message = manager_digest_message(notice)

    page.set_content(email_html(message))
    at_widths(page, shoot, "digest-email")

    talked = [
        href for text, href in email_links(message) if text == "We talked about it"
    ]
    assert talked
    before = ManagerConversation.objects.count()
    page.goto(talked[0])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Did you talk")
    at_widths(page, shoot, "confirm")
    assert ManagerConversation.objects.count() == before  # opening records nothing

    page.get_by_role("button", name="Yes, we talked about it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thanks, that's recorded")
    at_widths(page, shoot, "recorded")
    assert ManagerConversation.objects.count() == before + 1

    page.get_by_role("link", name="Open your team page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What your team is learning"
    )
    at_widths(page, shoot, "team-page")

    ana = Learner.objects.get(email="ana.souza@example.com")
    token = sign_in_token(learner=ana, single_use=False)
    page.goto(hub.at(reverse("learner_sign_in_confirm", kwargs={"token": token})))
    page.get_by_role("button", name="Sign in as").click()
    page.goto(hub.at("/learn/my-learning/"))
    section = page.locator("#team-conversations")
    expect(section).to_contain_text("Your manager Ravi Patel talked about")
    at_widths(page, shoot, "my-learning")
    element_at_widths(page, section, "my-learning-section")

    dana = get_user_model().objects.get(username=LD_LEAD_USERNAME)
    dana.set_password(DANA_PASSWORD)
    dana.save()
    page.context.clear_cookies()
    page.goto(hub.at("/admin/"))
    page.get_by_label("Username").fill(dana.username)
    page.get_by_label("Password").fill(DANA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    panel = page.locator("#hub-manager-engagement-section")
    expect(panel).to_contain_text("managers talked with their team")
    expect(panel).to_contain_text("Ravi Patel")
    element_at_widths(page, panel, "dashboard-panel")
