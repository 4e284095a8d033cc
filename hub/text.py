"""What counts as a clean single-line name: a person's name, an office, a title.

Every place that stores one (roster import, the admin forms, community titles)
cleans it with ``single_line_clean``, so they agree on what gets through.

Two kinds of unwanted characters, treated differently:

* **Invisible formatting** (zero-width spaces and joiners, the byte-order mark,
  bidi marks, embeddings, overrides and isolates) is **stripped**. It is
  invisible, pasted in from Word, Outlook or a web page, and carries no meaning
  in a name; a bidi override can also make a name *display* as something else.
  Whitespace is trimmed and runs of spaces collapse to one.
* **Line breaks, tabs and other control characters** (C0, DEL, C1, U+2028/9)
  are **refused** with a message. A line break in a name usually means a broken
  CSV cell or a paste of two fields; guessing would hide it, and in an email
  subject it breaks the message. NUL cannot even be stored on PostgreSQL.
"""

import re
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Stripped: zero-width (U+200B-U+200D, U+2060, U+FEFF) and bidi controls
# (U+200E/F, U+061C, U+202A-U+202E, U+2066-U+2069).
_INVISIBLE = re.compile(
    "[\u200b-\u200d\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_NAMES = {"\x00": "NUL", "\x7f": "DEL", "\x1b": "ESC"}


def single_line_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a single-line name, or None.

    The text reads after a subject: "The first name " + problem.
    """
    found = _CONTROL.search(value or "")
    if found is None:
        return None
    char = found.group()
    if char in _LINE_BREAKS:
        return _("contains a line break; it must fit on one line")
    if char == "\t":
        return _("contains a tab; use a space instead")
    name = _CONTROL_NAMES.get(char, f"U+{ord(char):04X}")
    return _(
        "contains a control character (%(name)s); delete it and type the text again"
    ) % {"name": name}


def single_line_normalise(value: str) -> str:
    """``value`` without invisible formatting, trimmed, with single spaces."""
    return " ".join(_INVISIBLE.sub("", value or "").split())


def single_line_clean(value: str) -> str:
    """The clean form of ``value``; ValidationError if it has a control character."""
    problem = single_line_problem(value)
    if problem:
        raise ValidationError(f"This {problem}.", code="control_character")
    return single_line_normalise(value)


class SingleLineFieldsMixin:
    """Model mixin: ``clean_fields`` cleans the fields in ``single_line_fields``.

    Model forms (the Wagtail admin's included) call ``full_clean``, so a bad
    name shows as an error on its field and a good one is saved cleaned. A
    validator on the field itself would change the migrations; this does not.
    Fields a form leaves out are skipped, so an old value never blocks a save.
    """

    single_line_fields: ClassVar[tuple[str, ...]] = ()

    def clean_fields(self, exclude=None):
        errors = {}
        for name in self.single_line_fields:
            value = getattr(self, name)
            if (exclude and name in exclude) or not isinstance(value, str):
                continue
            try:
                setattr(self, name, single_line_clean(value))
            except ValidationError as error:
                errors[name] = error.error_list
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
