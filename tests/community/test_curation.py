"""Curating a thread: a facilitator turns the question and its best answers into
a draft article, credited and linked back, that goes through normal publishing."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

from wagtail.models import Page

import pytest

from boosters.factories import CohortFactory, EnrollmentFactory, booster_with_choices
from community.curation import CurationRejected, thread_curate
from community.factories import HelpfulMarkFactory, PostFactory, ThreadFactory
from community.models import ThreadKind
from home.factories import TopicPageFactory
from home.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("dana", "dana@example.com", "pw")


@pytest.fixture
def cohort():
    return CohortFactory(name="São Paulo, spring", slug="sao-paulo-spring")


def member(cohort, first, last):
    return EnrollmentFactory(
        cohort=cohort, learner__first_name=first, learner__last_name=last
    ).learner


@pytest.fixture
def answered_thread(cohort, topic):
    """Ana asked; Bruno's reply is accepted; Carla's was found helpful twice."""
    ana = member(cohort, "Ana", "Souza")
    bruno = member(cohort, "Bruno", "Lima")
    carla = member(cohort, "Carla", "Reis")
    dario = member(cohort, "Dario", "Costa")
    thread = ThreadFactory(
        cohort=cohort,
        author=ana,
        title="How do I log a feedback note in the new system?",
        body_html="<p>I can't find <strong>Add note</strong> on my phone.</p>",
    )
    accepted = PostFactory(
        thread=thread, author=bruno, body_html="<p>Open the person, then tap ⋯.</p>"
    )
    helpful = PostFactory(
        thread=thread, author=carla, body_html="<p>Rotate the phone: it shows.</p>"
    )
    PostFactory(thread=thread, author=dario, body_html="<p>Same problem here.</p>")
    HelpfulMarkFactory(post=helpful, learner=ana)
    HelpfulMarkFactory(post=helpful, learner=dario)
    thread.accepted_post = accepted
    thread.save()
    return thread


def blocks_of(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]


def test_curating_makes_a_draft_article_with_the_best_answers_and_credits(
    answered_thread, admin_user, topic
):
    page = thread_curate(thread=answered_thread, user=admin_user)

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.get_parent().specific == topic
    assert page.title == "How do I log a feedback note in the new system?"
    assert not page.live
    assert page.has_unpublished_changes
    assert page.latest_revision is not None
    assert page.summary == "I can't find Add note on my phone."

    paragraphs = [str(value) for value in blocks_of(page, "paragraph_block")]
    assert "<b>Add note</b>" in paragraphs[0]
    quotes = blocks_of(page, "quote_block")
    assert [(q["quote"], q["attribution"]) for q in quotes] == [
        ("Open the person, then tap ⋯.", "Bruno Lima"),
        ("Rotate the phone: it shows.", "Carla Reis"),
    ]
    assert quotes[0]["role"].startswith("Accepted answer")
    assert quotes[1]["role"].startswith("Found helpful by 2 colleagues")
    credits = paragraphs[-1]
    assert "Asked by Ana Souza." in credits
    assert "Answers by Bruno Lima and Carla Reis." in credits
    assert "Same problem here." not in str(page.body.raw_data)

    links = blocks_of(page, "resource_links_block")[0]["links"]
    link_url = links[0].value["link_url"]
    assert link_url.endswith(
        f"/community/sao-paulo-spring/threads/{answered_thread.pk}/"
    )

    answered_thread.refresh_from_db()
    assert answered_thread.curated_page_id == page.pk


def test_curating_again_returns_the_same_draft(answered_thread, admin_user):
    first = thread_curate(thread=answered_thread, user=admin_user)

    again = thread_curate(thread=answered_thread, user=admin_user)

    assert again.pk == first.pk
    assert ArticlePage.objects.count() == 1


def test_the_draft_goes_under_the_topic_of_the_page_that_opened_the_thread(
    home_page, cohort, admin_user
):
    TopicPageFactory(parent=home_page, title="First topic")
    systems = TopicPageFactory(parent=home_page, title="New systems")
    booster = booster_with_choices(parent=systems)
    thread = ThreadFactory(
        cohort=cohort, kind=ThreadKind.PROMPT, author=None, source_page=booster
    )

    page = thread_curate(thread=thread, user=admin_user)

    assert page.get_parent().specific == systems


def test_without_a_source_page_the_draft_goes_under_the_first_topic(
    answered_thread, admin_user, topic
):
    page = thread_curate(thread=answered_thread, user=admin_user)

    assert page.get_parent().pk == topic.pk


def test_a_hub_without_topics_gets_a_clear_message(home_page, cohort, admin_user):
    thread = ThreadFactory(cohort=cohort, author=None)

    with pytest.raises(CurationRejected, match="no topic"):
        thread_curate(thread=thread, user=admin_user)


def test_a_facilitator_without_page_permissions_is_told_so(answered_thread):
    user = User.objects.create_user("fran", "fran@example.com", "pw")
    user.groups.add(Group.objects.get_or_create(name="Facilitators")[0])

    with pytest.raises(CurationRejected, match="permission to add pages"):
        thread_curate(thread=answered_thread, user=user)
    assert not ArticlePage.objects.exists()


def test_the_curate_button_opens_the_draft_in_wagtail(
    client, answered_thread, admin_user, topic
):
    client.force_login(admin_user)
    curate = reverse(
        "community_thread_curate",
        kwargs={"cohort_slug": "sao-paulo-spring", "thread_id": answered_thread.pk},
    )

    response = client.post(curate)

    page = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(response["Location"]).status_code == 200
    explorer = client.get(reverse("wagtailadmin_explore", args=[topic.pk]))
    assert explorer.status_code == 200
    assert "How do I log a feedback note in the new system?" in explorer.text
    assert reverse("wagtailadmin_pages:view_draft", args=[page.pk]) in explorer.text
    thread_page = client.get(
        reverse(
            "community_thread",
            kwargs={"cohort_slug": "sao-paulo-spring", "thread_id": answered_thread.pk},
        )
    )
    assert "Curated into" in thread_page.text


def test_publishing_the_draft_renders_the_article(answered_thread, admin_user, client):
    page = thread_curate(thread=answered_thread, user=admin_user)

    page.get_latest_revision().publish()

    response = client.get(Page.objects.get(pk=page.pk).url)
    assert response.status_code == 200
    assert "Bruno Lima" in response.text
    assert "The original discussion" in response.text
