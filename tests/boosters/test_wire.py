"""Drip emails over SMTP go as bytes merged per learner into a message
serialized once: each learner still gets exactly the email rendered for them."""

import email
import re
from dataclasses import replace
from email import policy

from django.core import signing
from django.core.mail import EmailMultiAlternatives

import pytest

from boosters.drip import emails, wire
from boosters.drip.emails import delivery_message, wire_messages
from boosters.drip.queues import DELIVERIES
from boosters.drip.signer import token_dumps
from boosters.drip.tokens import ANSWER_SALT, SIGN_IN_SALT, UNSUBSCRIBE_SALT
from boosters.drip.wire import WireMessage
from boosters.factories import EnrollmentFactory, booster_with_choices
from boosters.models import Delivery
from boosters.planning.sync import cohort_plan_sync
from boosters.questions.pages import BoosterQuestionPage
from home.factories import ArticlePageFactory, ScreencastPageFactory
from tests.boosters.test_emails import batch_of, html_of
from tests.media import sample_image, video_media

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_signing_clock")]

HEADERS = ("Subject", "From", "To", "List-Unsubscribe", "List-Unsubscribe-Post")


@pytest.fixture
def four_choices(topic):
    return booster_with_choices(
        parent=topic,
        title="An interrupting colleague",
        wrong=("Tell them they are rude", "Say nothing", "Raise it with HR"),
    )


@pytest.fixture
def article(topic):
    return ArticlePageFactory(parent=topic, title="Open with the situation")


@pytest.fixture
def screencast(topic):
    return ScreencastPageFactory(
        parent=topic,
        title="Logging a feedback note",
        video=video_media(duration=95),
        poster_image=sample_image(),
        takeaways=[("takeaway", "Log the note the same day.")],
    )


@pytest.fixture(params=["article", "screencast", "four_choices"])
def any_page(request):
    return request.getfixturevalue(request.param)


def on_the_wire(delivery) -> WireMessage:
    with wire_messages():
        message = delivery_message(delivery=delivery)
    assert isinstance(message, WireMessage)
    return message


def parsed(message: WireMessage):
    return email.message_from_bytes(message.data, policy=policy.default)


def body(parsed_message, subtype: str) -> str:
    return parsed_message.get_body((subtype,)).get_content().replace("\r\n", "\n")


def the_mime_way(message: EmailMultiAlternatives):
    data = message.message().as_bytes(linesep="\r\n")
    return email.message_from_bytes(data, policy=policy.default)


def test_each_learner_gets_the_email_rendered_for_them(any_page):
    for delivery in batch_of(any_page, 4):
        wired = on_the_wire(delivery)
        fresh = delivery_message(delivery=delivery)
        received, expected = parsed(wired), the_mime_way(fresh)

        assert body(received, "plain") == fresh.body
        assert body(received, "html") == html_of(fresh)
        for name in HEADERS:
            assert str(received[name]).strip() == str(expected[name]).strip(), name
        assert received["Message-ID"] == wired.message_id
        assert received["Date"]
        assert wired.recipients == [delivery.enrollment.learner.email]
        assert wired.options == ()
        assert all(len(line) <= 998 for line in wired.data.split(b"\r\n"))


def test_learners_get_their_own_links_and_choice_order(four_choices):
    deliveries = batch_of(four_choices, 8)
    htmls = [body(parsed(on_the_wire(d)), "html") for d in deliveries]
    orders = {
        tuple(re.findall(r'<a class="choice"[^>]*>([^<]*)</a>', html)) for html in htmls
    }
    links = [
        set(re.findall(r'href="([^"]*/(?:answer|sign-in)/[^"]*)"', h)) for h in htmls
    ]

    assert len(orders) > 1
    assert all(not (a & b) for a, b in zip(links, links[1:], strict=False))


def test_long_lines_go_quoted_printable_and_decode_the_same(any_page, monkeypatch):
    # No value fits an 8bit line: every body is encoded quoted-printable.
    monkeypatch.setattr(wire, "SLOT_LIMIT", 0)
    monkeypatch.setattr(wire, "LINE_LIMIT", 0)
    for delivery in batch_of(any_page, 2):
        wired = on_the_wire(delivery)
        fresh = delivery_message(delivery=delivery)
        received = parsed(wired)

        assert b"Content-Transfer-Encoding: quoted-printable" in wired.data
        assert all(
            len(line) <= 76
            for line in wired.data.split(b"\r\n\r\n", 1)[1].split(b"\r\n")
        )
        assert body(received, "plain") == fresh.body
        assert body(received, "html") == html_of(fresh)


def test_an_internationalised_address_goes_with_smtputf8(four_choices):
    [delivery] = batch_of(four_choices, 1)
    delivery.enrollment.learner.email = "zoë.müller@example.org"

    wired = on_the_wire(delivery)

    assert wired.options == ("SMTPUTF8",)
    assert wired.recipients == ["zoë.müller@example.org"]
    assert "To: zoë.müller@example.org\r\n".encode() in wired.data


