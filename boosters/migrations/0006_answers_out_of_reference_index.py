"""Drop the reference index rows of answers and question states.

They are no longer indexed (``wagtail_reference_index_ignore``); rows indexed
before would otherwise stay in each question's Usage tab for good.
"""

from django.db import migrations


def references_remove(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    types = ContentType.objects.filter(
        app_label="boosters", model__in=["answer", "questionstate"]
    )
    ReferenceIndex.objects.filter(base_content_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("boosters", "0005_notices_managers_pulse"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [
        migrations.RunPython(references_remove, migrations.RunPython.noop),
    ]
