"""Answering from the email: scanners record nothing, one tap records one answer.

These tests send a real booster email through the drip tick and use the links
in it, as a mail scanner and as a learner would.
"""

import datetime as dt
import re
import threading
import time
from html import unescape
from urllib.parse import urlsplit

from django.core import mail, signing
from django.db import connection
from django.test import Client

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.drip.tokens import answer_token, unsubscribe_token
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.learners.sign_in import LEARNER_SESSION_KEY
from boosters.models import (
    Answer,
    AnswerChannel,
    Delivery,
    DeliveryStatus,
    QuestionState,
)
from boosters.planning.sync import cohort_plan_sync
from boosters.questions.answers import answer_record

pytestmark = pytest.mark.django_db

ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
DUE = dt.datetime(2026, 3, 4, 14, 0, tzinfo=dt.UTC)
HREF = re.compile(r'(?:href|src)="([^"]+)"')


@pytest.fixture
def question(topic):
    return booster_with_choices(parent=topic, title="Naming the behaviour")


@pytest.fixture
def cohort(question):
    step = ProgramStepFactory(page=question, day_offset=0)
    return CohortFactory(
        program=step.program, anchor_date=dt.date(2026, 3, 4), name="New York spring"
    )


@pytest.fixture
def email(cohort):
    """The booster email one learner of the cohort received."""
    EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    mail.outbox = []
    drip_tick(now=DUE)
    (message,) = mail.outbox
    return message


