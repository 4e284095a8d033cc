"""The hub speaks Brazilian Portuguese and Spanish (P12): a check, run in CI, that
every learner-facing template keeps its human text inside translation tags, and
that the shipped catalogues translate all of it with the same placeholders.

A failure names the file and line, so whoever adds a template sees what to wrap.
Editor screens (the Wagtail admin, modeladmin) are English and not checked.
"""

import functools
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template.base import DebugLexer, TokenType
from django.urls import reverse
from django.utils import translation

import pytest

BASE_DIR = Path(settings.BASE_DIR)

# Where a learner or a manager sees text.
LEARNER_TEMPLATE_DIRS = [
    "hub/templates",
    "home/templates",
    "search/templates",
    "content_blocks/templates/blocks",
    "boosters/templates/boosters",
    "community/templates/community",
    "live_sessions/templates",
]
# Editor screens inside those folders: English is fine there.
EDITOR_TEMPLATES = [
    "hub/templates/hub/admin_*.html",
    "boosters/templates/boosters/admin/**/*",
    "content_blocks/templates/blocks/preview.html",
    "community/templates/community/admin/**/*",
    "live_sessions/templates/live_sessions/admin/**/*",
]
# Attributes whose values people read (or hear, with a screen reader).
HUMAN_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
# Filters whose string argument is shown as text: {{ x|default:"Never" }}.
TEXT_FILTER_ARGUMENT = re.compile(
    r"\|(?:default|default_if_none|yesno):\s*(?P<q>[\"'])(?P<text>.*?)(?P=q)"
)
# Blocks that fill in an attribute that isn't text: {% block body_class %}.
NOT_TEXT_BLOCK = re.compile(r"block (?:\w+_class|html_lang)")
# Text handed to an include: {% include "x.html" with here="Report" %}.
TEXT_KEYWORD_ARGUMENT = re.compile(
    r"\b(?:here|title|subtitle|label|heading|text|message|legend)="
    r"(?P<q>[\"'])(?P<text>.*?)(?P=q)"
)
# Stands in for a {{ variable }} or a tag, so the HTML around it still parses.
HOLE = "\ufffc"

