"""An editor, in the Wagtail admin: writes a booster question, publishes it,
puts it in a program and finds it in a cohort's plan."""

import re

from django.utils.html import strip_tags

from wagtail.models import Page

import pytest

from boosters.models import Cohort, Program
from boosters.questions.pages import BoosterQuestionPage
from tests.browser.conftest import NO_PLAYWRIGHT

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

TITLE = "Naming the impact"
QUESTION = (
    "Sam missed the handover notes twice this week. Which opening names the impact?"
)
CHOICES = [
    (
        "“Without the notes, the night team redid two hours of checks.”",
        True,
        "Right: it says what happened because of the missing notes.",
    ),
    (
        "“You're careless with handovers.”",
        False,
        "That judges Sam instead of describing an effect Sam can check.",
    ),
    (
        "“Everyone's noticed the notes are missing.”",
        False,
        "Vague and a little threatening: it names no effect at all.",
    ),
]
EXPLANATION = "An impact is an effect Sam can see for themselves."
SUCCESS = "You name one concrete effect, then ask for their view."
RESULTS = "Fewer defensive replies, and handovers that get fixed."
DAY_OFFSET = "30"  # after every demo cohort's today: a step still to come


def draftail_type(page, wrapper_id: str, text: str) -> None:
    """Click into the Draftail editor of a field, as an editor would, and type.

    Draftail writes to the form's hidden input a moment later; waiting for it
    keeps a quick "Publish" from sending the field empty.
    """
    editor = page.locator(f"#{wrapper_id} [role=textbox][contenteditable=true]")
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    expect(page.locator(f"#{wrapper_id} input[data-draftail-input]")).to_have_value(
        re.compile(re.escape(text[-20:]))
    )


def field_errors(page) -> dict[str, str]:
    """The admin form's field errors, by the error block's id."""
    return page.locator(".w-field__errors").evaluate_all(
        "blocks => Object.fromEntries(blocks"
        ".filter(b => b.innerText.trim()).map(b => [b.id, b.innerText.trim()]))"
    )


def admin_sign_in(hub, page) -> None:
    page.goto(hub.at("/admin/"))
    page.get_by_label("Username").fill(hub.admin_username)
    page.get_by_label("Password").fill(hub.admin_password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(hub.at("/admin/"))


def test_editor_creates_publishes_and_plans_a_booster(hub, page, shoot):
    # The English topic, not its Portuguese alias (demo.languages).
    topic = Page.objects.get(slug="giving-feedback", locale__language_code="en")
    program = Program.objects.get(slug="feedback-boosters")
    cohort = Cohort.objects.get(slug="london")

    admin_sign_in(hub, page)
    shoot(page, "dashboard")

    # Add a booster question in the "Giving feedback" topic.
    page.goto(hub.at(f"/admin/pages/{topic.pk}/"))
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name=re.compile("^Booster question")).click()
    page.locator("#id_title").fill(TITLE)
    draftail_type(page, "panel-child-content-child-question-wrapper", QUESTION)
    add_choice = page.get_by_role("button", name="Add choice")
    for index, (text, correct, feedback) in enumerate(CHOICES):
        add_choice.click()
        page.locator(f"#id_choices-{index}-text").fill(text)
        if correct:
            page.locator(f"#id_choices-{index}-is_correct").check()
        draftail_type(
            page,
            f"panel-child-content-child-choices-{index}-child-feedback-wrapper",
            feedback,
        )
    for field, text in [
        ("explanation", EXPLANATION),
        ("success_looks_like", SUCCESS),
        ("expected_results", RESULTS),
    ]:
        draftail_type(
            page,
            f"panel-child-content-child-feedback_for_everyone-child-{field}-wrapper",
            text,
        )
    shoot(page, "booster-written")

    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish", exact=True).click()
    assert field_errors(page) == {}
    # "… has been published", or "… created and published" where no workflow
    # is in the way: either way, published.
    expect(page.locator(".messages")).to_contain_text(
        re.compile(f"'{TITLE}' (has been|created and) published")
    )
    shoot(page, "booster-published")

    booster = BoosterQuestionPage.objects.get(title=TITLE)
    assert booster.live
    assert booster.get_parent().pk == topic.pk
    assert [
        (c.text, c.is_correct, strip_tags(c.feedback))
        for c in booster.choices.order_by("sort_order")
    ] == CHOICES

    # Boosters → Programs → the program: a new step with the page chooser.
    page.goto(hub.at("/admin/boosters/program/"))
    page.get_by_role("link", name=program.name).first.click()
    page.get_by_role("button", name="Add step").click()
    step = program.steps.count()
    step_panel = page.locator(f"#inline_child_steps-{step}-panel-content")
    step_panel.get_by_role("button", name="Choose a page").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("textbox", name="Search term").fill(TITLE)
    chooser.get_by_role("link", name=TITLE).click()
    expect(chooser).to_be_hidden()
    expect(step_panel).to_contain_text(TITLE)
    step_panel.locator(f"#id_steps-{step}-day_offset").fill(DAY_OFFSET)
    step_panel.scroll_into_view_if_needed()
    shoot(page, "step-added")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Plan updated")
    shoot(page, "program-saved")

    assert program.steps.filter(page=booster, day_offset=int(DAY_OFFSET)).exists()

    # The cohort's whole plan has the new question, for every learner.
    page.goto(hub.at(f"/admin/boosters/cohort/inspect/{cohort.pk}/?days=all"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(cohort.name)
    planned = page.get_by_role("row").filter(has_text=TITLE)
    expect(planned).to_have_count(1)
    expect(planned).to_contain_text(f"step of day {DAY_OFFSET}")
    expect(planned.get_by_role("link")).to_contain_text(
        f"{cohort.enrollments.count()} learners"
    )
    planned.scroll_into_view_if_needed()
    shoot(page, "cohort-plan")