def html_of(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def links_in(html: str) -> list[str]:
    return [unescape(url) for url in HREF.findall(html)]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def choice_links(message) -> dict[str, str]:
    """Choice text → the path of its answer link, read from the email's HTML."""
    anchors = re.findall(r"<a([^>]*)>([^<]+)</a>", html_of(message))
    links = {}
    for attributes, text in anchors:
        href = re.search(r'href="([^"]+/email/answer/[^"]+)"', attributes)
        if href:
            links[unescape(text).strip()] = path_of(unescape(href.group(1)))
    return links


def local_links(urls) -> list[str]:
    return [path_of(u) for u in urls if u.startswith(("http://localhost", "/"))]


def test_scanner_fetching_every_link_records_no_answer(email, client):
    urls = set(links_in(html_of(email)))
    urls |= set(re.findall(r"https?://\S+", email.body))
    assert any("/email/answer/" in url for url in urls)

    pages = []
    for path in local_links(urls):
        assert client.head(path).status_code < 500
        response = client.get(path)
        assert response.status_code < 500
        if "text/html" in response.get("Content-Type", ""):
            pages.append(response.content.decode())
    # Nothing on the pages can answer by itself when a scanner runs them.
    for html in pages:
        assert 'http-equiv="refresh"' not in html
        assert ".submit(" not in html and "requestSubmit" not in html
    # A scanner that renders the page also fetches everything the page refers to.
    for html in pages:
        for path in local_links(links_in(html)):
            assert client.get(path).status_code < 500

    assert Answer.objects.count() == 0
    assert QuestionState.objects.count() == 0
    assert Delivery.objects.get().answer_due_by is not None


def test_click_shows_the_choice_selected_and_one_tap_records_it(email):
    browser = Client(enforce_csrf_checks=True)
    link = choice_links(email)["Say nothing"]

    page = browser.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    checked = re.search(r'value="(\d+)"[^>]*checked', html)
    assert checked, "the tapped choice is selected"
    assert Answer.objects.count() == 0

    response = browser.post(
        link,
        {
            "choice": checked.group(1),
            "csrfmiddlewaretoken": page.cookies["csrftoken"].value,
        },
        follow=True,
    )
    assert response.status_code == 200
    feedback = response.content.decode()
    assert "Not quite." in feedback
    assert "You chose: <strong>Say nothing</strong>" in feedback
    # The only answer so far: the cohort's shares wait for five people.
    assert "Your cohort's answers appear once 5 people have answered." in feedback
    (recorded,) = Answer.objects.all()
    assert recorded.choice_text == "Say nothing"
    assert recorded.channel == AnswerChannel.EMAIL


def assert_never_stored(response) -> None:
    cache_control = {v.strip() for v in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control, response["Cache-Control"]


def test_question_feedback_and_problem_pages_are_never_stored(email, client):
    link = choice_links(email)["Say nothing"]
    question = client.get(link)
    choice_id = re.search(r'value="(\d+)"[^>]*checked', question.content.decode())
    recorded = client.post(link, {"choice": choice_id.group(1)})
    feedback = client.get(link)
    problem = client.get(link.rstrip("/") + "x/")
    fresh_link = client.post(link + "fresh-link/")

    assert "Not quite." in feedback.content.decode()
    assert problem.status_code == 400
    assert fresh_link.status_code == 200
    for response in (question, client.head(link), recorded, feedback, problem):
        assert_never_stored(response)
    assert_never_stored(fresh_link)


def test_later_visits_show_the_recorded_answer_and_a_second_cannot_replace_it(
    email, client
):
    links = choice_links(email)
    wrong, right = links["Tell them they are rude"], links["Describe the meeting"]
    choice_id = re.search(
        r'value="(\d+)"[^>]*checked', client.get(wrong).content.decode()
    )
    client.post(wrong, {"choice": choice_id.group(1)})

    revisit = client.get(right)  # the other choice's link, days later
    assert (
        "You chose: <strong>Tell them they are rude</strong>"
        in revisit.content.decode()
    )
    right_id = Delivery.objects.get(showing=1).page.specific.correct_choice.pk
    again = client.post(right, {"choice": right_id})
    text = again.content.decode()
    assert "Your first answer is the one that counts" in text
    assert "You chose: <strong>Tell them they are rude</strong>" in text
    assert Answer.objects.get().is_correct is False


def test_posting_no_choice_asks_for_one_and_records_nothing(email, client):
    link = next(iter(choice_links(email).values()))
    response = client.post(link, {"choice": "not-a-number"})
    assert response.status_code == 400
    assert "Pick one of the choices" in response.content.decode()
    assert Answer.objects.count() == 0


def test_tampered_link_gets_a_clear_400(email, client):
    link = next(iter(choice_links(email).values()))
    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = link.replace(
        token, token[:-3] + ("xyz" if token[-3:] != "xyz" else "abc")
    )
    response = client.get(tampered)
    assert response.status_code == 400
    assert "isn't valid" in response.content.decode()
    assert client.post(tampered, {"choice": 1}).status_code == 400
    assert Answer.objects.count() == 0


def test_unsubscribe_token_is_not_an_answer_token(email, client):
    learner = Delivery.objects.get().enrollment.learner
    response = client.get(f"/email/answer/{unsubscribe_token(learner=learner)}/")
    assert response.status_code == 400


def test_expired_link_gets_a_410_that_offers_a_fresh_link(email, client, monkeypatch):
    link = next(iter(choice_links(email).values()))
    later = time.time() + 31 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.get(link)
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert client.post(link, {"choice": 1}).status_code == 410

    mail.outbox = []
    fresh = client.post(link + "fresh-link/")
    assert fresh.status_code == 200
    assert "Check your email" in fresh.content.decode()
    (sign_in,) = mail.outbox
    assert sign_in.to == [Delivery.objects.get().enrollment.learner.email]
    assert Answer.objects.count() == 0


def test_expiry_is_configurable(email, client, settings):
    settings.HUB_ANSWER_LINK_MAX_AGE = dt.timedelta(seconds=-1)
    link = next(iter(choice_links(email).values()))
    assert client.get(link).status_code == 410


def test_links_survive_a_key_rotation_through_fallbacks(email, client, settings):
    link = next(iter(choice_links(email).values()))
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-brand-new-key"
    assert client.get(link).status_code == 400  # not without the fallback
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert client.get(link).status_code == 200


def test_a_link_for_another_learners_question_records_nothing_for_the_signed_in_one(
    email, client
):
    session = client.session
    session[LEARNER_SESSION_KEY] = LearnerFactory().pk  # signed in as someone else
    session.save()

    link = next(iter(choice_links(email).values()))
    response = client.get(link)
    assert response.status_code == 400
    assert "sent to someone else" in response.content.decode()
    choice = Delivery.objects.get().page.specific.correct_choice
    assert client.post(link, {"choice": choice.pk}).status_code == 400
    assert Answer.objects.count() == 0


def test_a_question_taken_down_gets_a_410(email, client):
    link = next(iter(choice_links(email).values()))
    Delivery.objects.get().page.specific.unpublish()
    response = client.get(link)
    assert response.status_code == 410
    assert "no longer available" in response.content.decode()


def test_a_deleted_delivery_gets_a_410(email, client):
    link = next(iter(choice_links(email).values()))
    Delivery.objects.all().delete()
    assert client.get(link).status_code == 410


def test_a_question_never_sent_cannot_be_answered_by_link(cohort, client):
    EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    link = f"/email/answer/{answer_token(delivery_id=delivery.pk)}/"
    assert client.get(link).status_code == 410
    choice = delivery.page.specific.correct_choice
    assert client.post(link, {"choice": choice.pk}).status_code == 410
    assert Answer.objects.count() == 0


def test_a_removed_choice_asks_the_learner_to_pick_again(email, client):
    links = choice_links(email)
    Delivery.objects.get().page.specific.choices.get(text="Say nothing").delete()
    response = client.get(links["Say nothing"])
    assert response.status_code == 200
    assert "Pick again below" in response.content.decode()


FOUR_CHOICES = ("Describe the meeting", "Tell them off", "Say nothing", "Ask HR")


@pytest.fixture
def four_choice_emails(topic):
    """The emails of a four-choice question, one per learner of a cohort of six."""
    page = booster_with_choices(
        parent=topic, title="Naming the behaviour", wrong=FOUR_CHOICES[1:]
    )
    step = ProgramStepFactory(page=page, day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 4))
    for _ in range(6):
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    mail.outbox = []
    drip_tick(now=DUE)
    assert len(mail.outbox) == 6
    return list(mail.outbox)


def shown_in_email(message) -> list[str]:
    return list(choice_links(message))


def shown_on_page(html: str) -> list[str]:
    return [unescape(text) for text in re.findall(r"<span>([^<]*)</span>", html)]


def shuffled_email(emails):
    """An email whose choices are not in the editor's order."""
    return next(m for m in emails if shown_in_email(m) != list(FOUR_CHOICES))


def test_a_choice_link_shows_the_tapped_choice_then_the_others_in_the_emails_order(
    four_choice_emails,
):
    orders = {tuple(shown_in_email(message)) for message in four_choice_emails}
    assert len(orders) > 1  # each learner has an order of their own

    for message in four_choice_emails:
        for tapped, link in choice_links(message).items():
            html = Client().get(link).content.decode()
            # The tapped one above "Check my answer" (a phone's first screen),
            # the others behind "Pick another answer", where the email had them.
            others = [text for text in shown_in_email(message) if text != tapped]
            assert shown_on_page(html) == [tapped, *others]
            assert html.index(tapped) < html.index("Check my answer")
            assert html.index("Pick another answer") < min(map(html.index, others))


def test_answering_the_third_choice_shown_records_that_choice(four_choice_emails):
    message = shuffled_email(four_choice_emails)
    third = shown_in_email(message)[2]
    link = choice_links(message)[third]
    browser = Client()
    html = browser.get(link).content.decode()
    checked = re.search(r'value="(\d+)"[^>]*checked', html).group(1)

    feedback = browser.post(link, {"choice": checked}, follow=True)

    assert f"You chose: <strong>{third}</strong>" in feedback.content.decode()
    (recorded,) = Answer.objects.all()
    assert recorded.choice.text == recorded.choice_text == third


def test_the_feedback_page_lists_the_cohorts_answers_in_the_emails_order(
    four_choice_emails,
):
    for message in four_choice_emails:  # five answers show the cohort's shares
        link = choice_links(message)["Say nothing"]
        html = Client().get(link).content.decode()
        checked = re.search(r'value="(\d+)"[^>]*checked', html).group(1)
        Client().post(link, {"choice": checked})
    message = shuffled_email(four_choice_emails)

    feedback = Client().get(choice_links(message)["Ask HR"]).content.decode()

    shares = re.findall(r'class="share__text">([^<]*)', feedback)
    assert [text.strip() for text in shares] == shown_in_email(message)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_record_one_answer(settings):
    from wagtail.models import Locale, Page

    from home.factories import HomePageFactory, TopicPageFactory

    # Transactional tests flush the database, data migrations included.
    Locale.objects.get_or_create(language_code="en")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    topic = TopicPageFactory(parent=HomePageFactory(parent=Page.get_first_root_node()))
    step = ProgramStepFactory(page=booster_with_choices(parent=topic), day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 4))
    EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    drip_tick(now=DUE)
    delivery_id = Delivery.objects.get().pk
    choices = list(step.page.specific.choices.all())

    results, errors = [], []
    start = threading.Barrier(4)

    def submit(choice):
        try:
            delivery = Delivery.objects.select_related(
                "enrollment__learner", "enrollment__cohort__program"
            ).get(pk=delivery_id)
            start.wait()
            results.append(
                answer_record(
                    delivery=delivery,
                    choice=choice,
                    channel=AnswerChannel.EMAIL,
                    now=DUE + dt.timedelta(minutes=1),
                )
            )
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(choices[i % len(choices)],))
        for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert Answer.objects.count() == 1
    assert sum(result.created for result in results) == 1
    assert len({result.answer.pk for result in results}) == 1
    assert QuestionState.objects.get().showings == 1
    assert Delivery.objects.filter(showing=2).count() <= 1


