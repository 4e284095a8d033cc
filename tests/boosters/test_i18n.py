"""A Portuguese learner reads their boosters in Portuguese (P12): the email
from the translated page, its links to /pt-br/ pages, the feedback page in
Portuguese; a missing translation falls back to English; the plan doesn't
depend on anyone's language."""

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.learners.languages import (
    language_parse,
    learner_language,
    manager_language,
)
from boosters.models import Answer, Delivery, Manager
from boosters.planning.sync import cohort_plan_sync
from tests.boosters.i18n_helpers import translate_page

pytestmark = pytest.mark.django_db

ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
DUE = dt.datetime(2026, 3, 4, 14, 0, tzinfo=dt.UTC)
PT_CHOICES = [
    ("Descrever a reunião", "<p>Isso: um fato concreto abre a conversa.</p>"),
    ("Dizer que são grosseiros", "<p>Um rótulo deixa a pessoa na defensiva.</p>"),
    ("Não dizer nada", "<p>O silêncio deixa o hábito continuar.</p>"),
]


@pytest.fixture
def question(topic):
    return booster_with_choices(parent=topic, title="Naming the behaviour")


def portuguese(question, **kwargs):
    return translate_page(
        question,
        "pt-br",
        title="Nomeando o comportamento",
        slug="nomeando-o-comportamento",
        question="<p>Um colega interrompe nas reuniões. O que você diz primeiro?</p>",
        explanation="<p>Citar uma situação concreta mantém o foco no comportamento.</p>",
        choices=PT_CHOICES,
        **kwargs,
    )


def cohort_for(question, *, language="en", **kwargs):
    step = ProgramStepFactory(page=question, day_offset=0)
    return CohortFactory(
        program=step.program,
        anchor_date=dt.date(2026, 3, 4),
        name="São Paulo 2026",
        language=language,
        **kwargs,
    )


def send(cohort, **learner):
    enrollment = EnrollmentFactory(
        cohort=cohort, enrolled_at=ENROLLED, learner=LearnerFactory(**learner)
    )
    cohort_plan_sync(cohort=cohort)
    mail.outbox = []
    drip_tick(now=DUE)
    (message,) = [m for m in mail.outbox if enrollment.learner.email in m.to]
    return message


