"""Reading and checking a roster CSV before any learner is created.

Pure functions of the uploaded bytes, no database: ``roster_parse`` checks every
row and collects every problem, so an editor fixes the whole file in one go. The
admin import and ``import_roster`` write nothing unless ``RosterParse.ok``.

* The bytes may be UTF-8 (with or without a byte-order mark), UTF-16 with a
  byte-order mark (Excel's "Unicode text", tab-separated) or, failing both,
  Windows-1252 (Excel's plain "CSV" on Windows). The separator is the comma,
  semicolon or tab the header line uses most.
* An email's local part may hold non-ASCII letters (``zoë.müller@example.org``,
  RFC 6531); sending it needs a mail server that offers SMTPUTF8.
* Line numbers are spreadsheet row numbers: the header is line 1, and blank
  lines count but are skipped. A quoted value over several lines is one row.
* Column names ignore case, spaces, dashes and underscores ("E-mail", "First
  name"); a few synonyms ("Surname") are accepted. Other columns are ignored
  and listed in ``RosterParse.ignored_columns`` so the preview can say so.
* Emails are compared case-insensitively. A time zone is accepted in any case
  or with spaces for underscores, and given its IANA spelling ("Europe/London").
* Every cell is a single-line name (``hub.text``): invisible formatting is
  stripped, and a line break or control character (NUL too) is a problem on
  its row, naming the column.
"""

import codecs
import csv
import difflib
import io
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from boosters.learners.languages import language_parse
from hub.exports import UTF8_BOM, csv_cell_escape
from hub.text import single_line_normalise, single_line_problem

