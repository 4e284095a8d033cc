"""Signing in with an emailed link: scanners spend nothing, one tap signs in.

Most tests ask for a link through the form and use the link in the email, as
a mail scanner and as a learner would.
"""

import datetime as dt
import re
import time
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.core import mail, signing
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from boosters.drip.links import hub_sign_in_url
from boosters.drip.tokens import LinkInvalid, sign_in_token, unsubscribe_token
from boosters.factories import LearnerFactory
from boosters.learners import sign_in as sign_in_service
from boosters.learners.sign_in import (
    LEARNER_SESSION_KEY,
    SIGN_IN_EMAIL_LIMIT,
    SIGN_IN_IP_LIMIT,
    SignInOutcome,
    client_ip_address,
    learner_sign_in,
    local_next_url,
    sign_in_link_request,
    sign_in_link_send,
    sign_in_link_use,
)
from boosters.models import Learner, SignInRequest
from boosters.tasks import sign_in_link_send_task
from tests.boosters.mail_backends import ScriptedBackend

pytestmark = pytest.mark.django_db

SIGN_IN = "/learn/sign-in/"
MY_LEARNING = "/learn/my-learning/"
LINK = re.compile(r"(https?://\S+/learn/sign-in/[^/\s]+/\S*)")
NOW = dt.datetime(2026, 3, 9, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def scripted_mail(settings):
    settings.EMAIL_BACKEND = "tests.boosters.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()


@pytest.fixture
def learner():
    return LearnerFactory(email="ana.silva@example.com", first_name="Ana")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def request_link(client, email="ana.silva@example.com", **extra):
    return client.post(SIGN_IN, {"email": email, **extra})


def emailed_link(message=None) -> str:
    """The sign-in link (path and query) in the last (or given) email."""
    message = message or mail.outbox[-1]
    return path_of(LINK.search(message.body).group(1))


def confirm_path(token: str) -> str:
    return reverse("learner_sign_in_confirm", kwargs={"token": token})


def signed_in_id(client) -> int | None:
    return client.session.get(LEARNER_SESSION_KEY)


# Scanners and taps


def test_scanner_get_and_head_show_a_button_and_neither_sign_in_nor_spend_it(
    client, learner
):
    request_link(client)
    link = emailed_link()

    scanner = Client()
    page = scanner.get(link)
    head = scanner.head(link)

    assert page.status_code == head.status_code == 200
    html = page.content.decode()
    assert "Sign in as a***@example.com" in html
    assert '<form method="post" action=""' in html
    assert signed_in_id(scanner) is None
    learner.refresh_from_db()
    assert learner.last_sign_in_at is None

    tap = client.post(link)
    assert tap.status_code == 302
    assert tap["Location"] == MY_LEARNING
    assert signed_in_id(client) == learner.pk


def test_sign_in_landing_and_my_learning_are_never_stored(client, learner):
    request_link(client)
    landing = Client().get(emailed_link())
    client.post(emailed_link())
    my_learning = client.get(MY_LEARNING)

    for response in (landing, my_learning, client.get(SIGN_IN)):
        assert response.status_code == 200
        cache_control = {v.strip() for v in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control


def test_the_tap_spends_a_single_use_link(client, learner):
    request_link(client)
    link = emailed_link()

    assert client.post(link).status_code == 302
    learner.refresh_from_db()
    assert learner.last_sign_in_at is not None

    for response in (Client().get(link), Client().post(link)):
        assert response.status_code == 400
        html = response.content.decode()
        assert "already used or isn't valid" in html
        assert f'action="{SIGN_IN}"' in html  # the request form, to get a new one


def test_signing_in_spends_every_earlier_single_use_link(client, learner):
    request_link(client)
    first = emailed_link()
    request_link(client)
    second = emailed_link()

    assert client.post(second).status_code == 302
    assert Client().post(first).status_code == 400


def test_a_single_use_link_tapped_twice_at_once_signs_in_once(learner, rf, monkeypatch):
    token = sign_in_token(learner=learner, single_use=True)
    read_before_the_other_tap = Learner.objects.get(pk=learner.pk)
    real_read = sign_in_service.learner_from_sign_in_token
    reads = iter([lambda _token: read_before_the_other_tap, real_read])
    monkeypatch.setattr(
        sign_in_service, "learner_from_sign_in_token", lambda t: next(reads)(t)
    )
    other_tap = rf.post("/")
    other_tap.session = Client().session
    learner_sign_in(request=other_tap, learner=learner)

    this_tap = rf.post("/")
    this_tap.session = Client().session
    with pytest.raises(LinkInvalid):
        sign_in_link_use(request=this_tap, token=token)
    assert LEARNER_SESSION_KEY not in this_tap.session


def test_reusable_drip_link_works_twice_and_never_spends(learner):
    link = confirm_path(sign_in_token(learner=learner, single_use=False))

    first, second = Client(), Client()
    assert first.post(link).status_code == 302
    assert second.post(link).status_code == 302
    assert signed_in_id(first) == signed_in_id(second) == learner.pk


def test_open_the_hub_link_in_drip_emails_leads_to_the_confirmation(client, learner):
    link = path_of(hub_sign_in_url(learner=learner))

    response = client.get(link)

    assert response.status_code == 200
    assert "Sign in as a***@example.com" in response.content.decode()
    assert signed_in_id(client) is None


def test_opening_a_link_when_already_signed_in_goes_straight_on(client, learner):
    link = confirm_path(sign_in_token(learner=learner, single_use=False))
    client.post(link)

    response = client.get(link + "?next=/learn/my-learning/")

    assert response.status_code == 302
    assert response["Location"] == MY_LEARNING


def test_signing_in_gives_a_new_session_key(client, learner):
    session = client.session
    session["planted"] = True
    session.save()
    planted_key = session.session_key

    client.post(confirm_path(sign_in_token(learner=learner, single_use=False)))

    assert client.cookies["sessionid"].value != planted_key
    assert signed_in_id(client) == learner.pk


def test_confirming_needs_a_csrf_token(learner):
    client = Client(enforce_csrf_checks=True)
    link = confirm_path(sign_in_token(learner=learner, single_use=False))

    assert client.post(link).status_code == 403
    assert signed_in_id(client) is None


# Asking for a link


def test_a_known_address_is_emailed_a_single_use_link(client, learner):
    response = request_link(client, email="  Ana.Silva@EXAMPLE.com ")

    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["ana.silva@example.com"]
    assert message.subject == "Your sign-in link for the Learning Hub"
    assert "works once and expires in 30 minutes" in message.body
    html = next(body for body, kind in message.alternatives if kind == "text/html")
    assert "expires in 30 minutes" in html
    assert 'style="' in html  # CSS inlined for mail clients
    assert "<style>" not in html.split("</head>")[1]
    url = LINK.search(message.body).group(1)
    assert url.startswith(django_settings.WAGTAILADMIN_BASE_URL)
    assert f'href="{url}"' in html
    assert message.extra_headers["Message-ID"].startswith("<")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, learner):
    known = request_link(client, email="ana.silva@example.com")
    mail.outbox = []

    unknown = request_link(client, email="nobody@example.com")

    assert unknown.status_code == known.status_code == 200
    assert unknown.content == known.content
    assert "If that address belongs to a Learning Hub learner" in (
        unknown.content.decode()
    )
    assert mail.outbox == []


def test_an_invalid_address_is_explained_next_to_the_field(client):
    response = request_link(client, email="ana at example")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter an email address like name@example.com." in html
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert SignInRequest.objects.count() == 0


def test_the_form_page_has_a_labelled_email_field(client):
    response = client.get(SIGN_IN)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="sign-in-email">' in html
    assert 'id="sign-in-email" type="email" name="email" autocomplete="email"' in html


# Rate limits


def test_a_fourth_request_for_one_address_in_15_minutes_sends_nothing(learner):
    for minute in range(SIGN_IN_EMAIL_LIMIT):
        result = sign_in_link_request(
            email=learner.email,
            ip_address="203.0.113.5",
            now=NOW + dt.timedelta(minutes=minute),
        )
        assert result.outcome == SignInOutcome.REQUESTED
    assert len(mail.outbox) == 3

    fourth = sign_in_link_request(
        email=learner.email.upper(),
        ip_address="198.51.100.7",
        now=NOW + dt.timedelta(minutes=5),
    )

    assert fourth.outcome == SignInOutcome.LIMITED
    assert fourth.message == (
        "There have been too many sign-in requests. Please try again in 10 minutes."
    )
    assert len(mail.outbox) == 3

    later = sign_in_link_request(
        email=learner.email,
        ip_address="198.51.100.7",
        now=NOW + dt.timedelta(minutes=15, seconds=1),
    )
    assert later.outcome == SignInOutcome.REQUESTED
    assert len(mail.outbox) == 4


def test_the_limit_page_says_when_to_try_again(client, learner):
    for _ in range(SIGN_IN_EMAIL_LIMIT):
        request_link(client)

    response = request_link(client)

    assert response.status_code == 429
    assert "Please try again in 15 minutes." in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert int(response["Retry-After"]) > 14 * 60
    assert len(mail.outbox) == SIGN_IN_EMAIL_LIMIT


def test_unknown_addresses_are_limited_exactly_like_known_ones(learner):
    def fourth_for(email):
        for _ in range(SIGN_IN_EMAIL_LIMIT):
            sign_in_link_request(email=email, ip_address=None, now=NOW)
        return sign_in_link_request(email=email, ip_address=None, now=NOW)

    assert fourth_for(learner.email) == fourth_for("nobody@example.com")


def test_one_ip_address_is_limited_across_addresses(learner):
    for number in range(SIGN_IN_IP_LIMIT):
        sign_in_link_request(
            email=f"guess{number}@example.com", ip_address="203.0.113.5", now=NOW
        )

    from_that_ip = sign_in_link_request(
        email=learner.email, ip_address="203.0.113.5", now=NOW
    )
    from_elsewhere = sign_in_link_request(
        email=learner.email, ip_address="198.51.100.7", now=NOW
    )

    assert from_that_ip.outcome == SignInOutcome.LIMITED
    assert "try again in 60 minutes" in from_that_ip.message
    assert from_elsewhere.outcome == SignInOutcome.REQUESTED
    assert [m.to for m in mail.outbox] == [[learner.email]]


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy: the header is anyone's say-so
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.66, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "", "10.0.0.1"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies
        (1, "198.51.100.66, 203.0.113.9:51234", "203.0.113.9"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Garbage is ignored, never a crash nor a way around the limits.
        (1, "not-an-address", "10.0.0.1"),
        (1, "203.0.113.9, <script>", "10.0.0.1"),
        (1, ",,, ,", "10.0.0.1"),
        (1, "999.1.1.1", "10.0.0.1"),
    ],
)
def test_the_client_address_is_read_only_from_trusted_proxies(
    rf, settings, proxies, forwarded_for, expected
):
    settings.HUB_TRUSTED_PROXY_COUNT = proxies
    request = rf.post(
        SIGN_IN, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
    )

    assert client_ip_address(request) == expected