def checked_choice(html: str) -> str:
    return re.search(r'value="(\d+)"[^>]*checked', html).group(1)


def test_the_question_page_names_the_learner_instead_of_asking_them_to_sign_in(
    email, client
):
    learner = Delivery.objects.get().enrollment.learner
    link = choice_links(email)["Describe the meeting"]

    html = client.get(link).content.decode()

    assert ">Sign in</a>" not in html
    assert f'<span class="site-account__name">{learner.first_name}</span>' in html
    # "My learning" is the learner's own sign-in link: its GET signs nobody in.
    my_learning = re.search(r'<a href="([^"]+)">My learning</a>', html).group(1)
    assert "/learn/sign-in/" in my_learning
    assert LEARNER_SESSION_KEY not in client.session


def test_check_my_answer_signs_the_learner_in(email, client):
    learner = Delivery.objects.get().enrollment.learner
    link = choice_links(email)["Describe the meeting"]
    choice = checked_choice(client.get(link).content.decode())

    feedback = client.post(link, {"choice": choice}, follow=True)

    assert client.session[LEARNER_SESSION_KEY] == learner.pk
    html = feedback.content.decode()
    assert "Sign out</button>" in html and ">Sign in</a>" not in html
    assert '<a href="/learn/my-learning/">See all your learning</a>' in html
    assert client.get("/learn/my-learning/").status_code == 200


