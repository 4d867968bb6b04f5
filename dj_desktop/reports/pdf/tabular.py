"""Reports to the upper level as titled tables, written either as a PDF or as an .xlsx workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.printouts import ReportTable, TabularReport
from dj_desktop.core.safe_write import atomic_path
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.fonts import GRID_GREY, LABEL_FILL, styles, table_style
from dj_desktop.reports.pdf.formatting import fit_cell, para

#: Width of the table area of a flat A4 page.
_TABLE_WIDTH = 170 * mm


def write_report(report: TabularReport, target: str | Path) -> Path:
    """Writes ``report`` as PDF or .xlsx, chosen by the file's extension."""
    path = Path(target)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        write_pdf(report, path)
    elif suffix == ".xlsx":
        write_xlsx(report, path)
    else:
        raise UserError(_("Cannot write a report to {name}: the file name must end in .pdf or .xlsx.").format(
            name=path.name))
    return path


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


def _pdf_table(table: ReportTable) -> list[Flowable]:
    s = styles()
    total = sum(table.weights)
    widths = [_TABLE_WIDTH * w / total for w in table.weights]
    rows: list[list] = [[fit_cell(h, w, s["label"]) for h, w in zip(table.headers, widths)]]
    for row in table.rows:
        rows.append([fit_cell(_cell_text(v), w, s["cell"]) for v, w in zip(row, widths)])
    commands = [("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 13),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY), ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL)]
    if not table.rows:
        rows.append([table.empty_text] + [""] * (len(widths) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    grid = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    grid.setStyle(table_style(commands))
    if len(rows) <= 25:
        return [KeepTogether([para(table.title, s["h3"]), grid]), Spacer(1, 4 * mm)]
    # A long table starts under its title on the same page and runs on (header repeated) rather than
    # leaving the first page empty.
    return [CondPageBreak(40 * mm), para(table.title, s["h3"]), grid, Spacer(1, 4 * mm)]


def _signatures() -> Table:
    line = "_" * 14
    rows = [[_("Filled in by:"), line, _("Checked by (secretary):"), line, _("Date:"), line]]
    table = Table(rows, colWidths=[20 * mm, 32 * mm, 34 * mm, 32 * mm, 14 * mm, 32 * mm], hAlign="CENTER")
    table.setStyle(table_style([("FONTSIZE", (0, 0), (-1, -1), 10), ("TOPPADDING", (0, 0), (-1, -1), 12)]))
    return table


def write_pdf(report: TabularReport, target: str | Path) -> None:
    s = styles()
    story: list[Flowable] = [para(report.title, s["form_title"])]
    story.append(para("　　".join(f"{label}：{value}" for label, value in report.facts), s["small"]))
    story.append(Spacer(1, 4 * mm))
    for table in report.tables:
        story += _pdf_table(table)
    story.append(KeepTogether([Spacer(1, 6 * mm), _signatures()]))
    header = _("{branch} · {book}").format(branch=report.branch, book=report.title)
    PrintedDocument(target, header=header, title=report.title).render(story)


_THIN = Side(style="thin", color="555555")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F4EDE4")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def write_xlsx(report: TabularReport, target: str | Path) -> None:
    """One sheet: the title, the facts, then each table under its own title, as the PDF shows them."""
    book = Workbook()
    sheet = book.active
    sheet.title = report.title[:31]
    columns = max(len(t.headers) for t in report.tables)
    # Column widths follow the widest table's weights (in characters).
    widest = max(report.tables, key=lambda t: len(t.headers))
    total = sum(widest.weights)
    for index, weight in enumerate(widest.weights, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(8, round(100 * weight / total))
    sheet.cell(row=1, column=1, value=report.title).font = Font(size=16, bold=True, color="B5121B")
    sheet.cell(row=1, column=1).alignment = _CENTER
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.row_dimensions[1].height = 28
    row = 2
    for label, value in report.facts:
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        sheet.cell(row=row, column=2, value=value)
        row += 1
    for table in report.tables:
        row += 1
        sheet.cell(row=row, column=1, value=table.title).font = Font(size=12, bold=True)
        row += 1
        for col, header in enumerate(table.headers, start=1):
            cell = sheet.cell(row=row, column=col, value=header)
            cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), _HEADER_FILL, _BORDER, _CENTER
        row += 1
        if not table.rows:
            sheet.cell(row=row, column=1, value=table.empty_text).alignment = _LEFT
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(table.headers))
            row += 1
        for values in table.rows:
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=col, value=value)
                cell.border = _BORDER
                cell.alignment = _CENTER if isinstance(value, (int, float)) or len(str(value)) <= 12 else _LEFT
            row += 1
    row += 1
    sheet.cell(row=row, column=1, value=_("Filled in by:"))
    sheet.cell(row=row, column=3, value=_("Checked by (secretary):"))
    sheet.cell(row=row, column=5, value=_("Date:"))
    sheet.print_options.horizontalCentered = True
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    with atomic_path(target) as tmp:
        book.save(tmp)
