"""Unsubscribing: a confirm page on GET, RFC 8058 one-click on POST."""

import datetime as dt

from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse

import pytest

from boosters.drip.tokens import learner_from_unsubscribe_token, unsubscribe_token
from boosters.factories import EnrollmentFactory, LearnerFactory
from boosters.learners.unsubscribe import LEARNER_UNSUBSCRIBED, learner_unsubscribe
from boosters.models import Delivery, DeliveryStatus, SubscriptionStatus

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 3, 2, 14, tzinfo=dt.UTC)
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def learner():
    return LearnerFactory(email="ana.silva@example.com")


@pytest.fixture
def deliveries(learner, topic):
    enrollment = EnrollmentFactory(learner=learner)
    return {
        status: Delivery.objects.create(
            enrollment=enrollment,
            page=topic,
            local_date=DUE.date(),
            due_at=DUE,
            status=status,
        )
        for status in (DeliveryStatus.PENDING, DeliveryStatus.SENT)
    }


def url_for(learner) -> str:
    return reverse(
        "boosters_unsubscribe", kwargs={"token": unsubscribe_token(learner=learner)}
    )


def test_get_asks_to_confirm_and_changes_nothing(client, learner, deliveries):
    response = client.get(url_for(learner))

    assert response.status_code == 200
    assert "Unsubscribe a***@example.com from Learning Hub emails?" in (
        response.content.decode()
    )
    assert '<form method="post"' in response.content.decode()
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.SUBSCRIBED
    assert deliveries[DeliveryStatus.PENDING].status == DeliveryStatus.PENDING


def test_head_answers_like_get_and_changes_nothing(client, learner, deliveries):
    get = client.get(url_for(learner))

    head = client.head(url_for(learner))

    assert head.status_code == 200
    assert head.content == b""
    for header in ("Content-Type", "Cache-Control", "Content-Security-Policy"):
        assert head.get(header) == get.get(header), header
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.SUBSCRIBED
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 1


@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_unsubscribe_pages_are_never_stored_by_a_browser_or_proxy(
    client, learner, method
):
    response = getattr(client, method)(url_for(learner))

    assert response.status_code == 200
    cache_control = {v.strip() for v in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_cookieless_one_click_post_unsubscribes_without_csrf_token(learner, deliveries):
    client = Client(enforce_csrf_checks=True)

    response = client.post(url_for(learner), ONE_CLICK)

    assert response.status_code == 200
    assert "You're unsubscribed" in response.content.decode()
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.UNSUBSCRIBED
    assert learner.subscription_changed_at is not None
    assert learner.subscription_reason
    pending, sent = (
        Delivery.objects.get(pk=deliveries[status].pk)
        for status in (DeliveryStatus.PENDING, DeliveryStatus.SENT)
    )
    assert pending.status == DeliveryStatus.CANCELLED
    assert pending.status_reason == LEARNER_UNSUBSCRIBED
    assert sent.status == DeliveryStatus.SENT


def test_confirm_button_post_unsubscribes(client, learner):
    response = client.post(url_for(learner))

    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.UNSUBSCRIBED


def test_already_unsubscribed_learner_is_told_so(client, learner):
    learner_unsubscribe(learner=learner, reason="Asked L&D")

    get = client.get(url_for(learner))
    post = client.post(url_for(learner), ONE_CLICK)

    assert get.status_code == post.status_code == 200
    assert "already unsubscribed" in get.content.decode()
    assert "already unsubscribed" in post.content.decode()
    learner.refresh_from_db()
    assert learner.subscription_reason == "Asked L&D"


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token_is_a_clear_400(client, learner, method):
    token = unsubscribe_token(learner=learner)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = getattr(client, method)(
        reverse("boosters_unsubscribe", kwargs={"token": tampered})
    )

    assert response.status_code == 400
    assert "isn't valid" in response.content.decode()
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.SUBSCRIBED


def test_token_signed_with_another_salt_is_refused(learner):
    foreign = signing.dumps({"l": learner.pk}, salt="something.else")

    assert learner_from_unsubscribe_token(foreign) is None
    assert learner_from_unsubscribe_token("not-a-token") is None


def test_token_signed_with_a_rotated_key_still_works(learner):
    with override_settings(SECRET_KEY="old-key-that-signed-the-email"):
        client = Client(enforce_csrf_checks=True)
        old_url = url_for(learner)

    with override_settings(
        SECRET_KEY="new-key", SECRET_KEY_FALLBACKS=["old-key-that-signed-the-email"]
    ):
        response = client.post(old_url, ONE_CLICK)

    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.UNSUBSCRIBED


def test_unsubscribe_is_idempotent(learner, deliveries):
    first = learner_unsubscribe(learner=learner, reason="One-click")
    changed_at = learner.subscription_changed_at

    second = learner_unsubscribe(learner=learner, reason="Again")

    assert (first, second) == (1, 0)
    learner.refresh_from_db()
    assert learner.subscription_changed_at == changed_at
    assert learner.subscription_reason == "One-click"


@pytest.mark.django_db
def test_unsubscribe_links_already_in_inboxes_keep_working():
    """The signing salt is part of every link sent: it must never change."""
    learner = LearnerFactory()
    token = signing.dumps(
        {"l": learner.pk}, salt="boosters.unsubscribe", compress=False
    )

    assert learner_from_unsubscribe_token(token) == learner
