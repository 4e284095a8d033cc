"""P12: screencast chapters are translatable with their screencast."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def chapters_localize(apps, schema_editor):
    """Each existing chapter takes its screencast's locale and a key of its own."""
    ScreencastChapter = apps.get_model("home", "ScreencastChapter")
    Page = apps.get_model("wagtailcore", "Page")
    page_locales = dict(
        Page.objects.filter(
            pk__in=ScreencastChapter.objects.values("page_id")
        ).values_list("pk", "locale_id")
    )
    for chapter in ScreencastChapter.objects.all().only("pk", "page_id"):
        ScreencastChapter.objects.filter(pk=chapter.pk).update(
            locale_id=page_locales[chapter.page_id], translation_key=uuid.uuid4()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="screencastchapter",
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
            model_name="screencastchapter",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(chapters_localize, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="screencastchapter",
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
            model_name="screencastchapter",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="screencastchapter",
            unique_together={("translation_key", "locale")},
        ),
    ]
