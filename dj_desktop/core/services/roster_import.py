"""RosterImportService (``services.roster_import``): the roster to and from Excel, and undoing an import.

An import reads the whole file first, checks every row, and writes only when no
row has an error, in one transaction tagged with a ``ChangeBatch`` so that
:meth:`RosterImportService.undo_import` can revert it from ``record_history``.
Party groups named in the file must exist, unless ``create_groups=True``, which
creates the missing ones as groups of the branch (and the undo removes them again).
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dj_desktop.core.services.backups import backup_before
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import ChangeBatch, Organisation
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.rules.problems import Problem, has_errors
from dj_desktop.core.services import member_bulk, member_queries
from dj_desktop.core.services.member_records import MemberInput, MemberRow
from dj_desktop.core.services.member_validation import duplicate_problems
from dj_desktop.core.services.roster_report import BlankCell, ImportReport, ImportSummary, RowProblem, UndoResult, local_time
from dj_desktop.core.services.roster_rows import (
    ParsedRow, RowReader, column_for_field, group_key, group_problem,
)
from dj_desktop.core.services.roster_undo import undo_batch
from dj_desktop.reports import excel_roster, excel_roster_reader

IMPORT_KIND = "roster_import"


class RosterImportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- import -----------------------------------------------------------------------------
    def import_file(self, path: str | Path, *, branch_id: uuid.UUID | None = None, create_groups: bool = False,
                    progress: Progress | None = None, today: date | None = None,
                    clear_blank: bool = False) -> ImportReport:
        """Check every row of the roster workbook and, if none has an error, add or update the members.

        File-level problems (not an .xlsx, a damaged file, missing columns, no rows) raise
        :class:`UserError`. Row problems come back in the report with ``committed=False``
        and nothing written. A row whose ID number belongs to a member of the branch
        updates that member; columns the file lacks keep their values, and so do blank cells
        unless ``clear_blank`` (the report lists either as ``blank_cells``).
        """
        path = Path(path)
        today = today or date.today()
        step(progress, 0, 4, _("Reading {file}").format(file=path.name))
        sheet = excel_roster_reader.read_roster(path)
        reader = RowReader(set(sheet.columns))
        parsed = [reader.parse(raw) for raw in sheet.rows]
        step(progress, 1, 4, _("Checking {count} rows").format(count=len(parsed)))
        base = dict(file_name=path.name, sheet_name=sheet.sheet_name, rows=len(parsed),
                    ignored_headers=tuple(sheet.ignored_headers))
        with self._db.sessions.begin() as s:
            branch = _branch(s, branch_id)
            groups = _groups(s, branch.id)
            missing_groups = _missing_groups(parsed, groups)
            if missing_groups and not create_groups:
                existing = [g.name for g in groups.values()]
                for row in parsed:
                    if row.group_name and group_key(row.group_name) in missing_groups:
                        row.problems.append(group_problem(row.group_name, existing))
            existing_rows = _existing_by_id_number(s, branch.id)
            merged = [_member_input(row, existing_rows, groups, has_groups="group" in sheet.columns,
                                    clear_blank=clear_blank) for row in parsed]
            inputs = [data for data, _touched in merged]
            blanks = tuple(BlankCell(row=row.number, column=sheet.columns.get(key) or key)
                           for row, (_data, touched) in zip(parsed, merged) for key in touched)
            problems = _validate(s, branch.id, parsed, inputs, today=today)
            report_problems = tuple(_to_report(problems, parsed, sheet.columns))
            if any(has_errors(found) for found in problems):
                return ImportReport(committed=False, problems=report_problems, **base)
            backup_before(self._db, "roster-import")
            batch = ChangeBatch(kind=IMPORT_KIND, label=path.name, summary={})
            s.add(batch)
            s.flush()
            s.info["batch_id"] = batch.id
            s.info["reason"] = _("Imported from {file}").format(file=path.name)
            created = _create_groups(s, branch, missing_groups) if missing_groups else {}
            if created:
                inputs = [_with_group(inp, row, created) for inp, row in zip(inputs, parsed)]
            step(progress, 2, 4, _("Saving members"))
            result = member_bulk.upsert_batch(s, branch.id, inputs, reason=s.info["reason"], batch_id=batch.id,
                                              today=today, progress=progress)
            batch.summary = {"branch_id": str(branch.id), "branch_name": branch.name, "rows": len(parsed),
                             "added": result.added, "updated": result.updated, "unchanged": result.unchanged,
                             "created_groups": sorted(g.name for g in created.values())}
            step(progress, 4, 4, _("Saving members"))
            return ImportReport(committed=True, added=result.added, updated=result.updated,
                                unchanged=result.unchanged, batch_id=batch.id, problems=report_problems,
                                created_groups=tuple(batch.summary["created_groups"]), blank_cells=blanks,
                                blanks_cleared=clear_blank, **base)

    # -- undo and history -------------------------------------------------------------------
    def undo_import(self, batch_id: uuid.UUID) -> UndoResult:
        """Revert a whole import: added members (and their events, and groups it created) become
        tombstones, updated members get their earlier values back; all with history."""
        with self._db.sessions.begin() as s:
            batch = s.get(ChangeBatch, batch_id)
            if batch is None or batch.kind != IMPORT_KIND:
                raise UserError(_("There is no roster import with the number {batch}.").format(batch=batch_id))
            if batch.undone_at is not None:
                raise UserError(_("The import of {file} was already undone on {day}.").format(
                    file=batch.label, day=local_time(batch.undone_at)))
            removed, restored = undo_batch(s, batch, reason=_("Undo of the import of {file}").format(file=batch.label))
            return UndoResult(batch_id=batch.id, removed=removed, restored=restored)

    def list_imports(self) -> list[ImportSummary]:
        """Roster imports, newest first."""
        with self._db.sessions() as s:
            batches = s.scalars(select(ChangeBatch).where(ChangeBatch.kind == IMPORT_KIND)
                                .order_by(ChangeBatch.created_at.desc())).all()
            return [ImportSummary(batch_id=b.id, file_name=b.label, branch_name=b.summary.get("branch_name", ""),
                                  created_at=b.created_at, added=b.summary.get("added", 0),
                                  updated=b.summary.get("updated", 0), unchanged=b.summary.get("unchanged", 0),
                                  undone_at=b.undone_at) for b in batches]

    # -- export -----------------------------------------------------------------------------
    def export_roster(self, path: str | Path, *, branch_id: uuid.UUID | None = None) -> int:
        """Write the members now in the branch under the template headers; returns how many."""
        with self._db.sessions() as s:
            branch = _branch(s, branch_id)
            rows = member_queries.roster_rows(s, branch_id=branch.id, include_left=False)
        return excel_roster.write_roster(path, (_export_values(r) for r in rows))

    def write_template(self, path: str | Path, *, branch_id: uuid.UUID | None = None) -> Path:
        """The empty template, with the branch's Party groups offered in the group column
        (when the branch is known: given, or the only one in the database)."""
        groups: list[str] = []
        with self._db.sessions() as s:
            try:
                branch = _branch(s, branch_id)
            except UserError:
                branch = None   # no branch yet, or several: the template works without the list
            if branch is not None:
                groups = [g.name for g in _groups(s, branch.id).values()]
        return excel_roster.write_template(path, groups=groups)


# ---------------------------------------------------------------- helpers (one session each)

def _branch(s: Session, branch_id: uuid.UUID | None) -> Organisation:
    if branch_id is not None:
        branch = s.get(Organisation, branch_id)
        if branch is None or branch.deleted:
            raise UserError(_("The branch does not exist (it may have been removed)."))
        return branch
    branches = s.scalars(select(Organisation).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
                         .order_by(Organisation.sort_order, Organisation.name)).all()
    if not branches:
        raise UserError(_("The database has no Party branch yet. Create the branch first "
                          "(dj-desktop init --branch NAME, or the first-run wizard)."))
    if len(branches) > 1:
        raise UserError(_("The database holds several branches ({names}); choose the branch to use.").format(
            names="、".join(b.name for b in branches)))
    return branches[0]


def branch_by_name(db: Database, name: str) -> uuid.UUID:
    """The id of the branch called ``name`` (for the command line's ``--branch``)."""
    with db.sessions() as s:
        found = s.scalars(select(Organisation.id).where(
            Organisation.name == name.strip(), Organisation.kind == "branch", Organisation.deleted.is_(False))).all()
    if len(found) != 1:
        raise UserError(_("There is no single branch named \"{name}\".").format(name=name))
    return found[0]


def _groups(s: Session, branch_id: uuid.UUID) -> dict[str, Organisation]:
    rows = s.scalars(select(Organisation).where(
        Organisation.parent_id == branch_id, Organisation.kind == "group", Organisation.deleted.is_(False))
        .order_by(Organisation.sort_order, Organisation.name))
    return {group_key(g.name): g for g in rows}


def _missing_groups(parsed: list[ParsedRow], groups: dict[str, Organisation]) -> dict[str, str]:
    """``{key: name as first written}`` of groups named in the file that the branch lacks."""
    missing: dict[str, str] = {}
    for row in parsed:
        key = group_key(row.group_name) if row.group_name else ""
        if key and key not in groups:
            missing.setdefault(key, row.group_name)
    return missing


def _create_groups(s: Session, branch: Organisation, missing: dict[str, str]) -> dict[str, Organisation]:
    order = s.scalar(select(func.max(Organisation.sort_order)).where(Organisation.parent_id == branch.id)) or 0
    created = {}
    for offset, (key, name) in enumerate(missing.items(), start=1):
        group = Organisation(name=name, kind="group", parent_id=branch.id, setting=branch.setting,
                             sort_order=order + offset)
        s.add(group)
        created[key] = group
    s.flush()
    return created


def _existing_by_id_number(s: Session, branch_id: uuid.UUID) -> dict[str, MemberRow]:
    """Members of the branch by ID number; someone still in the branch wins over an old record."""
    out: dict[str, MemberRow] = {}
    for row in member_queries.roster_rows(s, branch_id=branch_id, include_left=True):
        if row.id_number not in out or row.status == "active":
            out[row.id_number] = row
    return out


def _member_input(row: ParsedRow, existing: dict[str, MemberRow], groups: dict[str, Organisation], *,
                  has_groups: bool, clear_blank: bool = False) -> tuple[MemberInput, list[str]]:
    """The row's fields over the member's current values (for an update) or the defaults (for an add),
    and the columns whose blank cell kept (or, with ``clear_blank``, cleared) a saved value."""
    fields = dict(row.fields)
    if has_groups:
        group = groups.get(group_key(row.group_name)) if row.group_name else None
        fields["group_id"] = group.id if group is not None else None
    current = existing.get(fields.get("id_number") or "")
    if current is not None:
        saved = current.to_input().__dict__
        touched = []
        for key in sorted(row.blank):
            name = "group_id" if key == "group" else key
            if name in fields and saved.get(name) not in (None, "") and fields[name] != saved[name]:
                touched.append(key)
                if not clear_blank:
                    fields[name] = saved[name]      # a blank cell is not an instruction to erase
        return MemberInput(**{**saved, **fields}), touched
    fields.setdefault("name", "")
    fields.setdefault("id_number", "")
    fields.setdefault("joined_on", None)
    return MemberInput(**fields), []


def _with_group(data: MemberInput, row: ParsedRow, created: dict[str, Organisation]) -> MemberInput:
    group = created.get(group_key(row.group_name)) if row.group_name else None
    return data if group is None else MemberInput(**{**data.__dict__, "group_id": group.id})


def _validate(s: Session, branch_id: uuid.UUID, parsed: list[ParsedRow], inputs: list[MemberInput], *,
              today: date) -> list[list[Problem]]:
    """Every problem of every row: cells that could not be read, then the member rules."""
    numbers = [row.number for row in parsed]
    found = [list(row.problems) for row in parsed]
    for result in member_bulk.validate_batch(s, branch_id, inputs, today=today, row_numbers=numbers):
        unreadable = {p.field for p in found[result.index]}
        found[result.index] += [p for p in result.problems if column_for_field(p.field) not in unreadable
                                or not column_for_field(p.field)]
    # The batch check flags the later of two rows with one ID number; the same check on the
    # rows in reverse order flags the earlier one, so both rows show the error.
    # (RowReader already normalised the ID numbers, so the inputs need no second cleaning here.)
    backwards = duplicate_problems(inputs[::-1], row_numbers=numbers[::-1])
    last = len(inputs) - 1
    for index, problem in backwards.items():
        found[last - index].append(problem)
    return found


def _to_report(problems: list[list[Problem]], parsed: list[ParsedRow], headers: dict[str, str]):
    for row, found in zip(parsed, problems):
        for p in found:
            key = column_for_field(p.field)
            column = headers.get(key) or (excel_roster.header_text(excel_roster.COLUMNS_BY_KEY[key]) if key else "")
            yield RowProblem(row=row.number, column=column, message=p.message, severity=p.severity)


def _export_values(r: MemberRow) -> dict:
    text = excel_roster.choice_text
    return {
        "name": r.name, "gender": text("gender", r.gender), "ethnicity": r.ethnicity, "birth_date": r.birth_date,
        "id_number": r.id_number, "native_place": r.native_place, "education": r.education,
        "work_unit": r.work_unit, "post": r.post, "phone": r.phone, "address": r.address, "group": r.group_name,
        "joined_on": r.joined_on, "full_member_on": r.full_member_on, "member_type": text("member_type", r.member_type),
        "category": text("category", r.category), "management": text("management", r.management), "notes": r.notes,
    }
