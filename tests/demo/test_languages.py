"""The demo's languages: locales, São Paulo reads Portuguese, and Portuguese
translations of its first boosters, made once."""

from wagtail.models import Locale, Page

import pytest

from boosters.drip.missing_translations import (
    missing_translations,
    missing_translations_summary,
)
from boosters.factories import CohortFactory, booster_with_choices
from boosters.models import ApplicationCheckInPage, BoosterQuestionPage, Program
from community.pages import DiscussionPage
from demo.checkins import demo_checkins_ensure
from demo.drip import PROGRAM_SLUG
from demo.languages import demo_languages_ensure
from demo.languages_pt import TRANSLATIONS
from home.models import ArticlePage, ScreencastPage
from live_sessions.models import LiveSessionPage
from tests.demo.test_demo import demo, no_embed_requests, var_dir  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_languages_translate_sao_paulos_boosters_once(topic):
    source = booster_with_choices(
        parent=topic,
        slug="describe-the-behaviour",
        title="Describe the behaviour, not the person",
        wrong=("A judgement", "A guess", "Always"),
    )
    sao_paulo = CohortFactory(slug="sao-paulo", time_zone="America/Sao_Paulo")

    first = demo_languages_ensure()
    again = demo_languages_ensure()

    assert set(Locale.objects.values_list("language_code", flat=True)) == {
        "en",
        "pt-br",
        "es",
    }
    sao_paulo.refresh_from_db()
    assert sao_paulo.language == "pt-br"
    assert first.translations_created == ["describe-the-behaviour"]
    assert again.translations_created == []
    portuguese = BoosterQuestionPage.objects.get(
        translation_key=source.translation_key, locale__language_code="pt-br"
    )
    assert portuguese.live
    assert portuguese.title == "Descreva o comportamento, não a pessoa"
    texts = [c.text for c in portuguese.choices.all()]
    assert "“Você interrompeu a Chen duas vezes" in texts[1]
    assert [c.translation_key for c in portuguese.choices.all()] == [
        c.translation_key for c in source.choices.all()
    ]


@pytest.fixture
def demo_in_portuguese(demo):  # noqa: F811
    demo_checkins_ensure()
    return demo_languages_ensure()


def test_every_page_sao_paulo_receives_has_a_live_portuguese_translation(
    demo_in_portuguese,
):
    assert sorted(demo_in_portuguese.translations_created) == sorted(TRANSLATIONS)
    assert demo_in_portuguese.left_in_english == []
    program = Program.objects.get(slug=PROGRAM_SLUG)
    assert missing_translations(programs=[program], languages=["pt-br"]) == []
    assert missing_translations_summary(program=program) == []


def test_the_portuguese_pages_read_in_portuguese(demo_in_portuguese):
    def portuguese(model, slug):
        source = model.objects.get(slug=slug)
        return model.objects.get(
            translation_key=source.translation_key, locale__language_code="pt-br"
        )

    article = portuguese(ArticlePage, "the-sbi-model")
    assert article.live and article.slug == "o-modelo-sbi"
    body = str(article.body)
    assert "Situação, Comportamento, Impacto" in body
    assert "Most feedback fails" not in body
    assert (
        article.hero_image_id
        == ArticlePage.objects.get(slug="the-sbi-model").hero_image_id
    )

    screencast = portuguese(ScreencastPage, "preparing-with-the-sbi-template")
    assert [c.title for c in screencast.chapters.all()][0] == "Abra o modelo SBI"

    sandwich = portuguese(BoosterQuestionPage, "skip-the-feedback-sandwich")
    assert "Marco" in sandwich.question and "relatórios" in sandwich.question
    assert [c.is_correct for c in sandwich.choices.all()] == [
        False,
        False,
        False,
        True,
    ]
    assert "O que aconteceu?" in sandwich.choices.all()[3].text

    check_in = portuguese(ApplicationCheckInPage, "tried-describing-the-behaviour")
    assert check_in.story_prompt == "O que aconteceu quando você experimentou?"

    clinic = portuguese(LiveSessionPage, "feedback-clinic-feedback-upwards")
    agenda = [block.value["title"] for block in clinic.agenda]
    assert agenda == [
        "Aquecimento: a conversa que você vive adiando",
        "SBI na prática",
        "Prática em duplas",
    ]
    assert (
        clinic.starts_at
        == LiveSessionPage.objects.get(
            slug="feedback-clinic-feedback-upwards"
        ).starts_at
    )

    discussion = portuguese(DiscussionPage, "feedback-that-changed-how-you-work")
    assert "Pense em um feedback" in str(discussion.questions)


def test_loading_the_languages_again_adds_nothing(demo_in_portuguese):
    pages = Page.objects.count()

    again = demo_languages_ensure()

    assert again.translations_created == []
    assert Page.objects.count() == pages


def test_a_portuguese_live_session_and_article_render(demo_in_portuguese, client):
    for model, slug, words in (
        (LiveSessionPage, "feedback-clinic-feedback-upwards", "SBI na prática"),
        (ArticlePage, "feed-forward", "Perguntas que fazem a conversa avançar"),
    ):
        source = model.objects.get(slug=slug)
        page = source.get_translation(Locale.objects.get(language_code="pt-br"))
        response = client.get(page.get_url())
        assert response.status_code == 200, page.get_url()
        assert words in response.content.decode()