LANGUAGES = ["pt_BR", "es"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{\w*\}")


def learner_templates() -> list[Path]:
    """Every learner-facing template file that exists now."""
    editor = {path for pattern in EDITOR_TEMPLATES for path in BASE_DIR.glob(pattern)}
    found = []
    for folder in LEARNER_TEMPLATE_DIRS:
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.suffix in {".html", ".txt"} and path not in editor:
                found.append(path)
    return found


def _is_human(text: str) -> bool:
    """Text a person reads: it has a letter in it (not only punctuation,
    numbers, symbols or a stand-in for a variable)."""
    return any(unicodedata.category(char).startswith("L") for char in text)


class _TextFinder(HTMLParser):
    """Collects (line, text) for human text in an HTML skeleton: data outside
    script and style, and human-readable attribute values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._raw = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._raw += 1
        for name, value in attrs:
            if (
                name in HUMAN_ATTRIBUTES
                and value
                and _is_human(value.replace(HOLE, ""))
            ):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self._raw -= 1

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._raw = max(0, self._raw - 1)

    def handle_data(self, data):
        if not self._raw and _is_human(data.replace(HOLE, "")):
            # Report the line the text starts on, not the line breaks before it.
            first = next(i for i, char in enumerate(data) if _is_human(char))
            line = self.getpos()[0] + data[:first].count("\n")
            self.found.append((line, _shown(data)))


def _skeleton(source: str) -> tuple[str, list[tuple[int, str]]]:
    """The template with everything translated or computed replaced by HOLE
    (keeping line breaks, so line numbers still match), and the untranslated
    human strings found inside tags and variables."""
    parts: list[str] = []
    in_tag_strings: list[tuple[int, str]] = []
    skipping: str | None = None  # the end tag we are waiting for
    for token in DebugLexer(source).tokenize():
        raw = source[token.position[0] : token.position[1]]
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(" ", 1)[0] if token.contents else ""
            if skipping is not None:
                parts.append(HOLE if name == skipping else _blank(raw))
                if name == skipping:
                    skipping = None
                continue
            if name in {"blocktranslate", "blocktrans"}:
                skipping = "end" + name
            elif name == "comment":
                skipping = "endcomment"
            elif name == "verbatim":
                skipping = "endverbatim"
            elif name == "block" and NOT_TEXT_BLOCK.fullmatch(token.contents):
                # A class name or a language code filled into an attribute.
                skipping = "endblock"
            for match in TEXT_KEYWORD_ARGUMENT.finditer(raw):
                if _is_human(match.group("text")):
                    in_tag_strings.append((token.lineno, raw))
            parts.append(HOLE)
        elif token.token_type == TokenType.VAR:
            if skipping is None:
                for match in TEXT_FILTER_ARGUMENT.finditer(raw):
                    if _is_human(match.group("text")):
                        in_tag_strings.append((token.lineno, raw))
            parts.append(HOLE if skipping is None else _blank(raw))
        elif token.token_type == TokenType.COMMENT:
            parts.append(HOLE)
        else:
            parts.append(_blank(raw) if skipping is not None else raw)
    return "".join(parts), in_tag_strings


def _blank(raw: str) -> str:
    """Nothing readable, but the same line breaks."""
    return HOLE + "\n" * raw.count("\n")


def _shown(text: str) -> str:
    """The text as a failure message quotes it: one line, variables as …."""
    return " ".join(re.sub(f"{HOLE}+", " … ", text).split())


def untranslated_text(path: Path) -> list[tuple[int, str]]:
    """(line, text) for each piece of human text outside translation tags."""
    source = path.read_text(encoding="utf-8")
    skeleton, found = _skeleton(source)
    if path.suffix == ".txt":
        for number, line in enumerate(skeleton.split("\n"), start=1):
            if _is_human(line.replace(HOLE, "")):
                found.append((number, _shown(line)))
    else:
        # A tag named by a variable (<{{ value.tag }}>) is still a tag.
        skeleton = re.sub(f"<(/?){HOLE}", r"<\1computed-tag", skeleton)
        # HTML comments are for whoever reads the template, not the learner.
        skeleton = re.sub(
            r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), skeleton, flags=re.S
        )
        finder = _TextFinder()
        finder.feed(skeleton)
        finder.close()
        found.extend(finder.found)
    return sorted(found)


def test_learner_templates_have_no_literal_text_outside_translation_tags():
    problems = [
        f"{path.relative_to(BASE_DIR)}:{line}: {text[:80]}"
        for path in learner_templates()
        for line, text in untranslated_text(path)
    ]
    assert not problems, (
        "Learner-facing text outside {% translate %} / {% blocktranslate %}:\n"
        + "\n".join(problems)
    )


def _catalogue(language: str):
    import polib

    path = BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path.relative_to(BASE_DIR)} is missing"
    return polib.pofile(str(path))


@functools.cache
def _learner_template_names() -> frozenset[str]:
    return frozenset(str(path.relative_to(BASE_DIR)) for path in learner_templates())


def _used_by_learner_templates(entry) -> bool:
    return any(where in _learner_template_names() for where, _line in entry.occurrences)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_learner_facing_string(language):
    catalogue = _catalogue(language)
    missing = [
        f"{entry.occurrences[0][0]}:{entry.occurrences[0][1]}: {entry.msgid[:70]}"
        for entry in catalogue
        if not entry.obsolete
        and _used_by_learner_templates(entry)
        and (
            "fuzzy" in entry.flags
            or not (entry.msgstr or all(entry.msgstr_plural.values()))
        )
    ]
    assert not missing, (
        f"Untranslated or fuzzy in locale/{language} (run makemessages, then "
        "translate):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_translations_give_every_form_the_language_has(language):
    """msgfmt (and so compilemessages) refuses a catalogue where a plural
    entry has fewer forms than its Plural-Forms header says (Spanish has 3)."""
    catalogue = _catalogue(language)
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"])[1])
    short = [
        f"{entry.linenum}: {entry.msgid[:60]}"
        for entry in catalogue
        if entry.msgid_plural and len(entry.msgstr_plural) != forms
    ]
    assert not short, f"Plural entries without {forms} forms:\n" + "\n".join(short)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for entry in _catalogue(language):
        if entry.obsolete:
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        expected = sorted(set(PLACEHOLDER.findall(" ".join(sources))))
        translations = [entry.msgstr] if entry.msgstr else []
        translations += [text for text in entry.msgstr_plural.values() if text]
        for text in translations:
            if sorted(set(PLACEHOLDER.findall(text))) != expected:
                wrong.append(f"{entry.msgid[:60]!r} -> {text[:60]!r}")
    assert not wrong, "Placeholders differ:\n" + "\n".join(wrong)


def test_the_checker_finds_text_in_the_places_it_hides(tmp_path):
    template = tmp_path / "example.html"
    template.write_text(
        "{% load i18n %}\n"
        '<p>{% translate "Fine" %}</p>\n'
        "<p>Not marked</p>\n"
        '<img alt="A chart" src="{{ url }}">\n'
        '<div class="card-grid" data-x="anything">{{ value }} · 3</div>\n'
        "<!-- a note for whoever edits this -->\n"
        "{% blocktranslate trimmed %}Also fine{% endblocktranslate %}\n"
        '{{ when|default:"Never" }}\n'
        '{% include "x.html" with here="Report" %}\n'
        "<script>var label = 'not text';</script>\n",
        encoding="utf-8",
    )
    found = untranslated_text(template)
    assert [line for line, _text in found] == [3, 4, 8, 9]


def test_sign_in_page_speaks_portuguese(client, db):
    with translation.override("pt-br"):
        url = reverse("learner_sign_in")
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="pt-br").content.decode()
    assert "Entrar no Learning Hub" in html
    assert "Sign in to the Learning Hub" not in html


def test_a_template_renders_in_spanish_with_spanish_dates():
    from datetime import date

    from django.template import Context, Template

    template = Template(
        '{% load i18n %}{% translate "Coming up" %} · {{ day|date:"DATE_FORMAT" }}'
    )
    with translation.override("es"):
        text = template.render(Context({"day": date(2026, 3, 2)}))
    with translation.override("en"):
        english = template.render(Context({"day": date(2026, 3, 2)}))
    assert text == "Próximamente · 2 de marzo de 2026"
    assert english == "Coming up · 2 March 2026"
