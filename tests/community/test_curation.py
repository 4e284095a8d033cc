"""Curating a thread: a facilitator turns the question and its best answers into
a draft article, credited and linked back, that goes through normal publishing."""

import datetime as dt

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

NOW = dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("dana", "dana@example.com", "pw")


@pytest.fixture
def cohort():
    return CohortFactory(name="São Paulo, spring", slug="sao-paulo-spring")


def member(cohort, first, last, office=""):
    return EnrollmentFactory(
        cohort=cohort,
        learner__first_name=first,
        learner__last_name=last,
        learner__office=office,
    ).learner


@pytest.fixture
def answered_thread(cohort, topic):
    """Ana asked; Bruno's reply is accepted; Carla's was found helpful twice."""
    ana = member(cohort, "Ana", "Souza")
    bruno = member(cohort, "Bruno", "Lima", "São Paulo")
    carla = member(cohort, "Carla", "Reis", "Lisbon")
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


def thread_url(thread):
    return reverse(
        "community_thread",
        kwargs={"cohort_slug": thread.cohort.slug, "thread_id": thread.pk},
    )


def curate_url(thread):
    return reverse(
        "community_thread_curate",
        kwargs={"cohort_slug": thread.cohort.slug, "thread_id": thread.pk},
    )


def blocks_of(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]


def test_curating_makes_a_draft_article_with_the_best_answers_and_credits(
    answered_thread, admin_user, topic
):
    curated = thread_curate(thread=answered_thread, user=admin_user)

    assert curated.outcome == "created"
    page = ArticlePage.objects.get(pk=curated.page.pk)
    assert page.get_parent().specific == topic
    assert page.title == "How do I log a feedback note in the new system?"
    assert not page.live
    assert page.has_unpublished_changes
    assert page.latest_revision is not None
    # The lede says where the answers come from; the question follows below it.
    assert page.summary == (
        "How colleagues in the São Paulo, spring cohort space answered, in their "
        "own words."
    )

    paragraphs = [str(value) for value in blocks_of(page, "paragraph_block")]
    assert "<b>Add note</b>" in paragraphs[0]
    quotes = blocks_of(page, "quote_block")
    # Credited as the thread names them, with their office: "— Bruno Lima, São Paulo".
    assert [(q["quote"], q.credit) for q in quotes] == [
        ("Open the person, then tap ⋯.", "Bruno Lima, São Paulo"),
        ("Rotate the phone: it shows.", "Carla Reis, Lisbon"),
    ]
    headings = [value["text"] for value in blocks_of(page, "heading_block")]
    assert headings[:3] == [
        "The question",
        "The answer",
        "More answers colleagues found helpful",
    ]
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


def test_curating_again_with_nothing_new_keeps_the_draft_as_it_is(
    answered_thread, admin_user
):
    first = thread_curate(thread=answered_thread, user=admin_user).page
    revisions = first.revisions.count()

    again = thread_curate(thread=answered_thread, user=admin_user)

    assert again.outcome == "unchanged"
    assert again.page.pk == first.pk
    assert ArticlePage.objects.count() == 1
    assert first.revisions.count() == revisions


def test_answers_come_accepted_first_then_by_how_many_found_them_helpful(
    answered_thread, cohort, admin_user
):
    erin = member(cohort, "Erin", "Sato", "Tokyo")
    most_helpful = PostFactory(
        thread=answered_thread, author=erin, body_html="<p>Use the web app.</p>"
    )
    for index in range(3):
        HelpfulMarkFactory(post=most_helpful, learner=member(cohort, f"M{index}", "X"))

    page = thread_curate(thread=answered_thread, user=admin_user).page

    quotes = blocks_of(ArticlePage.objects.get(pk=page.pk), "quote_block")
    assert [q["attribution"] for q in quotes] == [
        "Bruno Lima",  # accepted, with no helpful marks
        "Erin Sato",  # three marks
        "Carla Reis",  # two marks
    ]


def test_a_facilitators_answer_is_credited_as_a_facilitators(cohort, topic, admin_user):
    thread = ThreadFactory(cohort=cohort, author=member(cohort, "Ana", "Souza"))
    answer = PostFactory(
        thread=thread, author=None, author_user=admin_user, body_html="<p>Tap ⋯.</p>"
    )
    thread.accepted_post = answer
    thread.save()

    page = thread_curate(thread=thread, user=admin_user).page

    (quote,) = blocks_of(ArticlePage.objects.get(pk=page.pk), "quote_block")
    assert quote.credit == "dana, Facilitator"