def test_a_value_too_long_for_its_line_is_built_the_mime_way(four_choices, monkeypatch):
    # Every body fits 8bit, but no link fits its slot: the message is built
    # as before instead of going out with a line over RFC 5322's limit.
    monkeypatch.setattr(wire, "SLOT_LIMIT", 0)
    [delivery] = batch_of(four_choices, 1)

    with wire_messages():
        message = delivery_message(delivery=delivery)

    assert isinstance(message, EmailMultiAlternatives)
    assert message.body == delivery_message(delivery=delivery).body


def test_a_kind_that_finishes_its_message_is_built_the_mime_way(
    four_choices, monkeypatch
):
    kind = emails._KINDS[BoosterQuestionPage]
    finished = []
    monkeypatch.setitem(
        emails._KINDS,
        BoosterQuestionPage,
        replace(kind, finish=lambda **kwargs: finished.append(kwargs["message"])),
    )
    [delivery] = batch_of(four_choices, 1)

    with wire_messages():
        message = delivery_message(delivery=delivery)

    assert isinstance(message, EmailMultiAlternatives)
    assert finished == [message]


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    names = []
    real = emails.render_to_string
    monkeypatch.setattr(
        emails,
        "render_to_string",
        lambda name, context: names.append(name) or real(name, context),
    )
    return names


def reloaded(deliveries) -> list:
    """``deliveries`` claimed again: a new batch, with page instances of its own."""
    batch = list(
        Delivery.objects.select_related(*DELIVERIES.related).filter(
            pk__in=[d.pk for d in deliveries]
        )
    )
    DELIVERIES.prepare(batch)  # as the dispatcher loads a claimed batch
    return batch


def test_a_published_page_is_rendered_once_for_many_batches(four_choices, renders):
    four_choices.save_revision().publish()
    deliveries = batch_of(four_choices, 6)
    renders.clear()
    for start in range(0, 6, 2):  # three batches in one cohort
        for delivery in reloaded(deliveries[start : start + 2]):
            on_the_wire(delivery)
    assert len(renders) == 2  # text and HTML, once

    four_choices.title = "A colleague who interrupts"
    four_choices.save_revision().publish()
    [delivery] = reloaded(deliveries[:1])

    assert "A colleague who interrupts" in str(parsed(on_the_wire(delivery))["Subject"])
    assert len(renders) == 4


@pytest.mark.parametrize("salt", [ANSWER_SALT, SIGN_IN_SALT, UNSUBSCRIBE_SALT])
@pytest.mark.parametrize(
    "payload",
    [{"d": 12, "c": 345}, {"l": 7, "r": 1}, {"l": 9, "s": "2026-03-02T09:00"}],
)
def test_fast_tokens_are_djangos_tokens(salt, payload, settings):
    assert token_dumps(payload, salt=salt) == signing.dumps(
        payload, salt=salt, compress=False
    )
    settings.SECRET_KEY = "a-rotated-key"
    token = token_dumps(payload, salt=salt)
    assert token == signing.dumps(payload, salt=salt, compress=False)
    assert signing.loads(token, salt=salt) == payload


def test_a_check_in_goes_as_bytes_with_each_learners_answer_links(topic):
    from tests.boosters.checkins import check_in_cohort, check_in_page

    page = check_in_page(topic)
    cohort = check_in_cohort(page, learners=2)
    deliveries = reloaded(list(Delivery.objects.filter(enrollment__cohort=cohort)))
    links = []
    for delivery in deliveries:
        wired = on_the_wire(delivery)
        fresh = delivery_message(delivery=delivery)
        received = parsed(wired)

        assert body(received, "plain") == fresh.body
        assert body(received, "html") == html_of(fresh)
        links.append(set(re.findall(r'href="([^"]*/check-in/[^"]*)"', html_of(fresh))))
    assert all(links) and not (links[0] & links[1])


def test_a_portuguese_learner_gets_the_portuguese_email_as_bytes(topic):
    from tests.boosters.test_i18n import ENROLLED, cohort_for, portuguese

    question = booster_with_choices(parent=topic, title="Naming the behaviour")
    portuguese(question)
    cohort = cohort_for(question, language="pt-br")
    for _ in range(3):
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    deliveries = reloaded(list(Delivery.objects.filter(enrollment__cohort=cohort)))

    assert len(deliveries) == 3
    for delivery in deliveries:
        wired = on_the_wire(delivery)
        fresh = delivery_message(delivery=delivery)
        received, expected = parsed(wired), the_mime_way(fresh)

        assert str(received["Subject"]) == "Pergunta rápida: Nomeando o comportamento"
        assert body(received, "plain") == fresh.body
        assert body(received, "html") == html_of(fresh)
        for name in HEADERS:
            assert str(received[name]).strip() == str(expected[name]).strip(), name
        assert "/pt-br/email/unsubscribe/" in str(received["List-Unsubscribe"])
        assert "/pt-br/email/answer/" in body(received, "html")
