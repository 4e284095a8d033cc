"""Answering a check-in from its email: scanners record nothing, one tap
records the first answer, and "I tried it" offers a story with a consent
choice."""

import re
from urllib.parse import urlsplit

from django.core import signing
from django.test import Client

import pytest

from boosters.drip.tokens import CHECKIN_SALT, checkin_token
from boosters.factories import LearnerFactory
from boosters.models import CheckInAnswer, Delivery, QuestionState, StoryConsent
from tests.boosters.checkins import (
    answer_links,
    check_in_cohort,
    check_in_page,
    send_due,
)

pytestmark = pytest.mark.django_db

CHECKED = re.compile(r'value="(\w+)"[^>]*checked')


@pytest.fixture
def page(topic):
    return check_in_page(topic, story_prompt="What did your colleague say?")


@pytest.fixture
def email(page):
    check_in_cohort(page)
    (message,) = send_due()
    return message


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def csrf(browser, response) -> str:
    return browser.cookies["csrftoken"].value


def confirm(browser, link, outcome=None):
    """Open ``link`` and tap "Confirm" (with the selected answer, or ``outcome``)."""
    page = browser.get(link)
    selected = CHECKED.search(page.content.decode()).group(1)
    return browser.post(
        link,
        {"outcome": outcome or selected, "csrfmiddlewaretoken": csrf(browser, page)},
    )


def story_form_url(html: str) -> str:
    return re.search(r'action="([^"]+/story/)"', html).group(1)


def tell(browser, link, **data):
    html = browser.get(link).content.decode()
    return browser.post(
        story_form_url(html), {**data, "csrfmiddlewaretoken": csrf(browser, None)}
    )


def test_a_scanner_opening_every_link_records_nothing(client, email):
    for path in answer_links(email).values():
        assert client.head(path).status_code == 200
        response = client.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'http-equiv="refresh"' not in html
        assert ".submit(" not in html and "requestSubmit" not in html

    assert CheckInAnswer.objects.count() == 0


def test_opening_a_link_shows_the_tapped_answer_selected(client, email):
    for text, path in answer_links(email).items():
        html = client.get(path).content.decode()
        assert "Have you tried naming the situation first at work?" in html
        outcome = CHECKED.search(html).group(1)
        assert {
            "Yes, I tried it": "tried",
            "Not yet": "not_yet",
            "It doesn't apply to my job": "not_applicable",
        }[text] == outcome


def test_answer_pages_are_never_stored_by_a_browser_or_proxy(client, email):
    response = client.get(answer_links(email)["Not yet"])

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_one_tap_records_the_answer_and_offers_the_story_form(browser, email):
    link = answer_links(email)["Yes, I tried it"]

    response = confirm(browser, link)

    assert response.status_code == 302
    answer = CheckInAnswer.objects.get()
    assert answer.outcome == "tried"
    assert answer.delivery == Delivery.objects.get()
    html = browser.get(link).content.decode()
    assert "Your answer: <strong>Yes, I tried it</strong>" in html
    assert "What did your colleague say?" in html
    for label in ("Keep it private", "Share it with my cohort", "L&amp;D may use it"):
        assert label in html
    # No consent is chosen for the learner.
    assert "checked" not in html


