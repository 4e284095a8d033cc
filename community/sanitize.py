"""Turning what members type into safe HTML, and back.

Members type plain text with a little Markdown-like formatting (the reply form
explains it):

- a blank line starts a new paragraph; a single line break stays a line break;
- ``**bold**``, ``*italic*`` (or ``_italic_``) and ```code```;
- lines starting with ``- `` or ``* `` make a bulleted list, ``1. `` a numbered one;
- lines starting with ``>`` are a quote;
- bare ``https://`` addresses become links, and so does ``[text](https://…)``.

Everything typed is HTML-escaped first, so markup a member types shows as text.
The result then goes through nh3 (the ammonia sanitizer) with a short allow-list:
no script runs, no image loads (so no tracking pixel), no style or ``on*``
attribute survives, and links may only be http, https or mailto. Bodies are
stored sanitized and sanitized again when they are shown (``post_html_sanitize``).
"""

import html
import re
from html.parser import HTMLParser

import nh3

POST_MAX_CHARS = 5000

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code"}
)
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"
# Removed with everything inside them, not just unwrapped.
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript"}
)

_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s*&gt;\s?(.*)$")  # matched on escaped text

# Inline markup, tried left to right on escaped text. Code first: its content is
# taken literally.
_INLINE = re.compile(
    r"`(?P<code>[^`\n]+)`"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<target>(?:https?://|mailto:)[^\s)]+)\)"
    r"|(?P<url>(?:https?://|www\.)(?:[^\s&<]|&amp;)+)"
    r"|\*\*(?P<bold>\S(?:[^\n]*?\S)?)\*\*"
    r"|(?<![\w*])\*(?P<star>[^\s*](?:[^*\n]*?[^\s*])?)\*(?![\w*])"
    r"|(?<![\w_])_(?P<under>[^\s_](?:[^_\n]*?[^\s_])?)_(?![\w_])"
)
# Punctuation that ends a sentence rather than a bare address.
_URL_TRAILING = ".,;:!?)'\""


def post_html_sanitize(markup: str) -> str:
    """``markup`` with only the allowed tags, attributes and link schemes left."""
    return nh3.clean(
        markup or "",
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={"a": {"href"}},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def post_html_from_text(text: str) -> str:
    """The sanitized HTML for what a member typed (see the module docstring)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    escaped = html.escape(text, quote=True)
    blocks = re.split(r"\n\s*\n", escaped)
    markup = "".join(_block_html(block) for block in blocks if block.strip())
    return post_html_sanitize(markup)


def _block_html(block: str) -> str:
    """One block of lines: paragraphs, lists and quotes in the order typed."""
    parts: list[str] = []
    group_kind = None
    group: list[str] = []

    def flush():
        if group:
            parts.append(_group_html(group_kind, group))

    for line in block.split("\n"):
        kind, content = _line_kind(line)
        if kind != group_kind:
            flush()
            group_kind, group = kind, []
        group.append(content)
    flush()
    return "".join(parts)


def _line_kind(line: str) -> tuple[str, str]:
    for kind, pattern in (("ul", _BULLET), ("ol", _NUMBERED), ("quote", _QUOTE)):
        match = pattern.match(line)
        if match:
            return kind, match.group(1)
    return "p", line.strip()


def _group_html(kind: str, lines: list[str]) -> str:
    if kind in ("ul", "ol"):
        items = "".join(f"<li>{_inline_html(line)}</li>" for line in lines)
        return f"<{kind}>{items}</{kind}>"
    lines = [line for line in lines if line.strip()] if kind == "p" else lines
    if not lines:
        return ""
    paragraph = "<br>".join(_inline_html(line) for line in lines)
    if kind == "quote":
        return f"<blockquote><p>{paragraph}</p></blockquote>"
    return f"<p>{paragraph}</p>"


def _inline_html(escaped: str) -> str:
    """Inline formatting for one line of already-escaped text."""
    return _INLINE.sub(_inline_match, escaped)


def _inline_match(match: re.Match) -> str:
    groups = match.groupdict()
    if groups["code"] is not None:
        return f"<code>{groups['code']}</code>"
    if groups["target"] is not None:
        return f'<a href="{groups["target"]}">{groups["label"]}</a>'
    if groups["url"] is not None:
        return _bare_url_html(groups["url"])
    if groups["bold"] is not None:
        return f"<strong>{_inline_html(groups['bold'])}</strong>"
    inner = groups["star"] if groups["star"] is not None else groups["under"]
    return f"<em>{_inline_html(inner)}</em>"


def _bare_url_html(escaped_url: str) -> str:
    url = html.unescape(escaped_url)
    trailing = ""
    while url and url[-1] in _URL_TRAILING:
        # Keep a closing parenthesis that closes one opened inside the address.
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trailing = url[-1] + trailing
        url = url[:-1]
    if url in ("http://", "https://", "www."):
        return html.escape(url + trailing)
    href = url if not url.startswith("www.") else f"https://{url}"
    return (
        f'<a href="{html.escape(href)}">{html.escape(url)}</a>{html.escape(trailing)}'
    )


def post_plain_text(markup: str) -> str:
    """The words of a sanitized body, for previews, summaries and quotes."""
    return _TextWriter.convert(markup, markdown=False)


def post_text_from_html(markup: str) -> str:
    """The text a member would type to get ``markup``; used to edit a post."""
    return _TextWriter.convert(markup, markdown=True)


class _TextWriter(HTMLParser):
    """Walks the small set of tags ``post_html_from_text`` produces."""

    def __init__(self, *, markdown: bool):
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.lists: list[list] = []  # [kind, next number]
        self.quote_depth = 0
        self.link_href: str | None = None
        self.link_text: list[str] = []

    @classmethod
    def convert(cls, markup: str, *, markdown: bool) -> str:
        writer = cls(markdown=markdown)
        writer.feed(markup or "")
        writer.close()
        writer._end_block()
        text = "\n\n".join(block for block in writer.blocks if block.strip())
        return text if markdown else re.sub(r"[ \t]+", " ", text).strip()

    def _write(self, text: str) -> None:
        if self.link_href is not None:
            self.link_text.append(text)
        else:
            self.line.append(text)

    def _end_block(self) -> None:
        text = "".join(self.line).strip()
        self.line = []
        if not text:
            return
        if self.quote_depth and self.markdown:
            text = "\n".join(f"> {line}" for line in text.split("\n"))
        self.blocks.append(text)

    def handle_starttag(self, tag, attrs):
        marks = {"strong": "**", "em": "*", "code": "`"}
        if tag in ("p", "ul", "ol"):
            if tag == "p" or not self.lists:
                self._end_block()
            if tag in ("ul", "ol"):
                self.lists.append([tag, 1])
        elif tag == "blockquote":
            self._end_block()
            self.quote_depth += 1
        elif tag == "li":
            if self.line:
                self.line.append("\n")
            if self.markdown and self.lists:
                kind, number = self.lists[-1]
                self.line.append("- " if kind == "ul" else f"{number}. ")
                self.lists[-1][1] += 1
        elif tag == "br":
            self._write("\n" if self.markdown else " ")
        elif tag == "a":
            self.link_href = dict(attrs).get("href") or ""
            self.link_text = []
        elif tag in marks and self.markdown:
            self._write(marks[tag])

    def handle_endtag(self, tag):
        marks = {"strong": "**", "em": "*", "code": "`"}
        if tag in ("p",):
            self._end_block()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._end_block()
        elif tag == "blockquote":
            self._end_block()
            self.quote_depth = max(0, self.quote_depth - 1)
        elif tag == "a" and self.link_href is not None:
            label = "".join(self.link_text)
            href = self.link_href
            self.link_href = None
            if not self.markdown or label in (href, href.removeprefix("https://")):
                self._write(label)
            else:
                self._write(f"[{label}]({href})")
        elif tag in marks and self.markdown:
            self._write(marks[tag])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self._write(data)