@pytest.mark.parametrize("replies", ["none", "unmarked", "only-hidden-or-deleted"])
def test_a_thread_with_nothing_to_curate_gets_a_warning_and_no_draft(
    cohort, topic, admin_user, replies
):
    thread = ThreadFactory(cohort=cohort, author=member(cohort, "Ana", "Souza"))
    if replies == "unmarked":
        PostFactory(thread=thread, author=member(cohort, "Bruno", "Lima"))
    if replies == "only-hidden-or-deleted":
        gone = PostFactory(
            thread=thread, author=member(cohort, "Bruno", "Lima"), hidden_at=NOW
        )
        HelpfulMarkFactory(post=gone, learner=thread.author)
        deleted = PostFactory(thread=thread, body_html="", deleted_at=NOW)
        thread.accepted_post = deleted
        thread.save()

    with pytest.raises(CurationRejected, match="Nothing to curate yet") as rejected:
        thread_curate(thread=thread, user=admin_user)

    assert rejected.value.level == "warning"
    assert not ArticlePage.objects.exists()
    thread.refresh_from_db()
    assert thread.curated_page_id is None


def test_the_curate_button_on_a_thread_without_answers_warns_and_stays_put(
    client, cohort, topic, admin_user
):
    thread = ThreadFactory(cohort=cohort, author=member(cohort, "Ana", "Souza"))
    client.force_login(admin_user)
    thread_page = client.get(thread_url(thread))
    assert "Nothing to curate yet" in thread_page.text

    response = client.post(curate_url(thread), follow=True)

    assert response.redirect_chain[-1][0] == thread_url(thread)
    assert "Nothing to curate yet: no reply is marked as the answer" in response.text
    assert "community-message--warning" in response.text  # amber, not a success
    assert not ArticlePage.objects.exists()


def test_curating_again_after_the_thread_grows_updates_the_same_draft(
    client, answered_thread, cohort, admin_user
):
    first = thread_curate(thread=answered_thread, user=admin_user).page
    # The editor retitles the draft in Wagtail meanwhile.
    draft = first.get_latest_revision_as_object()
    draft.title = "Logging feedback notes on your phone"
    draft.save_revision(user=admin_user)
    late = PostFactory(
        thread=answered_thread,
        author=member(cohort, "Fei", "Wong", "Singapore"),
        body_html="<p>Or use the desktop app and sync.</p>",
    )
    HelpfulMarkFactory(post=late, learner=answered_thread.author)
    client.force_login(admin_user)
    thread_page = client.get(thread_url(answered_thread))
    assert "Update the draft with new answers" in thread_page.text

    response = client.post(curate_url(answered_thread), follow=True)

    assert response.redirect_chain[0][0] == reverse(
        "wagtailadmin_pages:edit", args=[first.pk]
    )
    assert (
        "The draft “Logging feedback notes on your phone” now has the "
        "thread&#x27;s 3 best answers as they are today." in response.text
    )
    assert ArticlePage.objects.count() == 1
    latest = ArticlePage.objects.get().get_latest_revision_as_object()
    assert latest.title == "Logging feedback notes on your phone"
    credits = [q.credit for q in blocks_of(latest, "quote_block")]
    assert credits == [
        "Bruno Lima, São Paulo",
        "Carla Reis, Lisbon",
        "Fei Wong, Singapore",
    ]
    assert "Fei Wong" in str(blocks_of(latest, "paragraph_block")[-1])


def test_the_draft_goes_under_the_topic_of_the_page_that_opened_the_thread(
    home_page, cohort, admin_user
):
    TopicPageFactory(parent=home_page, title="First topic")
    systems = TopicPageFactory(parent=home_page, title="New systems")
    booster = booster_with_choices(parent=systems)
    thread = ThreadFactory(
        cohort=cohort, kind=ThreadKind.PROMPT, author=None, source_page=booster
    )
    helpful = PostFactory(thread=thread, author=member(cohort, "Bruno", "Lima"))
    HelpfulMarkFactory(post=helpful, learner=member(cohort, "Ana", "Souza"))

    page = thread_curate(thread=thread, user=admin_user).page

    assert page.get_parent().specific == systems


def test_without_a_source_page_the_draft_goes_under_the_first_topic(
    answered_thread, admin_user, topic
):
    page = thread_curate(thread=answered_thread, user=admin_user).page

    assert page.get_parent().pk == topic.pk


def test_a_hub_without_topics_gets_a_clear_message(home_page, cohort, admin_user):
    thread = ThreadFactory(cohort=cohort, author=None)
    answer = PostFactory(thread=thread, author=member(cohort, "Bruno", "Lima"))
    thread.accepted_post = answer
    thread.save()

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
    response = client.post(curate_url(answered_thread))

    page = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(response["Location"]).status_code == 200
    explorer = client.get(reverse("wagtailadmin_explore", args=[topic.pk]))
    assert explorer.status_code == 200
    assert "How do I log a feedback note in the new system?" in explorer.text
    assert reverse("wagtailadmin_pages:view_draft", args=[page.pk]) in explorer.text
    thread_page = client.get(thread_url(answered_thread))
    assert "Curated into" in thread_page.text


def test_publishing_the_draft_renders_the_article(answered_thread, admin_user, client):
    page = thread_curate(thread=answered_thread, user=admin_user).page

    page.get_latest_revision().publish()

    response = client.get(Page.objects.get(pk=page.pk).url)
    assert response.status_code == 200
    assert "Bruno Lima" in response.text
    assert "The original discussion" in response.text
