"""Numbers shown to learners follow their language's separators (P12)."""

from django.utils import translation

import pytest

from community.forms import FORMATTING_HELP, ReplyForm
from hub.numbers import number_grouped


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "4,000"), ("pt-br", "4.000"), ("es", "4\xa0000")],
)
def test_a_limit_is_grouped_as_the_language_writes_it(language, expected):
    with translation.override(language):
        assert number_grouped(4000) == expected


def test_a_post_limit_reads_5000_in_english_and_5_000_in_portuguese():
    assert str(FORMATTING_HELP).endswith("Up to 5,000 characters.")
    with translation.override("pt-br"):
        assert "5.000 caracteres" in str(FORMATTING_HELP)
        form = ReplyForm(data={"text": "x" * 5001})
        assert not form.is_valid()
        assert "5.000" in form.errors["text"][0]
