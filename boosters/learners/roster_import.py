"""Importing a roster CSV into a cohort: a read-only preview, then the import.

``roster_preview`` says, row by row, what an import would do; ``roster_import``
does it in one transaction, and only when the whole file is valid. The admin
view and the ``import_roster`` command only parse input and call these.

The rules, so that an import is predictable and re-importing changes nothing:

* A learner is matched by email, whatever its case. A new learner's email is
  stored as written in the file; an existing learner's email is never changed.
* A value in the file overwrites the learner's; an **empty optional cell keeps
  the current value** (the parse cannot tell an absent column from an empty
  cell, and a half-filled spreadsheet should not wipe an office or manager).
  Clear a value in the Learners admin instead.
* A missing enrolment in the cohort is created. A withdrawn enrolment is left
  as it is and reported, never silently re-activated.
* The cohort's plan is synced once, after all the writes. A learner whose time
  zone changed has their other cohorts' plans re-timed too.
* A file with problems imports nothing, unless the editor chooses to import
  only the good rows (``skip_problem_rows``): each bad row is then left out
  whole and listed, and the good rows go in together.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import transaction
from django.db.models.functions import Lower

from boosters.learners.roster import RosterParse, RosterProblem, RosterRow, roster_parse
from boosters.models import Cohort, Enrollment, EnrollmentStatus, Learner
from boosters.planning.sync import cohort_plan_sync, learners_plan_sync

# The learner fields a roster row sets; email is the identity, never updated.
UPDATABLE_FIELDS = (
    "first_name",
    "last_name",
    "time_zone",
    "office",
    "manager_name",
    "manager_email",
    "language",
)
# Keeps the ``IN`` list under SQLite's variable limit on very large files.
_LOOKUP_CHUNK = 500


class LearnerChange(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


class EnrollmentChange(StrEnum):
    CREATE = "create"
    EXISTS = "exists"
    WITHDRAWN = "withdrawn"


ENROLLMENT_LABELS = {
    EnrollmentChange.CREATE: "will be enrolled",
    EnrollmentChange.EXISTS: "already enrolled",
    EnrollmentChange.WITHDRAWN: "withdrawn, left as is",
}


@dataclass(frozen=True)
class RosterPreviewLine:
    """What importing one valid row does to its learner and enrolment."""

    line: int
    email: str
    name: str
    learner: LearnerChange
    enrollment: EnrollmentChange
    changed_fields: tuple[str, ...] = ()
    # What the learner will hold after the import, column by column.
    first_name: str = ""
    last_name: str = ""
    office: str = ""
    time_zone: str = ""  # "" follows the cohort's
    manager_name: str = ""
    manager_email: str = ""
    language: str = ""  # "" follows the cohort's

    @property
    def learner_label(self) -> str:
        """ "New", "Changed" or "Unchanged", for the preview's first column."""
        return {
            LearnerChange.CREATE: "New",
            LearnerChange.UPDATE: "Changed",
            LearnerChange.UNCHANGED: "Unchanged",
        }[self.learner]

    @property
    def enrollment_label(self) -> str:
        return ENROLLMENT_LABELS[self.enrollment].capitalize()

    @property
    def summary(self) -> str:
        """One sentence for the preview, e.g. "updated (office); already enrolled"."""
        learner = {
            LearnerChange.CREATE: "new learner",
            LearnerChange.UPDATE: f"updated ({', '.join(self.changed_fields)})",
            LearnerChange.UNCHANGED: "unchanged",
        }[self.learner]
        return f"{learner}; {ENROLLMENT_LABELS[self.enrollment]}"