def test_the_first_answer_counts(browser, email):
    links = answer_links(email)
    # A second device had the check-in open before the first answer went in.
    again = Client(enforce_csrf_checks=True)
    stale = again.get(links["Yes, I tried it"])
    confirm(browser, links["Not yet"])

    response = again.post(
        links["Yes, I tried it"],
        {"outcome": "tried", "csrfmiddlewaretoken": csrf(again, stale)},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "already answered" in html
    assert "<strong>Not yet</strong>" in html
    assert CheckInAnswer.objects.get().outcome == "not_yet"


def test_not_yet_offers_no_story_form(browser, email):
    link = answer_links(email)["Not yet"]
    confirm(browser, link)

    html = browser.get(link).content.decode()

    assert "/story/" not in html
    assert "a small try counts" in html


def test_a_story_is_saved_with_the_consent_chosen(browser, email):
    link = answer_links(email)["Yes, I tried it"]
    confirm(browser, link)

    response = tell(
        browser,
        link,
        story="I described the meeting first.\r\nShe listened.",
        consent="cohort",
    )

    assert response.status_code == 302
    answer = CheckInAnswer.objects.get()
    assert answer.story == "I described the meeting first.\nShe listened."
    assert answer.story_consent == StoryConsent.COHORT
    assert answer.story_at is not None
    html = browser.get(link).content.decode()
    assert "Shared with your cohort" in html
    assert "/story/" not in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"story": "It went well.", "consent": ""}, "Choose who may read your story."),
        ({"story": "It went well."}, "Choose who may read your story."),
        ({"story": "   ", "consent": "private"}, "Write a few words"),
        ({"story": "It went well.", "consent": "everyone"}, "Select a valid choice"),
        ({"story": "Bad\x00byte", "consent": "private"}, "NUL character"),
        ({"story": "Bell\x07here", "consent": "private"}, "control character"),
        ({"story": "x" * 2001, "consent": "private"}, "at most 2000"),
    ],
)
def test_a_story_needs_words_and_an_explicit_consent(browser, email, data, message):
    link = answer_links(email)["Yes, I tried it"]
    confirm(browser, link)

    response = tell(browser, link, **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert CheckInAnswer.objects.get().story_at is None


def test_the_first_story_counts(browser, email):
    link = answer_links(email)["Yes, I tried it"]
    confirm(browser, link)
    html = browser.get(link).content.decode()
    url = story_form_url(html)
    token = csrf(browser, None)
    browser.post(
        url, {"story": "First", "consent": "private", "csrfmiddlewaretoken": token}
    )

    browser.post(
        url, {"story": "Second", "consent": "content", "csrfmiddlewaretoken": token}
    )

    answer = CheckInAnswer.objects.get()
    assert (answer.story, answer.story_consent) == ("First", "private")


def test_a_story_for_an_answer_not_yet_given_records_nothing(client, email):
    link = answer_links(email)["Yes, I tried it"]

    response = client.post(link + "story/", {"story": "Hi", "consent": "private"})

    assert response.status_code == 302
    assert CheckInAnswer.objects.count() == 0


def test_a_tampered_link_gets_a_friendly_page(client, email):
    link = answer_links(email)["Not yet"]
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    response = client.get(tampered)

    assert response.status_code == 400
    assert "isn't valid" in response.content.decode()
    assert client.post(tampered, {"outcome": "tried"}).status_code == 400
    assert CheckInAnswer.objects.count() == 0


def test_an_answer_token_is_not_a_check_in_token(client, email):
    token = signing.dumps({"d": Delivery.objects.get().pk}, salt="boosters.answer")

    response = client.get(f"/email/check-in/{token}/")

    assert response.status_code == 400


def test_an_expired_link_says_so(client, email, settings):
    import datetime as dt

    settings.HUB_ANSWER_LINK_MAX_AGE = dt.timedelta(seconds=-1)

    response = client.get(answer_links(email)["Not yet"])

    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_another_learner_signed_in_cannot_answer(client, email, sign_in):
    sign_in(client, LearnerFactory())

    response = client.post(answer_links(email)["Not yet"], {"outcome": "not_yet"})

    assert response.status_code == 400
    assert "sent to someone else" in response.content.decode()
    assert CheckInAnswer.objects.count() == 0


def test_answering_a_check_in_touches_no_question_spacing(browser, email):
    confirm(browser, answer_links(email)["Yes, I tried it"])

    assert QuestionState.objects.count() == 0
    assert Delivery.objects.get().missed_at is None


def test_a_token_for_an_unknown_outcome_is_refused(client, email):
    token = signing.dumps(
        {"d": Delivery.objects.get().pk, "o": "maybe"}, salt=CHECKIN_SALT
    )

    assert client.get(f"/email/check-in/{token}/").status_code == 400


def test_the_check_in_web_page_offers_a_signed_in_learner_their_answers(
    client, email, page, sign_in
):
    learner = Delivery.objects.get().enrollment.learner
    sign_in(client, learner)

    html = client.get(page.url).content.decode()
    assert "Have you tried naming the situation first at work?" in html
    links = re.findall(r'href="[^"]*(/email/check-in/[^"]+)"', html)
    assert len(links) == 3
    assert CheckInAnswer.objects.count() == 0

    confirm(client, links[0], outcome="tried")
    html = client.get(page.url).content.decode()
    assert "<strong>Yes, I tried it</strong>" in html
    assert "Tell us how it went" in html


def test_the_check_in_web_page_for_a_visitor_invites_signing_in(client, email, page):
    html = client.get(page.url).content.decode()

    assert "Sign in to answer it here" in html
    assert "/email/check-in/" not in html


def test_check_in_token_for_a_missing_delivery_says_it_is_gone(client, email):
    token = checkin_token(outcome="tried", delivery_id=999_999)

    response = client.get(f"/email/check-in/{token}/")

    assert response.status_code == 410
    assert urlsplit(response.request["PATH_INFO"]).path.startswith("/email/")
