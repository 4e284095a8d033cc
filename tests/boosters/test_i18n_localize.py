"""Editors translate with wagtail-localize's "Translate this page" (P12):
questions keep their choices mapped, screencasts may carry their own captions."""

from django.urls import reverse

from wagtail.models import Locale

import pytest
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from boosters.factories import booster_with_choices
from boosters.models import BoosterQuestionPage
from home.factories import ScreencastPageFactory

pytestmark = pytest.mark.django_db


def test_translate_this_page_copies_the_question_with_its_choices(admin_client, topic):
    question = booster_with_choices(parent=topic, title="Naming the behaviour")
    portuguese = Locale.objects.get(language_code="pt-br")
    url = reverse("wagtail_localize:submit_page_translation", args=[question.pk])

    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"locales": [portuguese.pk]})

    assert response.status_code == 302
    translation = BoosterQuestionPage.objects.get(
        translation_key=question.translation_key, locale=portuguese
    )
    assert [c.translation_key for c in translation.choices.all()] == [
        c.translation_key for c in question.choices.all()
    ]
    assert {c.locale_id for c in translation.choices.all()} == {portuguese.pk}
    # The translation editor opens on it.
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    assert editor.status_code == 200


def test_the_page_editor_offers_translate_this_page(admin_client, topic):
    question = booster_with_choices(parent=topic)
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[question.pk])
    ).content.decode()
    assert (
        reverse("wagtail_localize:submit_page_translation", args=[question.pk]) in html
    )


def test_a_screencast_translation_may_override_its_captions(topic):
    fields = {
        field.field_name: field
        for field in get_translatable_fields(type(ScreencastPageFactory.build()))
    }
    for name in ("captions", "captions_language"):
        assert isinstance(fields[name], SynchronizedField)
        assert fields[name].overridable


def test_the_email_preview_of_a_translation_is_in_its_language(topic):
    from boosters.drip.previews import email_preview_message
    from tests.boosters.i18n_helpers import translate_page

    question = booster_with_choices(parent=topic)
    pt = translate_page(question, "pt-br", title="Nomeando", slug="nomeando")
    html = next(
        body
        for body, kind in email_preview_message(page=pt).alternatives
        if kind == "text/html"
    )
    assert '<html lang="pt-br">' in html
    english = next(
        body
        for body, kind in email_preview_message(page=question).alternatives
        if kind == "text/html"
    )
    assert '<html lang="en">' in english


def test_screencast_chapters_translate_with_their_screencast(topic):
    from wagtail_localize.fields import TranslatableField

    from home.factories import ScreencastChapterFactory
    from home.models import ScreencastChapter
    from tests.media import video_media

    fields = {f.field_name: f for f in get_translatable_fields(ScreencastChapter)}
    assert isinstance(fields["title"], TranslatableField)
    assert isinstance(fields["timestamp"], SynchronizedField)

    screencast = ScreencastPageFactory(parent=topic, video=video_media())
    ScreencastChapterFactory(page=screencast, timestamp="0:30", title="Open the form")
    pt = screencast.copy_for_translation(
        Locale.objects.get(language_code="pt-br"), copy_parents=True
    ).specific
    (chapter,) = pt.chapters.all()
    assert chapter.translation_key == screencast.chapters.get().translation_key
    assert chapter.locale.language_code == "pt-br"
