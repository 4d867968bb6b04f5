"""The pledge sheet (党员承诺书): the member's pledge items for the year in large type, the day they were
made public, the mid-year and year-end reviews with status and comment, and lines to sign."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from dj_desktop.core.i18n import _
from dj_desktop.core.pledge_sheets import PledgeSheet
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.fonts import GRID_GREY, LABEL_FILL, styles, table_style
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, para, text_blocks


def write_pledge_sheet(sheet: PledgeSheet, target: str | Path | BinaryIO, *, branch_name: str = "") -> None:
    s = styles()
    title = _("Party member's pledge")
    story = [para(title, s["form_title"]),
             para(_("{year} · {name} · {branch}").format(year=sheet.year, name=sheet.name,
                                                         branch=branch_name or sheet.branch), s["small"]),
             Spacer(1, 6 * mm), para(_("I pledge to:"), s["h3"])]
    story += text_blocks(sheet.items or "—", s["body"])
    story += [Spacer(1, 4 * mm), para(_("Made public on {day}").format(
        day=long_date(sheet.published_on) if sheet.published_on else "—"), s["small"]), Spacer(1, 6 * mm)]
    widths = [30 * mm, 34 * mm, 26 * mm, 80 * mm]
    rows = [[fit_cell(h, w, s["label"]) for h, w in zip((_("Review"), _("Date"), _("Fulfilment"), _("Comment")),
                                                         widths)]]
    rows += [[fit_cell(v, w, s["cell"]) for v, w in zip(
        (label, long_date(day) if day else "—", status or "—", comment or "—"), widths)]
        for label, day, status, comment in sheet.reviews]
    table = Table(rows, colWidths=widths, hAlign="CENTER")
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.6, GRID_GREY), ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTSIZE", (0, 0), (-1, -1), 10)]))
    line = "_" * 16
    signs = Table([[_("Member's signature:"), line, _("Branch (seal):"), line]],
                  colWidths=[30 * mm, 50 * mm, 30 * mm, 50 * mm], hAlign="CENTER")
    signs.setStyle(table_style([("FONTSIZE", (0, 0), (-1, -1), 10.5), ("TOPPADDING", (0, 0), (-1, -1), 18)]))
    story += [table, Spacer(1, 14 * mm), signs]
    header = _("{branch} · {book}").format(branch=branch_name or sheet.branch, book=title)
    PrintedDocument(target, header=header, title=f"{title} {sheet.name} {sheet.year}").render(story)
