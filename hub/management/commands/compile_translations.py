"""Compile the interface translations (locale/*/LC_MESSAGES/django.po) to .mo.

``make install`` runs it, so a fresh machine gets Portuguese and Spanish without
GNU gettext: polib (a wagtail-localize dependency) writes the .mo files. Only the
hub's own LOCALE_PATHS are compiled, never the installed packages' catalogues.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

import polib


def translations_compile(*, locale_dirs: list[Path]) -> list[Path]:
    """Write a .mo beside each .po under ``locale_dirs``; return the .mo paths.

    Fuzzy entries are left out, as msgfmt does: a guess is worse than English.
    """
    written = []
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            catalogue = polib.pofile(str(po_path))
            for entry in catalogue.fuzzy_entries():
                catalogue.remove(entry)
            mo_path = po_path.with_suffix(".mo")
            catalogue.save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


class Command(BaseCommand):
    requires_system_checks: list = []
    help = "Compile the hub's .po translations to .mo with polib (no gettext needed)."

    def handle(self, *args, **options):
        written = translations_compile(
            locale_dirs=[Path(path) for path in settings.LOCALE_PATHS]
        )
        for path in written:
            self.stdout.write(f"Compiled {path}")