def ask_from(client, *, forwarded_for, remote="10.0.0.1", email=None):
    """Ask for a link as a request arriving from ``remote`` with that header."""
    return client.post(
        SIGN_IN,
        {"email": email or "ana.silva@example.com"},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_one_proxy_two_clients_do_not_share_a_limit(client, settings, learner):
    settings.HUB_TRUSTED_PROXY_COUNT = 1  # every request arrives from 10.0.0.1
    for number in range(SIGN_IN_IP_LIMIT):
        ask_from(
            client, forwarded_for="203.0.113.5", email=f"guess{number}@example.com"
        )

    limited = ask_from(client, forwarded_for="203.0.113.5")
    # A client that says it is someone else is still the one the proxy saw.
    forged = ask_from(client, forwarded_for="198.51.100.1, 203.0.113.5")
    other_client = ask_from(client, forwarded_for="198.51.100.7")

    assert limited.status_code == forged.status_code == 429
    assert other_client.status_code == 200
    assert [m.to for m in mail.outbox] == [[learner.email]]


def test_without_proxies_a_spoofed_forwarded_for_is_ignored(client, settings, learner):
    settings.HUB_TRUSTED_PROXY_COUNT = 0
    for number in range(SIGN_IN_IP_LIMIT):
        ask_from(
            client,
            remote="203.0.113.5",
            forwarded_for=f"198.51.100.{number}",
            email=f"guess{number}@example.com",
        )

    response = ask_from(client, remote="203.0.113.5", forwarded_for="198.51.100.200")

    assert response.status_code == 429
    assert mail.outbox == []
    assert set(SignInRequest.objects.values_list("ip_address", flat=True)) == {
        "203.0.113.5"
    }


def test_requests_older_than_a_day_are_pruned(learner):
    SignInRequest.objects.create(
        email="old@example.com", created_at=NOW - dt.timedelta(days=1, minutes=1)
    )

    sign_in_link_request(email=learner.email, ip_address="203.0.113.5", now=NOW)

    assert list(SignInRequest.objects.values_list("email", flat=True)) == [
        learner.email
    ]


# Mail failures


def test_a_refused_connection_is_logged_and_the_visitor_still_gets_the_answer(
    client, learner, scripted_mail, caplog
):
    scripted_mail.refuse_connection = True

    response = request_link(client)

    # The send happens in the queued task: the page can't know, so can't say.
    assert response.status_code == 200
    assert "If that address belongs to a Learning Hub learner" in (
        response.content.decode()
    )
    assert mail.outbox == []
    assert f"Could not send a sign-in link to learner {learner.pk}" in caplog.text


def test_a_refused_recipient_is_reported_by_the_sending_service(learner, scripted_mail):
    scripted_mail.rejects = {learner.email: (550, b"No such mailbox")}

    assert sign_in_link_send(email=learner.email) is False
    assert mail.outbox == []


def test_a_queue_that_cannot_be_reached_gives_a_friendly_503(
    client, learner, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(sign_in_service, "async_task", broker_down)

    known = request_link(client)
    unknown = request_link(client, email="nobody@example.com")

    assert known.status_code == unknown.status_code == 503
    assert "We couldn't send the email just now" in unescape(known.content.decode())
    assert 'role="alert"' in known.content.decode()


# The request only queues


@pytest.fixture
def queued(monkeypatch):
    """``async_task`` calls from the sign-in service, held instead of run."""
    calls = []
    monkeypatch.setattr(
        sign_in_service,
        "async_task",
        lambda *args, **kwargs: calls.append((args, kwargs)),
    )
    return calls


def test_asking_for_a_link_queues_it_and_neither_looks_up_nor_sends(
    client, learner, queued
):
    with CaptureQueriesContext(connection) as known_queries:
        known = request_link(client, email="Ana.Silva@example.com", next=MY_LEARNING)
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = request_link(client, email="nobody@example.com")

    assert mail.outbox == []
    assert queued == [
        (
            ("boosters.tasks.sign_in_link_send_task",),
            {
                "email": "ana.silva@example.com",
                "next_url": MY_LEARNING,
                "group": "sign-in",
                "save": False,
            },
        ),
        (
            ("boosters.tasks.sign_in_link_send_task",),
            {
                "email": "nobody@example.com",
                "next_url": "",
                "group": "sign-in",
                "save": False,
            },
        ),
    ]
    # The same page after the same work, learner or not.
    assert (known.status_code, known.content) == (unknown.status_code, unknown.content)
    assert len(known_queries) == len(unknown_queries)
    for query in [*known_queries, *unknown_queries]:
        assert '"boosters_learner"' not in query["sql"]


def test_the_queued_task_sends_the_link_to_a_learner_only(learner):
    assert sign_in_link_send_task("Ana.Silva@example.com", MY_LEARNING) == "done"
    assert sign_in_link_send_task("nobody@example.com") == "done"

    (message,) = mail.outbox
    assert message.to == [learner.email]
    assert "?next=" in emailed_link(message)


# Broken links


def test_an_expired_link_gets_a_410_offering_a_new_one(client, learner):
    request_link(client)
    link = emailed_link()

    with override_settings(HUB_SIGN_IN_LINK_MAX_AGE=dt.timedelta(seconds=-1)):
        get = client.get(link)
        post = client.post(link)

    assert get.status_code == post.status_code == 410
    html = get.content.decode()
    assert "This sign-in link has expired" in html
    assert f'action="{SIGN_IN}"' in html
    assert signed_in_id(client) is None


def test_a_drip_link_expires_after_weeks_not_minutes(client, learner, monkeypatch):
    link = confirm_path(sign_in_token(learner=learner, single_use=False))
    an_hour_later = time.time() + 3600
    monkeypatch.setattr(signing.time, "time", lambda: an_hour_later)
    assert client.get(link).status_code == 200

    a_month_later = time.time() + 31 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: a_month_later)
    assert client.get(link).status_code == 410


@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_a_tampered_link_is_a_clear_400(client, learner, method):
    token = sign_in_token(learner=learner, single_use=False)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = getattr(client, method)(confirm_path(tampered))

    assert response.status_code == 400
    if method != "head":
        assert "isn't valid" in response.content.decode()
    assert signed_in_id(client) is None


def test_another_kind_of_token_is_not_a_sign_in_link(client, learner):
    response = client.post(confirm_path(unsubscribe_token(learner=learner)))

    assert response.status_code == 400
    assert signed_in_id(client) is None


def test_a_link_for_a_deleted_learner_is_a_400(client, learner):
    link = confirm_path(sign_in_token(learner=learner, single_use=False))
    learner.delete()

    assert client.get(link).status_code == 400


def test_a_link_signed_with_a_rotated_key_still_works(client, learner, settings):
    request_link(client)
    link = emailed_link()
    old_key = settings.SECRET_KEY

    settings.SECRET_KEY = "a-brand-new-key"
    assert client.get(link).status_code == 400  # not without the fallback
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert signed_in_id(client) == learner.pk


# Where the link leads


def test_next_travels_through_the_email_and_is_honoured(client, learner, topic):
    request_link(client, next=topic.url)
    link = emailed_link()
    assert "?next=" in link

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == topic.url


@pytest.mark.parametrize(
    "evil",
    [
        "https://evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_an_outside_next_is_ignored(client, learner, evil):
    request_link(client, next=evil)
    link = emailed_link()
    assert "next=" not in link
    assert local_next_url(evil) == ""

    response = client.post(f"{link}?next={evil}")

    assert response.status_code == 302
    assert response["Location"] == MY_LEARNING


# Signing out, and the header


def test_sign_out_is_post_only(client, learner):
    client.post(confirm_path(sign_in_token(learner=learner, single_use=False)))

    assert client.get("/learn/sign-out/").status_code == 405
    assert signed_in_id(client) == learner.pk

    response = client.post("/learn/sign-out/")
    assert response.status_code == 200
    assert "You're signed out" in response.content.decode()
    assert signed_in_id(client) is None
    assert client.get(MY_LEARNING).status_code == 302


def test_the_header_offers_sign_in_or_my_learning_and_sign_out(client, learner):
    anonymous = client.get(SIGN_IN).content.decode()
    assert f'<a href="{SIGN_IN}">Sign in</a>' in anonymous
    assert "Sign out" not in anonymous

    client.post(confirm_path(sign_in_token(learner=learner, single_use=False)))
    signed_in = client.get(SIGN_IN).content.decode()

    assert f'<a href="{MY_LEARNING}">My learning</a>' in signed_in
    assert 'action="/learn/sign-out/"' in signed_in
    assert "You're signed in as a***@example.com" in signed_in


def test_a_learner_deleted_after_signing_in_is_signed_out(client, learner):
    client.post(confirm_path(sign_in_token(learner=learner, single_use=False)))
    learner.delete()

    response = client.get(MY_LEARNING)

    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_signing_in_records_when(learner, rf):
    request = rf.post("/")
    request.session = Client().session

    learner_sign_in(request=request, learner=learner, now=NOW)

    learner.refresh_from_db()
    assert learner.last_sign_in_at == NOW
    assert request.session[LEARNER_SESSION_KEY] == learner.pk
    assert timezone.is_aware(learner.last_sign_in_at)