REQUIRED_COLUMNS = ("email", "first_name", "last_name")
OPTIONAL_COLUMNS = (
    "time_zone",
    "office",
    "manager_name",
    "manager_email",
    "language",
)
# The Learner model's field lengths.
MAX_LENGTHS = {"email": 254, "first_name": 150, "last_name": 150}
MAX_LENGTHS |= {"office": 120, "manager_name": 150, "manager_email": 254}
_ALIASES = {name.replace("_", ""): name for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
_ALIASES |= {"emailaddress": "email", "givenname": "first_name"}
_ALIASES |= {"surname": "last_name", "familyname": "last_name"}
_ALIASES |= {"idioma": "language", "lingua": "language", "locale": "language"}
_SAVE_AS_HINT = 'In Excel, use File > Save As and choose "CSV UTF-8".'
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
PROBLEM_COLUMN = "problem"


@dataclass(frozen=True)
class RosterRow:
    """One valid learner row. ``email`` is lower-cased, as it is the identity."""

    line: int
    email: str
    first_name: str
    last_name: str
    time_zone: str = ""
    office: str = ""
    manager_name: str = ""
    manager_email: str = ""
    language: str = ""  # a hub language code; "" follows the cohort's
    email_as_written: str = ""


@dataclass(frozen=True)
class RosterProblem:
    """Something an editor must fix; ``line`` is None for the file as a whole.

    ``message`` is a sentence ready to show, starting "Line N:" for a row.
    """

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RosterParse:
    """The valid rows and every problem found; import only when ``ok``."""

    rows: tuple[RosterRow, ...] = ()
    problems: tuple[RosterProblem, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    skipped: tuple[RosterProblem, ...] = ()
    # How the bytes were read, for the preview: e.g. "UTF-16, tab-separated".
    read_as: str = ""
    # The header and each row with a problem, as in the file (for the download).
    header: tuple[str, ...] = ()
    problem_records: tuple[tuple[int, tuple[str, ...]], ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is something to import and nothing to fix."""
        return bool(self.rows) and not self.problems

    @property
    def good_rows_importable(self) -> bool:
        """True when only some rows have problems: the others could be imported."""
        return bool(self.rows) and all(p.line is not None for p in self.problems)

    def without_problem_rows(self) -> "RosterParse":
        """The good rows alone, for importing them and skipping the bad ones.

        Rows with a problem were never in ``rows``; their problems move to
        ``skipped`` so the result can still say which lines were left out.
        """
        if not self.good_rows_importable:
            return self
        return replace(self, problems=(), skipped=self.problems)


def roster_parse(*, data: bytes, max_rows: int = 20000) -> RosterParse:
    """Decode, read and check a roster CSV, collecting every problem.

    Never raises on bad input.
    """
    if data.startswith(b"PK\x03\x04"):  # the zip signature that starts an .xlsx
        return _file_problem(
            "This is an Excel workbook, not a CSV file. " + _SAVE_AS_HINT
        )
    decoded = _text_decode(data)
    if isinstance(decoded, RosterParse):
        return decoded
    text, encoding = decoded
    delimiter = _delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        parse = _records_check(records=records, max_rows=max_rows)
    except csv.Error as error:  # e.g. a field longer than csv.field_size_limit()
        return _file_problem(
            f"The file could not be read as CSV near line {records.line_num} "
            f"({error}). " + _SAVE_AS_HINT
        )
    return replace(
        parse, read_as=f"{encoding}, {_DELIMITER_NAMES[delimiter]}-separated"
    )


def _text_decode(data: bytes) -> tuple[str, str] | RosterParse:
    """The text and the name of its encoding, or the problem saying why not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"  # the BOM gives the byte order
        except UnicodeDecodeError:
            return _file_problem(
                "The file starts like UTF-16 text but is cut short or damaged. "
                + _SAVE_AS_HINT
            )
    try:
        return data.decode("utf-8-sig"), "UTF-8"  # drops a BOM if there is one
    except UnicodeDecodeError:
        pass
    try:
        # Any bytes that are not UTF-8 are most likely Excel's Windows "CSV".
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return _file_problem(
            "The file's encoding could not be recognised, so accented letters (as "
            f"in José) cannot be read; the first is on line {line}. " + _SAVE_AS_HINT
        )


def _file_problem(message: str) -> RosterParse:
    return RosterParse(
        problems=(RosterProblem(line=None, column=None, message=message),)
    )


def _delimiter(text: str) -> str:
    # csv.Sniffer guesses wrongly on short or uniform files; the header is enough.
    header = next((line for line in io.StringIO(text) if line.strip()), "")
    return max(",;\t", key=header.count)  # a tie goes to the comma


def _records_check(*, records: Iterator[list[str]], max_rows: int) -> RosterParse:
    columns: dict[str, int] | None = None
    ignored: tuple[str, ...] = ()
    rows: list[RosterRow] = []
    problems: list[RosterProblem] = []
    first_line_of: dict[str, int] = {}
    header: tuple[str, ...] = ()
    problem_records: list[tuple[int, tuple[str, ...]]] = []
    count = 0
    for line, record in enumerate(records, start=1):
        if not any(cell.strip() for cell in record):
            continue
        if columns is None:
            columns, ignored, header_problems = _header_read(record)
            header = tuple(record)
            if header_problems:  # checking rows against a broken header is noise
                return RosterParse(problems=header_problems, ignored_columns=ignored)
            continue
        count += 1
        if count > max_rows:
            return _file_problem(
                f"The file has more than {max_rows} learners, the most one import "
                "can take. Split it into smaller files."
            )
        cells = record + [""] * (max(columns.values()) + 1 - len(record))
        values = dict.fromkeys(OPTIONAL_COLUMNS, "")
        values |= {name: cells[index] for name, index in columns.items()}
        row_problems = _control_problems(line=line, values=values)
        values = {name: single_line_normalise(value) for name, value in values.items()}
        row_problems += _row_problems(
            line=line,
            values=values,
            skip={problem.column for problem in row_problems},
        )
        email = values["email"].lower()
        if not any(problem.column == "email" for problem in row_problems):
            if email in first_line_of:
                text = f'"{values["email"]}" is already on line {first_line_of[email]}.'
                row_problems.append(
                    _row_problem(
                        line, "email", f"{text} Each learner may appear only once."
                    )
                )
            first_line_of.setdefault(email, line)
        problems.extend(row_problems)
        if row_problems:
            problem_records.append((line, tuple(record)))
        else:
            time_zone = _time_zone_name(values["time_zone"]) or ""
            written = values["email"]
            language = language_parse(values["language"]) or ""
            values |= {"email": email, "time_zone": time_zone, "language": language}
            rows.append(RosterRow(line=line, **values, email_as_written=written))
    if columns is None:
        return _file_problem("The file is empty.")
    if not rows and not problems:
        return _file_problem("The file has column names but no learners.")
    return RosterParse(
        rows=tuple(rows),
        problems=tuple(problems),
        ignored_columns=ignored,
        header=header,
        problem_records=tuple(problem_records),
    )


def roster_problem_rows_csv(*, parse: RosterParse) -> bytes:
    """The rows with problems as in the file, plus a "problem" column, to fix.

    UTF-8 with a byte-order mark (Excel opens it with accents intact), and
    formula-like cells escaped. Empty when no row has a problem.
    """
    if not parse.problem_records:
        return b""
    messages: dict[int, list[str]] = {}
    for problem in parse.problems:
        if problem.line is not None:
            messages.setdefault(problem.line, []).append(
                problem.message.removeprefix(f"Line {problem.line}: ")
            )
    width = max(len(parse.header), *(len(r) for _, r in parse.problem_records))
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer)
    header = list(parse.header) + [""] * (width - len(parse.header))
    writer.writerow([csv_cell_escape(cell) for cell in header + [PROBLEM_COLUMN]])
    for line, record in parse.problem_records:
        cells = list(record) + [""] * (width - len(record))
        cells.append(" ".join(messages.get(line, [])))
        writer.writerow([csv_cell_escape(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8")


def _header_read(
    record: list[str],
) -> tuple[dict[str, int], tuple[str, ...], tuple[RosterProblem, ...]]:
    """Known column names and their positions, ignored names, and problems."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    messages: list[str] = []
    for index, cell in enumerate(record):
        name = _ALIASES.get(re.sub(r"[^0-9a-z]", "", cell.lower()))
        if name is None:
            ignored += [cell.strip()] if cell.strip() else []
        elif name in columns:
            messages.append(
                f'The columns "{record[columns[name]].strip()}" and "{cell.strip()}" '
                f"both hold the {_label(name)}. Keep one and delete the other."
            )
        else:
            columns[name] = index
    missing = [_label(name) for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        names = ", ".join(missing[:-1]) + " or " * (len(missing) > 1) + missing[-1]
        found = ", ".join(f'"{cell.strip()}"' for cell in record if cell.strip())
        messages.append(
            f"The file has no {names} column; the columns found "
            f"were {found}. The first line must name the columns email, first_name "
            "and last_name; time_zone, office, manager_name, manager_email and "
            "language are optional."
        )
    problems = tuple(RosterProblem(line=None, column=None, message=m) for m in messages)
    return columns, tuple(ignored), problems


def _label(column: str) -> str:
    return column.replace("_", " ")


def _row_problem(line: int, column: str, text: str) -> RosterProblem:
    return RosterProblem(line=line, column=column, message=f"Line {line}: {text}")


def _control_problems(*, line: int, values: dict[str, str]) -> list[RosterProblem]:
    """A line break or control character in any cell (one problem per cell)."""
    problems = []
    for column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
        problem = single_line_problem(values[column])
        if problem:
            text = f"The {_label(column)} {problem}."
            problems.append(_row_problem(line, column, text))
    return problems


def _row_problems(
    *, line: int, values: dict[str, str], skip: Collection[str | None] = ()
) -> list[RosterProblem]:
    """Every problem with one row on its own; duplicates are found by the caller.

    Columns in ``skip`` already have a problem; one message each is enough.
    """
    problems = [
        _row_problem(line, column, f"The {_label(column)} is missing.")
        for column in REQUIRED_COLUMNS
        if not values[column] and column not in skip
    ]
    for column, limit in MAX_LENGTHS.items():
        if column in skip:
            continue
        if len(values[column]) > limit:
            text = f"The {_label(column)} is {len(values[column])} characters long"
            problems.append(
                _row_problem(line, column, f"{text}; the most we can store is {limit}.")
            )
        elif column.endswith("email") and not _email_valid(values[column]):
            what = "" if column == "email" else "manager "
            text = f'"{values[column]}" is not a valid {what}email address.'
            problems.append(_row_problem(line, column, text))
    time_zone = values["time_zone"]
    if time_zone and "time_zone" not in skip and _time_zone_name(time_zone) is None:
        suggestion = _time_zone_suggestion(time_zone)
        hint = f' Did you mean "{suggestion}"?' if suggestion else ""
        text = (
            f'"{time_zone}" is not a time zone we know.{hint} Use an IANA name such as '
            "Europe/London or America/Sao_Paulo, or leave it empty to use the "
            "cohort's time zone."
        )
        problems.append(_row_problem(line, "time_zone", text))
    language = values["language"]
    if language and "language" not in skip and language_parse(language) is None:
        spoken = ", ".join(f"{code} ({name})" for code, name in settings.LANGUAGES)
        text = (
            f'"{language}" is not a language the hub speaks: use {spoken}, or '
            "leave it empty to use the cohort's language."
        )
        problems.append(_row_problem(line, "language", text))
    return problems


def _email_valid(value: str) -> bool:
    """True for a valid address, and for an empty one: missing is another problem."""
    return not value or email_address_valid(value)


def email_address_valid(value: str) -> bool:
    """Django's check, but letters beyond ASCII may be in the local part too.

    Django refuses ``zoë.müller@example.org``; RFC 6531 allows any non-ASCII
    character where an ASCII letter may go, so each is checked as one.
    """
    local, at, domain = value.rpartition("@")
    local = re.sub(r"[^\x00-\x7f]", "a", local)
    try:
        validate_email(f"{local}{at}{domain}")
    except ValidationError:  # its message needs settings, so only the type is used
        return False
    return True


def _time_zone_key(value: str) -> str:
    return value.strip().lower().replace(" ", "_")


@cache
def _time_zones_by_key() -> dict[str, str]:
    return {_time_zone_key(name): name for name in available_timezones()}


def _time_zone_name(value: str) -> str | None:
    """The IANA spelling of ``value``, whatever its case; None if unknown."""
    return _time_zones_by_key().get(_time_zone_key(value)) if value else None


@lru_cache(maxsize=512)
def _time_zone_suggestion(value: str) -> str | None:
    by_key = _time_zones_by_key()
    close = difflib.get_close_matches(_time_zone_key(value), by_key, n=1, cutoff=0.8)
    return by_key[close[0]] if close else None
