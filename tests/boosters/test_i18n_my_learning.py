"""A learner chooses their language on My learning (P12)."""

import pytest

from boosters.factories import CohortFactory, EnrollmentFactory, LearnerFactory
from boosters.models import Delivery
from boosters.planning.sync import cohort_plan_sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    cohort = CohortFactory(language="pt-br")
    enrollment = EnrollmentFactory(cohort=cohort, learner=LearnerFactory())
    cohort_plan_sync(cohort=cohort)
    return enrollment.learner


def test_my_learning_offers_the_languages_with_the_cohorts_as_default(
    client, sign_in, learner
):
    sign_in(client, learner)
    html = client.get("/learn/my-learning/").content.decode()
    assert 'action="/learn/my-learning/language/"' in html
    assert "Português (Brasil)" in html and "Español" in html
    assert '<option value="" selected>' in html


def test_choosing_a_language_saves_it_and_shows_my_learning_in_it(
    client, sign_in, learner
):
    sign_in(client, learner)
    plan = list(Delivery.objects.values_list("pk", "due_at", "status"))

    response = client.post("/learn/my-learning/language/", {"language": "es"})

    assert response.status_code == 302
    assert response["Location"] == "/es/learn/my-learning/#email-settings"
    learner.refresh_from_db()
    assert learner.language == "es"
    page = client.get(response["Location"]).content.decode()
    assert 'lang="es"' in page
    assert '<option value="es" lang="es" selected>' in page
    # The plan doesn't depend on the language.
    assert list(Delivery.objects.values_list("pk", "due_at", "status")) == plan


def test_an_unknown_language_changes_nothing(client, sign_in, learner):
    sign_in(client, learner)
    response = client.post(
        "/learn/my-learning/language/", {"language": "tlh"}, follow=True
    )
    learner.refresh_from_db()
    assert learner.language == ""
    assert "Nothing was changed." in response.content.decode() or (
        "Nada foi alterado" in response.content.decode()
    )


def test_signed_out_the_language_form_asks_to_sign_in(client):
    response = client.post("/learn/my-learning/language/", {"language": "es"})
    assert response.status_code == 302
    assert "/learn/sign-in/" in response["Location"]
