"""Admin sign-in is throttled (django-axes): 5 wrong passwords lock that
username from that address for 15 minutes, with a page that says so."""

from django.test import Client
from django.urls import reverse

import pytest

from boosters.drip.tokens import sign_in_token
from boosters.factories import LearnerFactory
from boosters.learners.sign_in import LEARNER_SESSION_KEY
from hub.settings import base as base_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
OFFICE = "203.0.113.5"


@pytest.fixture(autouse=True)
def axes_on(settings):
    """Axes as in production (the test settings leave it out)."""
    settings.AUTHENTICATION_BACKENDS = base_settings.AUTHENTICATION_BACKENDS
    settings.AXES_ENABLED = True


def test_axes_checks_first_in_production():
    assert base_settings.AUTHENTICATION_BACKENDS[0] == (
        "axes.backends.AxesStandaloneBackend"
    )
    assert base_settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


@pytest.fixture
def editors(django_user_model):
    return [
        django_user_model.objects.create_superuser(name, f"{name}@example.com", "right")
        for name in ("dana", "sam")
    ]


def sign_in(username, password, *, ip=OFFICE, forwarded_for=None):
    headers = {"REMOTE_ADDR": ip}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    client = Client()
    response = client.post(
        LOGIN, {"username": username, "password": password}, **headers
    )
    return client, response


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_five_wrong_passwords_lock_that_user_from_that_address(editors):
    for _ in range(5):
        _, wrong = sign_in("dana", "wrong")
    assert wrong.status_code in (200, 429)

    client, right = sign_in("dana", "right")

    assert right.status_code == 429
    html = right.content.decode()
    assert "Too many sign-in attempts" in html
    assert "Please try again in 15 minutes." in html
    assert "wagtailadmin/css/core.css" in html  # the admin's own look
    assert not signed_in(client)

    # A colleague in the same office, and Dana from elsewhere, are not locked.
    colleague, response = sign_in("sam", "right")
    assert response.status_code == 302
    assert signed_in(colleague)
    elsewhere, response = sign_in("dana", "right", ip="198.51.100.7")
    assert response.status_code == 302
    assert signed_in(elsewhere)


def test_four_wrong_passwords_then_the_right_one_signs_in_and_resets(editors):
    for _ in range(4):
        sign_in("dana", "wrong")
    client, response = sign_in("dana", "right")
    assert response.status_code == 302
    assert signed_in(client)

    # The count started again after the success.
    for _ in range(4):
        sign_in("dana", "wrong")
    _, response = sign_in("dana", "right")
    assert response.status_code == 302


def test_behind_a_proxy_the_lock_is_per_client_not_per_proxy(editors, settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _ in range(5):
        sign_in("dana", "wrong", ip=proxy, forwarded_for=OFFICE)

    _, locked = sign_in("dana", "right", ip=proxy, forwarded_for=OFFICE)
    other_client, response = sign_in(
        "dana", "right", ip=proxy, forwarded_for="198.51.100.7"
    )

    assert locked.status_code == 429
    assert response.status_code == 302
    assert signed_in(other_client)


def test_learner_sign_in_links_still_work_with_axes_on(client):
    learner = LearnerFactory()
    token = sign_in_token(learner=learner, single_use=True)
    url = reverse("learner_sign_in_confirm", kwargs={"token": token})

    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert client.session[LEARNER_SESSION_KEY] == learner.pk
