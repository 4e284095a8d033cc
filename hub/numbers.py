"""Numbers as the reader's language writes them: "4,000", "4.000", "4 000"."""

from django.utils.formats import number_format
from django.utils.functional import lazy


def number_grouped(value: int) -> str:
    """``value`` with the active language's thousands separator, whatever
    ``USE_THOUSAND_SEPARATOR`` says: a character limit reads "4,000" in
    English, "4.000" in Brazilian Portuguese."""
    return number_format(value, force_grouping=True)


# For limits in messages built at import time (form errors, help texts).
number_grouped_lazy = lazy(number_grouped, str)
