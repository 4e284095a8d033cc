"""What members type becomes safe HTML: formatting and links, never script,
images, styles or event handlers."""

from html.parser import HTMLParser

import pytest

from community.sanitize import (
    post_html_from_text,
    post_html_sanitize,
    post_plain_text,
    post_text_from_html,
)

REL = 'rel="nofollow noopener ugc"'


def elements(html: str) -> list[tuple[str, dict]]:
    """The tags and attributes a browser would build from ``html``."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


def test_blank_lines_make_paragraphs_and_line_breaks_stay():
    html = post_html_from_text("First idea\nstill first\n\nSecond idea")

    assert html == "<p>First idea<br>still first</p><p>Second idea</p>"


def test_bare_addresses_become_links_without_trailing_punctuation():
    html = post_html_from_text(
        "See https://example.com/guide?a=1&b=2. Or (www.example.org)."
    )

    assert (
        f'<a href="https://example.com/guide?a=1&amp;b=2" {REL}>'
        "https://example.com/guide?a=1&amp;b=2</a>." in html
    )
    assert f'(<a href="https://www.example.org" {REL}>www.example.org</a>).' in html


def test_simple_formatting_lists_and_quotes():
    text = "**Do** this, *not* that, `Ctrl+S`\n- one\n- two\n1. first\n> quoted"

    html = post_html_from_text(text)

    assert "<strong>Do</strong>" in html
    assert "<em>not</em>" in html
    assert "<code>Ctrl+S</code>" in html
    assert "<ul><li>one</li><li>two</li></ul>" in html
    assert "<ol><li>first</li></ol>" in html
    assert "<blockquote><p>quoted</p></blockquote>" in html


def test_markdown_links_keep_their_words():
    html = post_html_from_text("Read [the guide](https://example.com/g) first")

    assert f'<a href="https://example.com/g" {REL}>the guide</a>' in html


def test_underscores_in_words_are_not_italic():
    assert post_html_from_text("set snake_case_name") == "<p>set snake_case_name</p>"


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert('hi')</script>",
        '<img src="https://tracker.example/p.gif" width="1" height="1">',
        '<a href="javascript:alert(1)">click</a>',
        '<p onclick="steal()" style="color:red">x</p>',
    ],
)
def test_markup_typed_by_a_member_shows_as_text(typed):
    html = post_html_from_text(typed)

    # At most the address inside becomes a plain link; nothing else is markup.
    for tag, attrs in elements(html):
        assert tag in ("p", "a")
        assert set(attrs) <= {"href", "rel"}
        assert attrs.get("href", "https:").startswith("https:")
    assert post_plain_text(html) == typed


def test_a_javascript_link_in_markdown_is_not_a_link():
    html = post_html_from_text("[win](javascript:alert(1))")

    assert "<a" not in html


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onmouseover="x()" style="color:red">Hi</p>', "<p>Hi</p>"),
        ('<p>Hi<img src="https://t.example/p.gif"></p>', "<p>Hi</p>"),
        ("<p><style>p{display:none}</style>Hi</p>", "<p>Hi</p>"),
        (
            '<a href="javascript:alert(1)" target="_blank">x</a>',
            f"<a {REL}>x</a>",
        ),
        (
            '<a href="https://example.com" target="_blank" rel="opener">x</a>',
            f'<a href="https://example.com" {REL}>x</a>',
        ),
        ('<iframe src="https://evil.example"></iframe><p>ok</p>', "<p>ok</p>"),
        ("<h1>Big</h1><div>plain</div>", "Bigplain"),
    ],
)
def test_stored_html_is_cleaned_of_everything_not_allowed(stored, expected):
    assert post_html_sanitize(stored) == expected


def test_mailto_links_are_allowed():
    html = post_html_sanitize('<a href="mailto:ana@example.com">Ana</a>')

    assert 'href="mailto:ana@example.com"' in html


def test_empty_or_blank_text_makes_no_html():
    assert post_html_from_text("") == ""
    assert post_html_from_text("   \n\n  ") == ""


@pytest.mark.parametrize(
    "typed",
    [
        "Plain words",
        "Line one\nline two\n\nNew paragraph",
        "**bold** and *italic* and `code`",
        "Steps:\n- one\n- two\n\n1. first\n2. second",
        "> a quote\n> more\n\nafter",
        "[guide](https://example.com/x) and https://example.com/y",
        "<b>not bold</b> & friends",
    ],
)
def test_editing_shows_what_the_member_typed(typed):
    html = post_html_from_text(typed)

    assert post_html_from_text(post_text_from_html(html)) == html
