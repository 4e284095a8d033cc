"""The demo's languages: locales, São Paulo reads Portuguese, and Portuguese
translations of its first boosters, made once."""

from wagtail.models import Locale

import pytest

from boosters.factories import CohortFactory, booster_with_choices
from boosters.models import BoosterQuestionPage
from demo.languages import demo_languages_ensure

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
