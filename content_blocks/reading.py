"""Readable text from StreamField values, for estimated reading times.

Everything here works on stored values only: no templates are rendered and no
embeds are fetched, so it is cheap enough to run while a page is saved or listed.
"""

import html
import math
import re
from collections.abc import Iterator
from decimal import Decimal

from django.utils.html import strip_tags

from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.contrib.typed_table_block.blocks import TypedTable
from wagtail.rich_text import RichText

# Closing block-level tags and line breaks end a word, so "<p>one</p><p>two</p>"
# must read as "one two", not "onetwo".
_BLOCK_BOUNDARY = re.compile(
    r"(</(?:p|h[1-6]|li|blockquote|div|td|th)>|<br\s*/?>)", re.IGNORECASE
)
_WHITESPACE = re.compile(r"\s+")

# Struct children whose string values are settings or addresses, not prose.
_NON_PROSE_BLOCKS = (blocks.ChoiceBlock, blocks.URLBlock)


def html_to_text(markup: str) -> str:
    """Return the words of an HTML fragment, without tags or entities."""
    text = strip_tags(_BLOCK_BOUNDARY.sub(r"\1 ", markup or ""))
    return _WHITESPACE.sub(" ", html.unescape(text)).strip()


def stream_plain_text(stream_value) -> str:
    """Return the readable text of a StreamField value, one block per line."""
    pieces = (_WHITESPACE.sub(" ", text).strip() for text in _texts(stream_value))
    return "\n".join(piece for piece in pieces if piece)


def reading_time_minutes(text: str, *, words_per_minute: int = 200) -> int:
    """Return whole minutes to read ``text``, rounded up and never less than 1."""
    words = len(text.split())
    return max(1, math.ceil(words / words_per_minute))


def _texts(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, RichText):
        yield html_to_text(value.source)
    elif isinstance(value, blocks.StreamValue):
        for child in value:
            yield from _texts(child.value)
    elif isinstance(value, blocks.StructValue):
        for name, child_block in value.block.child_blocks.items():
            if not isinstance(child_block, _NON_PROSE_BLOCKS):
                yield from _texts(value.get(name))
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, TypedTable):
        yield from _table_texts(value)


def _table_texts(table: TypedTable) -> Iterator[str]:
    yield table.caption or ""
    for column in table.columns:
        yield column["heading"] or ""
    for row in table.row_data:
        for cell in row["values"]:
            # Numbers in a table are read like words; elsewhere they are settings.
            if isinstance(cell, int | float | Decimal):
                yield str(cell)
            else:
                yield from _texts(cell)
