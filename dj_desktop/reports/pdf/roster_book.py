"""党员花名册: the roster as a landscape A4 table, in full for the branch's file or masked for display.

``services.printing.roster`` assembles the plain :class:`RosterSheet`; ``write_roster`` lays it out.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.printouts import RosterSheet
from dj_desktop.reports.pdf.document import NumberedCanvas
from dj_desktop.reports.pdf.fonts import CJK, GRID_GREY, LABEL_FILL, PARTY_RED, register_cjk_font, styles, table_style
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, para

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 12 * mm
TOP = 20 * mm
BOTTOM = 18 * mm

#: (header, relative width) of each column, in the paper roster's order.
COLUMNS = (
    (N_("No."), 3.9), (N_("Name"), 5.6), (N_("Gender"), 3.9), (N_("Ethnicity"), 3.9), (N_("Birth date"), 7),
    (N_("ID number"), 14), (N_("Education"), 6.2), (N_("Party group"), 7.2), (N_("Member type"), 6.2),
    (N_("Joined the Party on"), 7), (N_("Full member since"), 7), (N_("Category"), 6.2),
    (N_("Work unit and post"), 10), (N_("Phone"), 9.5),
)


class _LandscapeCanvas(NumberedCanvas):
    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(CJK, 9)
        self.setFillColor(GRID_GREY)
        self.drawCentredString(PAGE_WIDTH / 2, 9 * mm, _("Page {page} of {total}").format(page=number, total=total))
        self.restoreState()


def write_roster(sheet: RosterSheet, target: str | Path, *, progress: Progress | None = None) -> Path:
    register_cjk_font()
    path = Path(target)
    title = _("Roster of Party members")
    header = _("{branch} · {book}").format(branch=sheet.branch, book=title)
    doc = BaseDocTemplate(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), title=title, author=sheet.branch,
                          creator="dj_desktop", initialFontName=CJK, initialFontSize=9)
    frame = Frame(MARGIN, BOTTOM, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - TOP - BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def chrome(canvas, _doc) -> None:
        y = PAGE_HEIGHT - TOP + 7 * mm
        canvas.saveState()
        canvas.setFont(CJK, 9)
        canvas.setFillColor(GRID_GREY)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, y, header)
        canvas.setStrokeColor(PARTY_RED)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, y - 2.5 * mm, PAGE_WIDTH - MARGIN, y - 2.5 * mm)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="roster", frames=[frame], onPage=chrome)])
    s = styles()
    facts = [_("Party branch: {branch}").format(branch=sheet.branch),
             _("As of {day}").format(day=long_date(sheet.as_of)),
             _("{count} members").format(count=len(sheet.lines))]
    if sheet.masked:
        facts.append(_("For display: ID numbers and phone numbers are partly hidden"))
    story = [para(title, s["form_title"]), para("　　".join(facts), s["small"]), Spacer(1, 3 * mm),
             _table(sheet, progress)]
    doc.build(story, canvasmaker=_LandscapeCanvas)
    return path


def _table(sheet: RosterSheet, progress: Progress | None) -> Table:
    s = styles()
    cell = s["cell"].clone("roster_cell", fontSize=8.5, leading=11)
    total = sum(weight for _header, weight in COLUMNS)
    widths = [(PAGE_WIDTH - 2 * MARGIN) * weight / total for _header, weight in COLUMNS]
    rows: list[list[str]] = [[fit_cell(_(header), w, cell) for (header, _weight), w in zip(COLUMNS, widths)]]
    for number, line in enumerate(sheet.lines, start=1):
        step(progress, number, len(sheet.lines), _("Laying out the roster"))
        values = (str(number), line.name, line.gender, line.ethnicity, line.birth_date, line.id_number,
                  line.education, line.group, line.member_type, line.joined_on, line.full_member_on,
                  line.category, line.work, line.phone)
        rows.append([fit_cell(v, w, cell) for v, w in zip(values, widths)])
    commands = [("FONTSIZE", (0, 0), (-1, -1), 8.5), ("LEADING", (0, 0), (-1, -1), 11),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_GREY), ("BOX", (0, 0), (-1, -1), 1.1, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL), ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if not sheet.lines:
        rows.append([_("No members in the branch yet.")] + [""] * (len(widths) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(table_style(commands))
    return table
