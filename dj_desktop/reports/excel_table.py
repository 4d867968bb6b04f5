"""Any book as an Excel table: a title row, Chinese headers, one row per record.

Columns of kind ``code`` (ID numbers, phones) are text cells so Excel never shows
4.1E+17 or drops a leading zero; dates are real date cells; numbers are numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from dj_desktop.reports.excel_roster import DATE_FORMAT, TEXT_FORMAT, save_workbook


@dataclass(frozen=True)
class TableColumn:
    header: str      # translated
    kind: str        # text / code / date / number
    width: int = 14


def write_table(path: str | Path, *, title: str, sheet_name: str, columns: Sequence[TableColumn],
                rows: Sequence[Sequence[Any]]) -> int:
    """Writes ``rows`` (one value per column) under a title row and a header row; returns the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name[:31]
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=2, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A3"
    for r, values in enumerate(rows, start=3):
        for index, (column, value) in enumerate(zip(columns, values), start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=index)
            if column.kind == "code":
                cell.value, cell.number_format = str(value), TEXT_FORMAT
            elif column.kind == "date" and isinstance(value, date):
                cell.value, cell.number_format = value, DATE_FORMAT
            elif column.kind == "number" and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                cell.value = value
            else:
                cell.value = str(value)
    save_workbook(wb, Path(path))
    return len(rows)


def write_book(path: str | Path, info: Any, records: Sequence[Any], *, year: int | None = None) -> int:
    """A registered book's records (``BookInfo`` and ``RecordView``s from ``services.records``) as a table:
    dates and numbers as real cells, everything else as the text the program shows."""
    columns = [TableColumn(c.header, c.kind if c.kind in ("code", "date", "number") else "text", c.width)
               for c in info.columns]
    rows = [[r.values.get(c.key) if c.kind in ("date", "number") else text
             for c, text in zip(info.columns, r.texts)] for r in records]
    title = f"{info.title}（{year}）" if year else info.title
    return write_table(path, title=title, sheet_name=info.title, columns=columns, rows=rows)
