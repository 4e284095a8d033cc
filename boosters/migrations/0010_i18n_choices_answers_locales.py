"""P12: a locale per hub language, translatable booster choices, and the
language an answer was given in."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def locales_create(apps, schema_editor):
    """A Wagtail locale for every content language (idempotent)."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def choices_localize(apps, schema_editor):
    """Each existing choice takes its question's locale and a key of its own."""
    BoosterChoice = apps.get_model("boosters", "BoosterChoice")
    Page = apps.get_model("wagtailcore", "Page")
    page_locales = dict(
        Page.objects.filter(
            pk__in=BoosterChoice.objects.values("page_id")
        ).values_list("pk", "locale_id")
    )
    for choice in BoosterChoice.objects.all().only("pk", "page_id"):
        BoosterChoice.objects.filter(pk=choice.pk).update(
            locale_id=page_locales[choice.page_id], translation_key=uuid.uuid4()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("boosters", "0009_languages_checkins_session_notices"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(locales_create, migrations.RunPython.noop),
        migrations.AddField(
            model_name="answer",
            name="language",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddField(
            model_name="boosterchoice",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="boosterchoice",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(choices_localize, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="boosterchoice",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="boosterchoice",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="boosterchoice",
            unique_together={("translation_key", "locale")},
        ),
    ]
