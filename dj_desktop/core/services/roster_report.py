"""What a roster import returns: the row-by-row report, and the list of past imports."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.problems import ERROR, WARNING


def local_time(stamp: datetime) -> str:
    """A stored (naive UTC) time as the user's local clock shows it."""
    return f"{stamp.replace(tzinfo=timezone.utc).astimezone():%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class RowProblem:
    """One finding: Excel row number, the column header, what is wrong and how to fix it."""

    row: int
    column: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self) -> str:
        if self.column:
            line = _("Row {row}, column \"{column}\": {message}").format(
                row=self.row, column=self.column, message=self.message)
        else:
            line = _("Row {row}: {message}").format(row=self.row, message=self.message)
        return line if self.is_error else _("(warning) {line}").format(line=line)


@dataclass(frozen=True)
class BlankCell:
    """A blank cell of a row that updates a member whose saved value is not blank."""

    row: int
    column: str


@dataclass(frozen=True)
class ImportReport:
    """The outcome of one import. ``committed`` is False when any row had an error:
    then nothing was written and ``added``/``updated``/``unchanged`` are 0."""

    file_name: str
    sheet_name: str
    rows: int
    committed: bool
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    batch_id: uuid.UUID | None = None
    problems: tuple[RowProblem, ...] = ()
    ignored_headers: tuple[str, ...] = ()
    created_groups: tuple[str, ...] = ()
    #: Blank cells over saved values: kept (the default) or, with ``blanks_cleared``, cleared.
    blank_cells: tuple[BlankCell, ...] = ()
    blanks_cleared: bool = False

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def error_rows(self) -> list[int]:
        return sorted({p.row for p in self.errors})

    def summary(self) -> str:
        if not self.committed:
            return _("{file}: {bad} of {rows} rows have errors ({errors} in all). Nothing was imported; correct "
                     "the rows below and import the file again.").format(
                file=self.file_name, errors=len(self.errors), bad=len(self.error_rows), rows=self.rows)
        text = _("{file}: {rows} rows imported: {added} added, {updated} updated, {unchanged} unchanged.").format(
            file=self.file_name, rows=self.rows, added=self.added, updated=self.updated, unchanged=self.unchanged)
        if self.created_groups:
            text += " " + _("New Party groups: {groups}.").format(groups="、".join(self.created_groups))
        if self.blank_cells and self.blanks_cleared:
            text += " " + _("{count} saved values were cleared because their cells are blank (as chosen).").format(
                count=len(self.blank_cells))
        elif self.blank_cells:
            text += " " + _("{count} blank cells kept the saved value; to clear those fields, import again "
                            "choosing that blank cells clear saved values.").format(count=len(self.blank_cells))
        return text

    def blank_lines(self) -> list[str]:
        """One line per column: which rows' blank cells kept (or cleared) a saved value."""
        by_column: dict[str, list[int]] = {}
        for cell in self.blank_cells:
            by_column.setdefault(cell.column, []).append(cell.row)
        word = _("cleared") if self.blanks_cleared else _("kept")
        return [_("{column}: saved value {done} in rows {rows}").format(
            column=column, done=word, rows="、".join(str(r) for r in rows)) for column, rows in by_column.items()]

    def lines(self) -> list[str]:
        """The summary, then one line per problem (errors first), then ignored columns."""
        out = [self.summary()]
        out += [p.text() for p in self.errors]
        out += [p.text() for p in self.warnings]
        out += self.blank_lines()
        if self.ignored_headers:
            out.append(_("These columns are not part of the roster and were not read: {headers}.").format(
                headers="、".join(self.ignored_headers)))
        return out


@dataclass(frozen=True)
class ImportSummary:
    """One past import, for the list from which an import can be undone."""

    batch_id: uuid.UUID
    file_name: str
    branch_name: str
    created_at: datetime
    added: int
    updated: int
    unchanged: int
    undone_at: datetime | None = None

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


@dataclass(frozen=True)
class UndoResult:
    batch_id: uuid.UUID
    removed: int
    restored: int
