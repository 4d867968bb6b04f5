"""The member file (一人一档) as one PDF: a cover, the contents with page numbers, then every section
in the file's fixed order — the roster data as a form, every other section as a table, "无记录"
under an empty one. Takes :class:`~dj_desktop.core.member_file.MemberFile` (plain data)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from dj_desktop.core.i18n import _
from dj_desktop.core.member_file import FileSection, MemberFile
from dj_desktop.reports.pdf.contents import ContentsPlaceholder
from dj_desktop.reports.pdf.document import Heading, PrintedDocument
from dj_desktop.reports.pdf.fonts import GRID_GREY, LABEL_FILL, styles, table_style
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, para

#: Width of the text area of an A4 page.
_WIDTH = 170 * mm
_GRID = [("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 13), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
         ("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY), ("BOX", (0, 0), (-1, -1), 1.2, colors.black)]


def _cover(file: MemberFile) -> list[Flowable]:
    s = styles()
    story = [Spacer(1, 58 * mm), para(_("Party member file"), s["cover_title"]), Spacer(1, 16 * mm),
             para(file.name, s["cover_line"]), Spacer(1, 62 * mm), para(file.branch, s["cover_small"]),
             Spacer(1, 6 * mm), para(_("Printed on {date}").format(date=long_date(file.printed_on)), s["cover_small"])]
    if file.masked:
        story.append(para(_("Masked copy: ID number, phone and address are partly hidden."), s["cover_small"]))
    return story + [PageBreak()]


def _facts(section: FileSection) -> Table:
    """Label/value pairs two to a row, as a form."""
    s = styles()
    widths = [24 * mm, 61 * mm, 24 * mm, 61 * mm]
    pairs = list(section.facts)
    rows = []
    for i in range(0, len(pairs), 2):
        row = []
        for label, value in pairs[i:i + 2]:
            row += [fit_cell(label, widths[0], s["label"]), fit_cell(value or "—", widths[1], s["cell"])]
        rows.append(row + [""] * (4 - len(row)))
    table = Table(rows, colWidths=widths, hAlign="CENTER")
    table.setStyle(table_style(_GRID + [("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                                        ("BACKGROUND", (2, 0), (2, -1), LABEL_FILL)]))
    return table


def _table(section: FileSection) -> Table:
    s = styles()
    count = max(len(section.headers), 1)
    widths = [_WIDTH / count] * count
    data = [[fit_cell(h, w, s["label"]) for h, w in zip(section.headers, widths)]]
    data += [[fit_cell(v or "—", w, s["cell"]) for v, w in zip(row, widths)] for row in section.rows]
    commands = _GRID + [("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL), ("ALIGN", (0, 0), (-1, 0), "CENTER")]
    if not section.rows:
        data.append([fit_cell(_("No records"), _WIDTH, s["cell"])] + [""] * (count - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(table_style(commands))
    return table


def member_file_story(file: MemberFile) -> list[Flowable]:
    s = styles()
    story = _cover(file) + [para(_("Table of contents"), s["toc_title"]), ContentsPlaceholder(), PageBreak()]
    for number, section in enumerate(file.sections, start=1):
        title = _("{number}. {title}").format(number=number, title=section.title)
        story.append(Heading(title, level=0, key=section.key))
        story.append(_facts(section) if section.facts else _table(section))
        story.append(Spacer(1, 6 * mm))
    return story


def write_member_file(file: MemberFile, target: str | Path | BinaryIO) -> None:
    header = _("{branch} · {book}").format(branch=file.branch, book=_("Party member file") + " " + file.name)
    PrintedDocument(target, header=header, title=_("Party member file") + " " + file.name, book=True).render(
        member_file_story(file))
