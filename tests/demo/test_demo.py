"""The demo hub: realistic content that loads safely, again and again."""

from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.documents.models import Document
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site
from wagtailmedia.models import Media

import pytest

from boosters.models import Cohort, Delivery, Enrollment, Learner
from boosters.questions.pages import BoosterQuestionPage
from demo.assets import ASSETS_DIR
from demo.builder import demo_hub_load
from demo.specs import Ref, refs_resolve
from home.captions import parse_webvtt
from home.models import ArticlePage, HomePage, ScreencastPage, TopicPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, var_dir):
    """The demo, loaded once for this module and rolled back after it.

    Each test runs in a savepoint inside this transaction, so tests still
    can't see each other's changes. ``VAR_DIR`` points at a temporary folder
    throughout, so the admin credentials never land in the real ``var/``.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=var_dir),
        transaction.atomic(),
    ):
        result = demo_hub_load()
        yield result
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def no_embed_requests(monkeypatch):
    """Embeds render as a link, as they do offline, without calling YouTube."""

    def unreachable(url, *args, **kwargs):
        raise EmbedNotFoundException(url)

    monkeypatch.setattr(embeds, "get_embed", unreachable)


def demo_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "media": Media.objects.count(),
        "documents": Document.objects.count(),
        "users": get_user_model().objects.count(),
        "cohorts": Cohort.objects.count(),
        "learners": Learner.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "deliveries": Delivery.objects.count(),
    }


def test_demo_cohorts_span_time_zones_and_weekends(demo):
    zones = set(Cohort.objects.values_list("time_zone", flat=True))
    assert {"America/New_York", "Europe/London", "Asia/Singapore"} <= zones
    assert Cohort.objects.filter(weekend="5,6").exists()
    assert Learner.objects.exclude(time_zone="").exists()  # own zones override
    for cohort in Cohort.objects.all():
        steps = cohort.program.steps.count()
        assert steps >= 6
        assert Delivery.objects.filter(enrollment__cohort=cohort).count() == (
            steps * cohort.enrollments.count()
        )


def test_loading_the_demo_again_adds_nothing(demo):
    before = demo_counts()

    again = demo_hub_load()

    assert demo_counts() == before
    assert again.pages_created == []
    assert again.files_created == []
    assert len(again.pages_kept) == len(demo.pages_created)
    assert len(again.files_kept) == len(demo.files_created)


def test_loading_again_keeps_an_editors_changes(demo):
    article = ArticlePage.objects.get(slug="the-sbi-model")
    article.title = "SBI, edited by Sam"
    article.save_revision().publish()

    demo_hub_load()

    article.refresh_from_db()
    assert article.title == "SBI, edited by Sam"
    assert ArticlePage.objects.filter(slug="the-sbi-model").count() == 1


def test_the_command_prints_a_summary(demo):
    output = StringIO()

    call_command("load_demo_hub", stdout=output)

    assert f"0 pages created, {len(demo.pages_created)} kept" in output.getvalue()
    assert "password was not changed" in output.getvalue()


def test_home_page_replaces_the_welcome_page_as_site_root(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific

    assert isinstance(home, HomePage)
    assert home.title == "Feedback Conversations Hub"
    assert len(home.featured) >= 3
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_top_level_topics_are_in_the_menu_and_may_nest(demo):
    home = HomePage.objects.get()
    topics = TopicPage.objects.child_of(home)

    assert topics.count() >= 3
    assert all(topic.show_in_menus for topic in topics)
    assert TopicPage.objects.descendant_of(topics.get(slug="giving-feedback")).exists()


def test_every_demo_page_is_published_from_a_revision(demo):
    pages = Page.objects.filter(depth__gt=1)

    assert pages.count() == len(demo.pages_created)
    for page in pages:
        assert page.live, page
        assert page.live_revision_id, page


def test_articles_have_hero_images_with_alt_text_and_varied_blocks(demo):
    articles = ArticlePage.objects.all()
    block_types = {block.block_type for article in articles for block in article.body}

    assert articles.count() >= 3
    for article in articles:
        assert article.hero_image and article.hero_alt_text
        assert article.summary and article.tags.exists()
    assert len(block_types) == 13  # every block HubStreamBlock offers


def test_screencasts_have_a_video_captions_and_chapters(demo):
    screencasts = ScreencastPage.objects.all()

    assert screencasts.count() >= 2
    for screencast in screencasts:
        video = screencast.video
        assert video.type == "video" and video.file.size > 0
        assert 20 <= video.duration <= 30
        assert (video.width, video.height) == (960, 540)
        assert screencast.poster_image is not None

        with screencast.captions.open_file() as handle:
            cues = parse_webvtt(handle.read().decode("utf-8"))
        assert len(cues) >= 6
        assert cues[-1].end <= video.duration

        chapters = list(screencast.chapters.all())
        assert len(chapters) >= 3
        assert chapters[-1].start_seconds < video.duration
        assert len(screencast.takeaways) >= 3


def test_booster_questions_have_one_correct_choice_and_feedback_on_each(demo):
    boosters = BoosterQuestionPage.objects.all()

    assert boosters.count() >= 6
    for booster in boosters:
        choices = list(booster.choices.all())
        assert 3 <= len(choices) <= 4, booster
        assert sum(choice.is_correct for choice in choices) == 1, booster
        assert all(choice.feedback.strip() for choice in choices), booster
        assert booster.explanation and booster.success_looks_like
        assert booster.expected_results and booster.discussion_prompt
        assert booster.resource_links and booster.tags.exists()


def test_the_right_answer_is_not_always_first_nor_always_the_longest(demo):
    correct_first, correct_longest = [], []
    boosters = BoosterQuestionPage.objects.all()
    for booster in boosters:
        choices = list(booster.choices.all())
        right = next(choice for choice in choices if choice.is_correct)
        correct_first.append(choices[0] == right)
        correct_longest.append(
            len(right.text) == max(len(choice.text) for choice in choices)
        )

    # Learners can't game the questions by picking the first or longest choice.
    assert sum(correct_first) <= len(boosters) // 3
    assert sum(correct_longest) <= len(boosters) // 3


def test_an_all_of_the_above_question_keeps_its_choice_order(demo):
    question = BoosterQuestionPage.objects.get(choices__text__iexact="All of the above")

    assert question.keep_choice_order
    assert question.choices.last().text == "All of the above"
    others = BoosterQuestionPage.objects.exclude(pk=question.pk)
    assert not others.filter(keep_choice_order=True).exists()


def test_booster_links_include_a_page_a_website_and_a_document(demo):
    kinds = {
        block.block_type
        for booster in BoosterQuestionPage.objects.all()
        for block in booster.resource_links
    }

    assert kinds == {"page_link", "external_link", "document_link"}


def test_every_demo_page_renders(demo, client):
    for page in Page.objects.filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_answering_a_demo_booster_shows_that_choices_feedback(demo, client):
    booster = BoosterQuestionPage.objects.get(slug="describe-the-behaviour")
    wrong = booster.choices.filter(is_correct=False).first()

    response = client.post(booster.url, {"choice": wrong.pk})

    assert response.status_code == 200
    assert wrong.feedback in response.content.decode()


def test_admin_gets_a_random_password_saved_for_make_run(demo, var_dir):
    admin = get_user_model().objects.get(username="admin")
    credentials = (var_dir / "demo-admin.txt").read_text()

    assert admin.is_superuser
    assert demo.admin.created and admin.check_password(demo.admin.password)
    assert "user: admin" in credentials and demo.admin.password in credentials


def test_loading_again_keeps_the_admin_password_unless_one_is_given(demo, var_dir):
    admin = get_user_model().objects.get(username="admin")

    kept = demo_hub_load()
    admin.refresh_from_db()
    assert kept.admin.password is None
    assert admin.check_password(demo.admin.password)

    demo_hub_load(admin_password="a-new-demo-password")
    admin.refresh_from_db()
    assert admin.check_password("a-new-demo-password")
    assert "a-new-demo-password" in (var_dir / "demo-admin.txt").read_text()
    # Put the module's credentials file back as the fixture wrote it.
    demo_hub_load(admin_password=demo.admin.password)


def test_refs_resolve_deep_inside_stream_data():
    data = [{"type": "page_cards_block", "value": {"pages": [Ref("page", "a/b")]}}]

    resolved = refs_resolve(data, resolve=lambda ref: f"<{ref.key}>")

    assert resolved == [{"type": "page_cards_block", "value": {"pages": ["<a/b>"]}}]


def test_demo_assets_stay_small():
    total = sum(path.stat().st_size for path in ASSETS_DIR.iterdir())

    assert total < 1_500_000


@pytest.mark.parametrize(
    ("word", "title", "label"),
    [
        ("sandwich", "Feedback people can use: the SBI model", "Article"),
        ("stings", "When feedback stings", "Booster question"),
        (
            "judgement",  # only in the narration (captions), not its other fields
            "Preparing a feedback conversation with the SBI template",
            "Screencast",
        ),
    ],
)
def test_search_finds_demo_content_of_each_type(demo, client, word, title, label):
    response = client.get("/search/", {"query": word})
    results = {
        r.title: r.content_type_label for r in response.context["search_results"]
    }
    assert results.get(title) == label


def test_demo_sets_up_facilitators_and_a_discussion_step(demo):
    from django.contrib.auth.models import Group

    from boosters.models import Program

    group = Group.objects.get(name="Facilitators")
    assert group.permissions.filter(codename="change_thread").exists()
    assert group.page_permissions.filter(permission__codename="add_page").exists()
    program = Program.objects.get(slug="feedback-boosters")
    assert program.pulse_question
    step_types = {step.page.specific_class.__name__ for step in program.steps.all()}
    assert "DiscussionPage" in step_types


def test_only_the_demo_ld_leads_see_analytics_and_export(demo):
    from django.contrib.auth.models import Group

    holders = {
        group.name
        for group in Group.objects.all()
        if group.permissions.filter(
            codename__in=["view_analytics", "export_learner_data"]
        ).exists()
    }
    leads = Group.objects.get(name="L&D leads")
    dana = get_user_model().objects.get(username="dana")

    assert holders == {"L&D leads"}
    assert set(
        leads.permissions.filter(content_type__app_label="boosters").values_list(
            "codename", flat=True
        )
    ) >= {"view_analytics", "export_learner_data", "view_answer", "view_delivery"}
    assert dana.has_perm("boosters.view_analytics")
    assert dana.has_perm("boosters.export_learner_data")
    assert not dana.is_superuser and not dana.has_usable_password()