def thread_path(cohort) -> str:
    from community.models import Thread

    thread = Thread.objects.get(cohort=cohort)
    return f"/community/{cohort.slug}/threads/{thread.pk}/"


def join_link(html: str) -> str:
    return unescape(re.search(r'href="([^"]+)">Join the discussion</a>', html)[1])


def test_the_feedback_page_links_to_the_cohort_thread(email, client, cohort):
    link = choice_links(email)["Say nothing"]
    choice = checked_choice(client.get(link).content.decode())

    html = client.post(link, {"choice": choice}, follow=True).content.decode()

    assert "Discuss with your cohort" in html
    assert join_link(html) == thread_path(cohort)
    assert client.get(thread_path(cohort)).status_code == 200


def test_on_another_device_the_feedback_page_links_to_the_thread_through_sign_in(
    email, cohort
):
    link = choice_links(email)["Say nothing"]
    first = Client()
    first.post(link, {"choice": checked_choice(first.get(link).content.decode())})
    other_device = Client()

    html = other_device.get(link).content.decode()  # the recorded answer's feedback

    url = join_link(html)
    assert "/learn/sign-in/" in url and LEARNER_SESSION_KEY not in other_device.session
    assert (
        "Continue to the discussion" in other_device.get(path_of(url)).content.decode()
    )
    opened = other_device.post(path_of(url), follow=True)
    assert opened.redirect_chain == [(thread_path(cohort), 302)]
    assert opened.status_code == 200


def test_answering_loads_the_questions_choices_once_per_request(
    email, django_assert_max_num_queries
):
    """A burst of learners answers after each send: the confirm page and the
    tap stay cheap (the choices once, not again for each link's choice)."""
    browser = Client()
    link = choice_links(email)["Say nothing"]

    with django_assert_max_num_queries(6):
        page = browser.get(link)
    # Record, space, plan the repeat and sign the learner in.
    with django_assert_max_num_queries(30):
        answered = browser.post(link, {"choice": checked_choice(page.content.decode())})

    assert answered.status_code == 302
    assert Answer.objects.get().choice_text == "Say nothing"