def html_of(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def choice_links(message) -> dict[str, str]:
    anchors = re.findall(r"<a([^>]*)>([^<]+)</a>", html_of(message))
    links = {}
    for attributes, text in anchors:
        href = re.search(r'href="([^"]+/email/answer/[^"]+)"', attributes)
        if href:
            links[unescape(text).strip()] = urlsplit(unescape(href.group(1))).path
    return links


def answer(link: str):
    """Open a choice link and confirm the selected choice, as a learner does."""
    browser = Client()
    page = browser.get(link)
    checked = re.search(r'value="(\d+)"[^>]*checked', page.content.decode())
    return page, browser.post(link, {"choice": checked.group(1)}, follow=True)


def test_a_portuguese_learner_gets_the_booster_email_in_portuguese(question):
    portuguese(question)
    message = send(cohort_for(question, language="pt-br"))

    assert message.subject == "Pergunta rápida: Nomeando o comportamento"
    assert "Um colega interrompe nas reuniões" in message.body
    assert set(choice_links(message)) == {text for text, _ in PT_CHOICES}
    assert "Describe the meeting" not in message.body
    # Every link opens a Portuguese page.
    for path in choice_links(message).values():
        assert path.startswith("/pt-br/email/answer/")
    assert "/pt-br/email/unsubscribe/" in message.body
    assert "/pt-br/learn/sign-in/" in message.body


def test_a_portuguese_learner_answers_and_gets_portuguese_feedback(question):
    portuguese(question)
    message = send(cohort_for(question, language="pt-br"))

    question_page, feedback = answer(choice_links(message)["Não dizer nada"])

    html = question_page.content.decode()
    assert 'lang="pt-br"' in html
    assert "Um colega interrompe nas reuniões" in html
    text = feedback.content.decode()
    assert feedback.status_code == 200
    assert "<h1>Nomeando o comportamento</h1>" in text
    assert "O silêncio deixa o hábito continuar." in text
    assert "Citar uma situação concreta" in text
    assert "Descrever a reunião" in text  # the best choice, in Portuguese
    # Recorded against the program's own (English) choice, in Portuguese.
    (recorded,) = Answer.objects.all()
    assert recorded.choice.page_id == question.pk
    assert recorded.choice_text == "Say nothing"
    assert recorded.is_correct is False
    assert recorded.language == "pt-br"


def test_a_missing_translation_falls_back_to_english(question):
    message = send(cohort_for(question, language="pt-br"))

    assert "Naming the behaviour" in message.subject
    assert set(choice_links(message)) == {
        "Describe the meeting",
        "Tell them they are rude",
        "Say nothing",
    }
    _, feedback = answer(choice_links(message)["Describe the meeting"])
    assert "Describe the meeting" in feedback.content.decode()
    assert Answer.objects.get().language == "en"


def test_a_draft_translation_falls_back_to_english(question):
    portuguese(question, publish=False)
    message = send(cohort_for(question, language="pt-br"))
    assert "Naming the behaviour" in message.subject
    assert "Say nothing" in choice_links(message)


def test_an_english_learner_in_a_portuguese_cohort_reads_english(question):
    portuguese(question)
    message = send(cohort_for(question, language="pt-br"), language="en")
    assert "Naming the behaviour" in message.subject
    assert all(
        path.startswith("/email/answer/") for path in choice_links(message).values()
    )


def test_a_portuguese_learner_in_an_english_cohort_reads_portuguese(question):
    portuguese(question)
    message = send(cohort_for(question), language="pt-br")
    assert "Nomeando o comportamento" in message.subject


def test_a_mixed_batch_costs_the_same_queries_whatever_its_size(
    question, django_assert_max_num_queries
):
    portuguese(question)

    def tick(cohort, count):
        for index in range(count):
            EnrollmentFactory(
                cohort=cohort,
                enrolled_at=ENROLLED,
                learner=LearnerFactory(language=["en", "pt-br", "es"][index % 3]),
            )
        cohort_plan_sync(cohort=cohort)
        mail.outbox = []
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            drip_tick(now=DUE, batch_size=50)
        return len(queries), len(mail.outbox)

    small, sent_small = tick(cohort_for(question, slug="sp-a"), 3)
    Delivery.objects.all().delete()
    large, sent_large = tick(cohort_for(question, slug="sp-b"), 30)
    assert (sent_small, sent_large) == (3, 30)
    assert large <= small


def plan_of(cohort):
    return sorted(
        (d.enrollment.learner.email, d.page_id, d.due_at, d.showing)
        for d in Delivery.objects.filter(enrollment__cohort=cohort).select_related(
            "enrollment__learner"
        )
    )


@pytest.mark.parametrize(
    "cohort_language,learner_languages",
    [("pt-br", ["", "", ""]), ("es", ["en", "pt-br", ""]), ("en", ["es", "es", "en"])],
)
def test_the_plan_is_the_same_whatever_the_languages(
    question, topic, cohort_language, learner_languages
):
    portuguese(question)
    second = booster_with_choices(parent=topic, title="Asking first")

    def planned(language, languages, slug):
        cohort = cohort_for(question, language=language, slug=slug)
        ProgramStepFactory(program=cohort.program, page=second, day_offset=3)
        for index, code in enumerate(languages):
            EnrollmentFactory(
                cohort=cohort,
                enrolled_at=ENROLLED,
                learner=LearnerFactory(
                    email=f"{slug}-{index}@example.com", language=code
                ),
            )
        cohort_plan_sync(cohort=cohort)
        return [
            (email.split("-", 1)[1], page, due, showing)
            for email, page, due, showing in plan_of(cohort)
        ]

    english = planned("en", ["", "", ""], "english")
    other = planned(cohort_language, learner_languages, "other")
    assert other == english
    assert len(english) == 6


@pytest.mark.parametrize(
    "value,code",
    [
        ("pt-BR", "pt-br"),
        ("pt_br", "pt-br"),
        ("Português", "pt-br"),
        ("portuguese", "pt-br"),
        ("Português (Brasil)", "pt-br"),
        ("es", "es"),
        ("Español", "es"),
        ("es-MX", "es"),
        ("English", "en"),
        ("", ""),
        ("français", None),
        ("xx", None),
    ],
)
def test_language_names_and_codes_are_understood(value, code):
    assert language_parse(value) == code


def test_a_learner_reads_their_own_language_else_their_cohorts():
    cohort = CohortFactory(language="pt-br")
    own = EnrollmentFactory(cohort=cohort, learner=LearnerFactory(language="es"))
    default = EnrollmentFactory(cohort=cohort, learner=LearnerFactory(language=""))
    assert learner_language(learner=own.learner) == "es"
    assert learner_language(learner=default.learner) == "pt-br"
    assert learner_language(learner=default.learner, cohort=CohortFactory()) == "en"
    assert learner_language(learner=LearnerFactory()) == "en"


def test_a_manager_reads_their_own_language_else_most_of_their_teams():
    cohort = CohortFactory(language="pt-br")
    for language in ("", "", "es"):
        EnrollmentFactory(
            cohort=cohort,
            learner=LearnerFactory(manager_email="ravi@example.com", language=language),
        )
    ravi = Manager.objects.create(email="Ravi@example.com")
    assert manager_language(manager=ravi) == "pt-br"
    ravi.language = "en"
    assert manager_language(manager=ravi) == "en"
    assert manager_language(manager=Manager(email="nobody@example.com")) == "en"


def test_answering_on_the_portuguese_web_page_records_the_delivery(
    question, client, sign_in
):
    pt = portuguese(question)
    send(cohort_for(question, language="pt-br"), email="ana@example.com")
    from boosters.models import Learner

    sign_in(client, Learner.objects.get(email="ana@example.com"))
    picked = pt.choices.get(text="Não dizer nada")

    response = client.post(pt.url, {"choice": picked.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "O silêncio deixa o hábito continuar." in html
    recorded = Answer.objects.get()
    assert recorded.choice.page_id == question.pk
    assert recorded.choice_text == "Say nothing"
    assert (recorded.channel, recorded.language) == ("web", "pt-br")


def test_the_unsubscribe_page_follows_the_links_language(question, client):
    portuguese(question)
    message = send(cohort_for(question, language="pt-br"))
    url = re.search(r"https?://\S+/pt-br/email/unsubscribe/\S+/", message.body).group(0)

    page = client.get(urlsplit(url).path)

    assert page.status_code == 200
    assert 'lang="pt-br"' in page.content.decode()
    from boosters.models import Learner, SubscriptionStatus

    assert Learner.objects.get().subscription == SubscriptionStatus.SUBSCRIBED
