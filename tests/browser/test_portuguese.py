"""Ana, in the São Paulo office, reads her booster in Portuguese on her phone:
the email and, after one tap, the feedback page (P12). Screenshots at 390 px
under var/browser/."""

import datetime as dt
import re

from django.core import mail

from wagtail.models import Locale, Page, Site

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.planning.sync import cohort_plan_sync
from home.factories import HomePageFactory, TopicPageFactory
from tests.boosters.i18n_helpers import translate_page
from tests.browser.conftest import (
    NO_PLAYWRIGHT,
    STEP_TIMEOUT_MS,
    wagtail_initial_rows_ensure,
)
from tests.browser.learners import email_html, email_links

expect = pytest.importorskip("playwright.sync_api", reason=NO_PLAYWRIGHT).expect

PHONE = {"width": 390, "height": 844}
TITLE = "Descreva o comportamento, não a pessoa"


@pytest.fixture
def portuguese_email(live_server, settings):
    """A São Paulo learner's booster email, from the Portuguese translation."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    wagtail_initial_rows_ensure()
    for code in ("pt-br", "es"):
        Locale.objects.get_or_create(language_code=code)
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    topic = TopicPageFactory(
        parent=home, title="Giving feedback", slug="giving-feedback"
    )
    question = booster_with_choices(
        parent=topic,
        title="Describe the behaviour, not the person",
        correct="“You interrupted Chen twice while she explained the test plan.”",
        wrong=(
            "“You weren't being much of a team player.”",
            "“You seemed annoyed with Chen.”",
        ),
        keep_choice_order=True,
    )
    translate_page(
        question,
        "pt-br",
        title=TITLE,
        slug="descreva-o-comportamento",
        question="<p>Na reunião diária de segunda-feira, Ben interrompeu Chen duas "
        "vezes enquanto ela explicava o plano de testes. <b>Qual frase descreve "
        "o comportamento?</b></p>",
        explanation="<p>No SBI, o <b>comportamento</b> é observável: palavras e "
        "ações.</p>",
        success_looks_like="<p>Você descreve um momento recente com palavras "
        "neutras e pergunta “Como você viu essa situação?”.</p>",
        expected_results="<p>Menos discussões sobre se algo aconteceu e mais "
        "conversas sobre o que fazer da próxima vez.</p>",
        discussion_prompt="",
        choices=[
            (
                "“Você interrompeu a Chen duas vezes enquanto ela explicava o "
                "plano de testes.”",
                "<p>Isso mesmo. É o que uma câmera teria gravado.</p>",
            ),
            (
                "“Você não agiu como alguém do time.”",
                "<p>Isso é um julgamento sobre o Ben, não um comportamento.</p>",
            ),
            (
                "“Você pareceu irritado com a Chen.”",
                "<p>Isso é um palpite sobre o que ele sentia.</p>",
            ),
        ],
    )
    step = ProgramStepFactory(page=question, day_offset=0)
    cohort = CohortFactory(
        program=step.program,
        name="São Paulo office",
        time_zone="America/Sao_Paulo",
        anchor_date=dt.date(2026, 3, 4),
        language="pt-br",
    )
    EnrollmentFactory(
        cohort=cohort,
        learner=LearnerFactory(first_name="Ana", last_name="Souza"),
        enrolled_at=dt.datetime(2026, 2, 20, tzinfo=dt.UTC),
    )
    cohort_plan_sync(cohort=cohort)
    mail.outbox = []
    drip_tick(now=dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC))
    (message,) = mail.outbox
    return message


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="pt-BR")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def test_portuguese_email_and_feedback_page_on_a_phone(portuguese_email, phone, shoot):
    assert TITLE in portuguese_email.subject
    phone.set_content(email_html(portuguese_email))
    expect(phone.get_by_text("Qual frase descreve o comportamento?")).to_be_visible()
    shoot(phone, "email-390")

    href = next(
        href for text, href in email_links(portuguese_email) if "interrompeu" in text
    )
    assert re.search(r"/pt-br/email/answer/", href)
    phone.goto(href)
    expect(phone.locator("html")).to_have_attribute("lang", "pt-br")
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    shoot(phone, "question-390")

    phone.locator("form.answer-form button[type=submit]").first.click()
    expect(phone.locator(".verdict")).to_contain_text("Isso mesmo.")
    expect(phone.locator(".verdict")).to_contain_text("Você interrompeu a Chen")
    expect(phone.locator("body")).to_contain_text("Menos discussões")
    shoot(phone, "feedback-390")
