"""A clean single-line name: invisible formatting stripped, control characters refused."""

import re

from django.core.exceptions import ValidationError

import pytest

from hub.text import single_line_clean, single_line_problem


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Ana   Maria  Silva ", "Ana Maria Silva"),
        ("\u200bAna\u200c\u200d\u2060\ufeff", "Ana"),  # zero-width
        ("\u202eanA\u202c", "anA"),  # a right-to-left override
        ("\u2066São Paulo\u2069\u200e\u200f\u061c", "São Paulo"),  # isolates, marks
        ("Zoë Ødegård 王秀英", "Zoë Ødegård 王秀英"),  # letters are left alone
        ("", ""),
    ],
)
def test_invisible_formatting_is_stripped_and_spaces_collapse(typed, stored):
    assert single_line_clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Ana\nSilva", "contains a line break"),
        ("Ana\r\nSilva", "contains a line break"),
        ("Ana\rSilva", "contains a line break"),
        ("Ana\u2028Silva", "contains a line break"),
        ("Ana\tSilva", "contains a tab"),
        ("Ana\x00", "contains a control character (NUL)"),
        ("Ana\x1b[31m", "contains a control character (ESC)"),
        ("Ana\x7f", "contains a control character (DEL)"),
        ("Ana\x85Silva", "contains a line break"),  # C1 next line
        ("Ana\x9bSilva", "contains a control character (U+009B)"),  # C1 CSI
    ],
)
def test_line_breaks_and_control_characters_are_refused_by_name(typed, message):
    assert message in single_line_problem(typed)
    with pytest.raises(ValidationError, match=re.escape(message)):
        single_line_clean(typed)


def test_a_clean_name_has_no_problem():
    assert single_line_problem("Ana Silva, São Paulo (HQ) – L&D") is None
