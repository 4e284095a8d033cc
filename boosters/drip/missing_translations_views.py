"""The "Missing translations" report in the admin (P12), and the note on a
program's or cohort's edit page. For translators: those who may submit
translations (``wagtail_localize.submit_translation``: Wagtail's Editors and
Moderators groups, and superusers)."""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from boosters.drip.missing_translations import (
    missing_translations,
    missing_translations_summary,
)
from boosters.learners.languages import language_codes, language_name
from boosters.models import Program
from hub.admin_permissions import admin_permission_required

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


@admin_permission_required(TRANSLATE_PERMISSION)
def missing_translations_view(request):
    """Per program, the pages some cohort would read untranslated, with a
    link to translate each (or to finish its draft translation)."""
    programs = Program.objects.order_by("name")
    program = programs.filter(pk=_int(request.GET.get("program"))).first()
    language = request.GET.get("language", "")
    rows = missing_translations(
        programs=[program] if program else programs,
        languages=[language] if language in language_codes() else None,
    )
    return TemplateResponse(
        request,
        "boosters/admin/translations/missing.html",
        {
            "rows": rows,
            "programs": programs,
            "program": program,
            "language": language,
            "languages": [(code, language_name(code)) for code in language_codes()],
        },
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def missing_translations_noted(view_class):
    """``view_class`` (a program's or cohort's edit view) with a warning on
    the page when some of its readers' languages lack translations."""

    class Noted(view_class):
        def get(self, request, *args, **kwargs):
            instance = self.instance
            is_program = isinstance(instance, Program)
            sentences = missing_translations_summary(
                program=instance if is_program else None,
                cohort=None if is_program else instance,
            )
            if sentences:
                link = reverse("boosters_missing_translations")
                program = instance if is_program else instance.program
                messages.warning(
                    request,
                    format_html(
                        '{} <a href="{}?program={}">See missing translations</a>',
                        " ".join(sentences),
                        link,
                        program.pk,
                    ),
                )
            return super().get(request, *args, **kwargs)

    Noted.__name__ = view_class.__name__
    return Noted
