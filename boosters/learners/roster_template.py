"""The roster CSV an editor can download and fill in, and what each column means."""

import csv
import io
from dataclasses import dataclass

from boosters.learners.roster import REQUIRED_COLUMNS
from hub.exports import UTF8_BOM


@dataclass(frozen=True)
class RosterColumn:
    """One column of the roster: its name, an example and what it holds."""

    name: str
    example: str
    meaning: str

    @property
    def required(self) -> bool:
        return self.name in REQUIRED_COLUMNS


ROSTER_COLUMNS = (
    RosterColumn(
        "email",
        "ana.silva@example.com",
        "The learner's work email; it identifies them, so a re-import updates "
        "rather than duplicates.",
    ),
    RosterColumn("first_name", "Ana", "Used to greet them in every email."),
    RosterColumn("last_name", "Silva", "Shown to editors and facilitators."),
    RosterColumn(
        "time_zone",
        "America/Sao_Paulo",
        "Their IANA time zone, for sending at their local morning. Leave it "
        "empty to use the cohort's.",
    ),
    RosterColumn("office", "São Paulo", "Their office, for filters and reports."),
    RosterColumn(
        "manager_name", "Ravi Kumar", "Their line manager, who gets a weekly note."
    ),
    RosterColumn(
        "manager_email", "ravi.kumar@example.com", "Where the manager's note goes."
    ),
    RosterColumn(
        "language",
        "pt-BR",
        "The language of their emails and pages: en, pt-BR or es (or English, "
        "Português, Español). Leave it empty to use the cohort's.",
    ),
)


def _template_csv() -> bytes:
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)  # Excel then opens "São Paulo" intact
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in ROSTER_COLUMNS])
    writer.writerow([column.example for column in ROSTER_COLUMNS])
    return buffer.getvalue().encode("utf-8")


ROSTER_TEMPLATE_CSV = _template_csv()