@dataclass(frozen=True)
class RosterPreview:
    """Every valid row's change, the file's problems and the counts."""

    cohort: Cohort
    lines: tuple[RosterPreviewLine, ...] = ()
    problems: tuple[RosterProblem, ...] = ()
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the import would go ahead."""
        return bool(self.lines) and not self.problems

    @property
    def good_rows_importable(self) -> bool:
        """True when some rows have problems and the others could go in alone."""
        return (
            bool(self.lines)
            and bool(self.problems)
            and all(problem.line is not None for problem in self.problems)
        )

    def _learners(self, change: LearnerChange) -> int:
        return sum(line.learner == change for line in self.lines)

    def _enrollments(self, change: EnrollmentChange) -> int:
        return sum(line.enrollment == change for line in self.lines)

    @property
    def learners_created(self) -> int:
        return self._learners(LearnerChange.CREATE)

    @property
    def learners_updated(self) -> int:
        return self._learners(LearnerChange.UPDATE)

    @property
    def learners_unchanged(self) -> int:
        return self._learners(LearnerChange.UNCHANGED)

    @property
    def enrollments_created(self) -> int:
        return self._enrollments(EnrollmentChange.CREATE)

    @property
    def enrollments_existing(self) -> int:
        return self._enrollments(EnrollmentChange.EXISTS)

    @property
    def enrollments_withdrawn(self) -> int:
        return self._enrollments(EnrollmentChange.WITHDRAWN)

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.learners_created or self.learners_updated or self.enrollments_created
        )


@dataclass(frozen=True)
class RosterImportResult:
    """What an import did (or, on a dry run or with problems, would do)."""

    preview: RosterPreview
    imported: bool = False
    dry_run: bool = False
    deliveries_planned: int = 0
    # Rows left out by ``skip_problem_rows``, each with its problem.
    skipped: tuple[RosterProblem, ...] = ()

    @property
    def problems(self) -> tuple[RosterProblem, ...]:
        return self.preview.problems


@dataclass
class _Plan:
    """The preview plus the rows to write; built by ``_plan_build``."""

    preview: RosterPreview
    new_learners: list[Learner] = field(default_factory=list)
    changed_learners: list[Learner] = field(default_factory=list)
    zones_before: dict[int, str] = field(default_factory=dict)  # by learner pk
    to_enroll: list[str] = field(default_factory=list)  # lower-cased emails


def _learners_by_email(emails: Iterable[str]) -> dict[str, Learner]:
    """Existing learners keyed by lower-cased email; one query per 500 emails."""
    emails = sorted(set(emails))
    found: dict[str, Learner] = {}
    for start in range(0, len(emails), _LOOKUP_CHUNK):
        chunk = emails[start : start + _LOOKUP_CHUNK]
        learners = Learner.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=chunk
        )
        found |= {learner.email_lower: learner for learner in learners}
    return found


def _row_changes(*, row: RosterRow, learner: Learner) -> tuple[str, ...]:
    """The fields ``row`` would change; empty cells change nothing."""
    return tuple(
        name
        for name in UPDATABLE_FIELDS
        if getattr(row, name) and getattr(row, name) != getattr(learner, name)
    )


def _plan_build(*, cohort: Cohort, parse: RosterParse) -> _Plan:
    existing = _learners_by_email(row.email for row in parse.rows)
    statuses = dict(
        Enrollment.objects.filter(cohort=cohort).values_list("learner_id", "status")
    )
    plan = _Plan(preview=RosterPreview(cohort=cohort))
    lines = []
    for row in parse.rows:
        learner = existing.get(row.email)
        changed: tuple[str, ...] = ()
        if learner is None:
            learner_change = LearnerChange.CREATE
            stored = Learner(
                email=row.email_as_written or row.email,
                **{name: getattr(row, name) for name in UPDATABLE_FIELDS},
            )
            plan.new_learners.append(stored)
        else:
            changed = _row_changes(row=row, learner=learner)
            learner_change = (
                LearnerChange.UPDATE if changed else LearnerChange.UNCHANGED
            )
            if changed:
                plan.zones_before[learner.pk] = learner.time_zone
                for name in changed:
                    setattr(learner, name, getattr(row, name))
                plan.changed_learners.append(learner)
            stored = learner
        status = statuses.get(learner.pk) if learner is not None else None
        if status is None:
            enrollment_change = EnrollmentChange.CREATE
            plan.to_enroll.append(row.email)
        elif status == EnrollmentStatus.WITHDRAWN:
            enrollment_change = EnrollmentChange.WITHDRAWN
        else:
            enrollment_change = EnrollmentChange.EXISTS
        lines.append(
            RosterPreviewLine(
                line=row.line,
                email=row.email_as_written or row.email,
                name=f"{row.first_name} {row.last_name}",
                learner=learner_change,
                enrollment=enrollment_change,
                changed_fields=changed,
                **{name: getattr(stored, name) for name in UPDATABLE_FIELDS},
            )
        )
    plan.preview = RosterPreview(
        cohort=cohort,
        lines=tuple(lines),
        problems=parse.problems,
        ignored_columns=parse.ignored_columns,
    )
    return plan


def roster_preview(*, cohort: Cohort, parse: RosterParse) -> RosterPreview:
    """What importing ``parse`` into ``cohort`` would change. Writes nothing.

    Valid rows are previewed even when the file has problems, so an editor
    sees both; the queries do not grow with the number of rows.
    """
    return _plan_build(cohort=cohort, parse=parse).preview


def roster_import(
    *,
    cohort: Cohort,
    data: bytes,
    dry_run: bool = False,
    skip_problem_rows: bool = False,
) -> RosterImportResult:
    """Import a roster CSV into ``cohort``, all or nothing.

    With any problem in the file nothing is written and the problems are in the
    result. ``skip_problem_rows`` imports the good rows and lists the rest in
    ``skipped`` (a problem with the file as a whole still stops everything).
    ``dry_run`` returns the preview without writing.
    """
    parse = roster_parse(data=data)
    if skip_problem_rows:
        parse = parse.without_problem_rows()
    if not parse.ok:
        preview = roster_preview(cohort=cohort, parse=parse)
        return RosterImportResult(preview=preview, dry_run=dry_run)
    if dry_run:
        preview = roster_preview(cohort=cohort, parse=parse)
        return RosterImportResult(preview=preview, dry_run=True, skipped=parse.skipped)

    with transaction.atomic():
        plan = _plan_build(cohort=cohort, parse=parse)
        Learner.objects.bulk_create(plan.new_learners, batch_size=500)
        Learner.objects.bulk_update(
            plan.changed_learners, UPDATABLE_FIELDS, batch_size=500
        )
        deliveries_planned = 0
        if plan.to_enroll:
            learners = _learners_by_email(plan.to_enroll)
            Enrollment.objects.bulk_create(
                [
                    Enrollment(learner=learners[email], cohort=cohort)
                    for email in plan.to_enroll
                ],
                batch_size=500,
            )
        if plan.preview.changes_anything:
            # Once for the whole file, not per learner: one pass over the cohort.
            deliveries_planned = cohort_plan_sync(cohort=cohort).created
        moved = [
            learner.pk
            for learner in plan.changed_learners
            if learner.time_zone != plan.zones_before[learner.pk]
        ]
        # Their other cohorts' deliveries follow the new zone.
        for start in range(0, len(moved), _LOOKUP_CHUNK):
            learners_plan_sync(
                learner_ids=moved[start : start + _LOOKUP_CHUNK],
                exclude_cohort=cohort,
            )
    return RosterImportResult(
        preview=plan.preview,
        imported=True,
        deliveries_planned=deliveries_planned,
        skipped=parse.skipped,
    )
