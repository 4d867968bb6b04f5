"""Reading a member roster (党员花名册) from an Excel file: find the header row whatever its wording,
map the columns, and keep every data row with its Excel row number for the row-by-row report."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.reports.excel_roster import COLUMNS, HEADER_SEARCH_ROWS, header_lookup, header_text, normalise_header

@dataclass(frozen=True)
class RawRow:
    """One data row as found: its Excel row number and the cell values by column key."""

    number: int
    values: dict[str, Any]


@dataclass
class RosterSheet:
    """What the reader found: which columns (key → header as written) and the rows."""

    sheet_name: str
    header_row: int
    columns: dict[str, str]
    ignored_headers: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def _check_file_kind(path: Path) -> None:
    if not path.is_file():
        raise UserError(_("File {path} does not exist.").format(path=path))
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise UserError(_("Cannot read {name}: {error}. If it is open in another program, close it and try "
                          "again.").format(name=path.name, error=exc.strerror or exc)) from exc
    if head.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in head:
            raise UserError(_("{name} is protected by a password. Open it in Excel or WPS, remove the "
                              "password, save it and import it again.").format(name=path.name))
        raise UserError(_("{name} is an old-style .xls workbook, which cannot be read. Open it in Excel "
                          "or WPS, choose Save As, pick \"Excel Workbook (*.xlsx)\" and import the "
                          ".xlsx file.").format(name=path.name))
    if not head:
        raise UserError(_("{name} is empty (0 bytes). Choose the roster workbook (.xlsx).").format(
            name=path.name))
    if not head.startswith(ZIP_MAGIC):
        raise UserError(_("{name} is not an Excel workbook. Save the roster from Excel or WPS as "
                          "\"Excel Workbook (*.xlsx)\" and import that file.").format(name=path.name))


def _damaged(path: Path) -> UserError:
    return UserError(_("{name} is damaged and cannot be read. Open it in Excel or WPS; if it opens, "
                       "save it again as .xlsx and import the new file.").format(name=path.name))


def _find_header(rows: list[tuple], lookup: dict[str, str]) -> tuple[int, dict[int, str], list[str]] | None:
    """(row number, {column index: key}, unknown headers) of the best header row, if any."""
    best = None
    for number, cells in enumerate(rows, start=1):
        found: dict[int, str] = {}
        unknown: list[str] = []
        for index, cell in enumerate(cells):
            text = normalise_header(cell)
            if not text:
                continue
            key = lookup.get(text)
            if key is None:
                unknown.append(str(cell).strip())
            elif key in found.values():
                raise UserError(_("The column {header} appears twice in the header row {row}. Keep one "
                                  "and import again.").format(header=str(cell).strip(), row=number))
            else:
                found[index] = key
        if len(found) >= 2 and (best is None or len(found) > len(best[1])):
            best = (number, found, unknown)
    return best


def read_roster(path: str | Path) -> RosterSheet:
    """Read the roster sheet of a workbook: the first sheet whose header row names our columns.

    Raises :class:`UserError` (translated) for a file that is not a readable
    .xlsx, a sheet without the required columns (naming them), or no members.
    """
    # openpyxl is imported where a workbook is read or written: it slows start-up.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    _check_file_kind(path)
    # A file from outside can fail inside openpyxl, zipfile, zlib or the XML parser in any way
    # (found by tests/core/test_fuzzed_readers.py): every such failure means "damaged".
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, OSError, Exception) as exc:
        raise _damaged(path) from exc
    try:
        return _read_workbook(wb, path)
    except UserError:
        raise
    except Exception as exc:
        raise _damaged(path) from exc
    finally:
        try:
            wb.close()
        except Exception:
            pass


def _read_workbook(wb, path: Path) -> RosterSheet:
    lookup = header_lookup()
    candidates = []
    for ws in wb.worksheets:
        if not hasattr(ws, "iter_rows"):
            continue  # a chart sheet
        ws.reset_dimensions()  # some writers store a wrong sheet size; read what is there
        top = [tuple(r) for r in ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
        header = _find_header(top, lookup)
        candidates.append((ws, top, header))
        if header is not None:
            return _read_rows(ws, header)
    if not candidates or not any(any(v not in (None, "") for v in row) for _ws, top, _h in candidates
                                 for row in top):
        raise UserError(_("{name} holds no data: the sheet is empty. Fill in the roster template and "
                          "import it again.").format(name=path.name))
    required = "、".join(header_text(c) for c in COLUMNS if c.required)
    raise UserError(_("{name} does not have the roster columns: no header row names the required columns "
                      "{missing}. Copy the data into the roster template and import again.").format(name=path.name, missing=required))


def _read_rows(ws, header: tuple[int, dict[int, str], list[str]]) -> RosterSheet:
    header_row, by_index, unknown = header
    missing = [header_text(c) for c in COLUMNS if c.required and c.key not in by_index.values()]
    if missing:
        raise UserError(_("The sheet {sheet} lacks the required columns {missing} (header row {row}). Add "
                          "them with exactly these headers, or copy your data into the roster template.")
                        .format(sheet=ws.title, missing="、".join(missing), row=header_row))
    columns = {key: "" for key in by_index.values()}
    head = next(ws.iter_rows(min_row=header_row, max_row=header_row, values_only=True))
    for index, key in by_index.items():
        columns[key] = str(head[index]).strip()
    sheet = RosterSheet(sheet_name=ws.title, header_row=header_row, columns=columns, ignored_headers=unknown)
    sheet.rows = list(_data_rows(ws, header_row, by_index))
    if not sheet.rows:
        raise UserError(_("The sheet {sheet} has the roster headers but no members below them. Fill in "
                          "one row per member and import again.").format(sheet=ws.title))
    return sheet


def _data_rows(ws, header_row: int, by_index: dict[int, str]) -> Iterator[RawRow]:
    for number, cells in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True),
                                   start=header_row + 1):
        values = {}
        for index, key in by_index.items():
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str) and not value.strip():
                value = None
            values[key] = value
        # A row holding nothing but a pre-filled serial number is an unused template row.
        if any(v is not None for k, v in values.items() if k != "seq"):
            yield RawRow(number=number, values=values)
