"""Stories learners shared with their cohort from a check-in appear, read
only, in the cohort's space; private and L&D-only stories never do."""

import datetime as dt

import pytest

from boosters.factories import EnrollmentFactory, LearnerFactory
from tests.boosters.checkins import answered, check_in_cohort, check_in_page

pytestmark = pytest.mark.django_db

STORIES = {
    "cohort": "I asked her what she saw first; it changed the talk.",
    "private": "It went badly and I'd rather nobody read this.",
    "content": "L&D may use this one in the course.",
}


@pytest.fixture
def cohort(topic):
    page = check_in_page(topic, title="Asking first")
    cohort = check_in_cohort(page, learners=0)
    at = dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC)
    for consent, story in STORIES.items():
        learner = LearnerFactory(
            first_name="Ana", last_name=f"Souza {consent}", office="São Paulo"
        )
        enrollment = EnrollmentFactory(cohort=cohort, learner=learner)
        answered(enrollment=enrollment, page=page, consent=consent, story=story, at=at)
    return cohort


def test_members_read_what_colleagues_shared_with_the_cohort(client, sign_in, cohort):
    sign_in(client, cohort.enrollments.first().learner)

    html = client.get(f"/community/{cohort.slug}/").content.decode()

    assert "What colleagues tried" in html
    assert STORIES["cohort"].replace("'", "&#x27;") in html
    assert "Ana Souza cohort, São Paulo" in html
    assert "Asking first" in html


def test_private_and_content_only_stories_are_not_in_the_space(client, sign_in, cohort):
    sign_in(client, cohort.enrollments.first().learner)

    html = client.get(f"/community/{cohort.slug}/").content.decode()

    assert STORIES["private"].replace("'", "&#x27;") not in html
    assert STORIES["content"] not in html


def test_another_cohort_does_not_see_the_stories(client, sign_in, cohort, topic):
    other = check_in_cohort(
        check_in_page(topic, title="Elsewhere"), learners=1, name="Lisbon"
    )
    sign_in(client, other.enrollments.first().learner)

    html = client.get(f"/community/{other.slug}/").content.decode()

    assert STORIES["cohort"].replace("'", "&#x27;") not in html
    assert "What colleagues tried" in html


def test_stories_cost_one_query_however_many(cohort, django_assert_max_num_queries):
    from boosters.checkins.selectors import cohort_shared_stories

    with django_assert_max_num_queries(1):
        stories = cohort_shared_stories(cohort=cohort)
    assert len(stories) == 1
