"""Editors list the stories learners let others read, and curate those
allowed for content into a booster question's feedback, with credit, through
the question's review workflow."""

import datetime as dt

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from boosters.factories import EnrollmentFactory, LearnerFactory, booster_with_choices
from boosters.models import BoosterQuestionPage, CheckInAnswer
from demo.drip import demo_facilitators_ensure
from demo.leads import LD_LEADS_GROUP, demo_ld_leads_ensure
from demo.workflow import LD_GROUP, SME_GROUP, SME_TASK, demo_review_workflow_ensure
from tests.boosters.checkins import answered, check_in_cohort, check_in_page

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC)
OTHER_GROUPS = ["Editors", "Moderators", SME_GROUP, LD_GROUP, "Facilitators"]
STORIES_URL = "/admin/boosters/reports/stories/"


@pytest.fixture
def booster(topic):
    page = booster_with_choices(parent=topic, title="A quiet colleague")
    return BoosterQuestionPage.objects.get(pk=page.pk)


@pytest.fixture
def stories(topic, booster):
    """One story of each consent, by Ana Souza of São Paulo and colleagues."""
    page = check_in_page(topic, title="Asking first", booster=booster)
    cohort = check_in_cohort(page, learners=0, name="São Paulo spring")
    made = {}
    for consent in ("content", "cohort", "private"):
        learner = LearnerFactory(
            first_name="Ana" if consent == "content" else "Bea",
            last_name="Souza" if consent == "content" else consent.title(),
            office="São Paulo",
        )
        made[consent] = answered(
            enrollment=EnrollmentFactory(cohort=cohort, learner=learner),
            page=page,
            consent=consent,
            story=f"My {consent} story.\nIt worked.",
            at=AT,
        )
    return made


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def demo_groups(home_page):
    demo_facilitators_ensure()
    demo_review_workflow_ensure()
    demo_ld_leads_ensure()


def member_client(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(
        f"member-{len(group_name)}", f"{len(group_name)}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


def test_listing_shows_shared_stories_and_only_counts_private_ones(
    admin_client, stories
):
    html = admin_client.get(STORIES_URL).content.decode()

    assert "My content story." in html
    assert "My cohort story." in html
    assert "My private story." not in html
    assert "1 kept private is counted only" in html
    assert "Ana Souza, São Paulo" in html


def test_only_stories_allowed_for_content_offer_use_in_feedback(admin_client, stories):
    html = admin_client.get(STORIES_URL).content.decode()

    assert html.count("Use in feedback") == 1
    assert (
        reverse("boosters_checkin_story_curate", args=[stories["content"].pk]) in html
    )


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("consent=cohort", "My cohort story.", "My content story."),
        ("consent=content", "My content story.", "My cohort story."),
    ],
)
def test_listing_filters_by_consent(admin_client, stories, query, shown, hidden):
    html = admin_client.get(f"{STORIES_URL}?{query}").content.decode()

    assert shown in html
    assert hidden not in html


def test_listing_filters_by_check_in_topic_and_cohort(admin_client, stories, topic):
    answer = stories["content"]
    cohort = answer.enrollment.cohort
    for query in (
        f"check_in={answer.page_id}",
        f"topic={topic.pk}",
        f"cohort={cohort.pk}",
    ):
        html = admin_client.get(f"{STORIES_URL}?{query}").content.decode()
        assert "My content story." in html, query
    other = check_in_page(topic, title="Elsewhere")
    html = admin_client.get(f"{STORIES_URL}?check_in={other.pk}").content.decode()
    assert "My content story." not in html


def test_listing_takes_the_same_queries_for_many_stories(
    admin_client, stories, django_assert_max_num_queries, topic
):
    admin_client.get(STORIES_URL)  # warm up caches (content types, sites)
    with django_assert_max_num_queries(40) as few:
        admin_client.get(STORIES_URL)
    page = stories["cohort"].page
    cohort = stories["cohort"].enrollment.cohort
    for index in range(8):
        answered(
            enrollment=EnrollmentFactory(cohort=cohort),
            page=page,
            consent="cohort",
            story=f"Story {index}",
            at=AT,
        )

    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(STORIES_URL)


def test_curating_adds_the_story_with_credit_to_a_draft_in_review(
    admin_client, stories, booster, demo_groups
):
    answer = stories["content"]
    url = reverse("boosters_checkin_story_curate", args=[answer.pk])
    form = admin_client.get(url).content.decode()
    assert f'value="{booster.pk}" selected' in form  # the check-in's booster

    response = admin_client.post(url, {"page": booster.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[booster.pk])
    booster.refresh_from_db()
    assert "My content story." not in booster.success_looks_like  # live unchanged
    draft = booster.get_latest_revision_as_object()
    assert "<i>“My content story.<br/>It worked.”</i>" in draft.success_looks_like
    assert "— Ana Souza, São Paulo" in draft.success_looks_like
    state = booster.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == SME_TASK
    answer.refresh_from_db()
    assert answer.curated_page_id == booster.pk
    assert answer.curated_by == admin_client.user
    assert answer.curated_at is not None
    listing = admin_client.get(STORIES_URL).content.decode()
    assert "Use in feedback" not in listing
    assert "A quiet colleague" in listing


def test_a_story_goes_into_feedback_once(admin_client, stories, booster):
    answer = stories["content"]
    url = reverse("boosters_checkin_story_curate", args=[answer.pk])
    admin_client.post(url, {"page": booster.pk})
    revisions = booster.revisions.count()

    response = admin_client.post(url, {"page": booster.pk})

    assert response.status_code == 409
    assert "already in a question" in response.content.decode()
    assert booster.revisions.count() == revisions


def test_a_story_shared_only_with_the_cohort_cannot_be_curated(
    admin_client, stories, booster
):
    url = reverse("boosters_checkin_story_curate", args=[stories["cohort"].pk])

    response = admin_client.post(url, {"page": booster.pk})

    assert response.status_code == 409
    assert booster.revisions.count() == 0
    assert CheckInAnswer.objects.filter(curated_page__isnull=False).count() == 0


def test_private_stories_have_no_curation_page(admin_client, stories):
    url = reverse("boosters_checkin_story_curate", args=[stories["private"].pk])

    assert admin_client.get(url).status_code == 404


def test_a_question_must_be_chosen(admin_client, stories):
    url = reverse("boosters_checkin_story_curate", args=[stories["content"].pk])

    response = admin_client.post(url, {"page": "nope"})

    assert response.status_code == 400
    assert "Choose the booster question" in response.content.decode()


def test_ld_leads_read_stories_but_need_page_permission_to_curate(
    client, django_user_model, demo_groups, stories, booster
):
    member = member_client(client, django_user_model, LD_LEADS_GROUP)
    assert member.get(STORIES_URL).status_code == 200
    url = reverse("boosters_checkin_story_curate", args=[stories["content"].pk])

    response = member.post(url, {"page": booster.pk})

    assert response.status_code == 403
    assert "permission to edit “A quiet colleague”" in response.content.decode()
    assert CheckInAnswer.objects.filter(curated_page__isnull=False).count() == 0


@pytest.mark.parametrize("group_name", OTHER_GROUPS)
def test_other_demo_groups_cannot_read_or_curate_stories(
    client, django_user_model, demo_groups, stories, booster, group_name
):
    member = member_client(client, django_user_model, group_name)
    url = reverse("boosters_checkin_story_curate", args=[stories["content"].pk])

    for response in (
        member.get(STORIES_URL),
        member.get(f"{STORIES_URL}?export=csv"),
        member.get(url),
        member.post(url, {"page": booster.pk}),
    ):
        assert response.status_code == 403
    assert booster.revisions.count() == 0
