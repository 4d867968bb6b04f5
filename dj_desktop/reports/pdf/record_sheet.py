"""The printed sheet of one record of any book that has no form of its own: the book and the
record's title, then every column as a labelled row; long texts follow the grid as paragraphs."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dj_desktop.core.books.views import RecordSheet
from dj_desktop.core.i18n import _
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.flowables import Cell, FormGrid, SignatureLines
from dj_desktop.reports.pdf.fonts import styles
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, para, text_blocks

_WIDTHS = [40 * mm, 126 * mm]
#: Values longer than this print as paragraphs under the grid (minutes, summaries, plans).
_LONG = 120


def record_sheet_flowables(sheet: RecordSheet) -> list[Flowable]:
    s = styles()
    short = [(label, text) for label, text in sheet.fields if len(text) <= _LONG and "\n" not in text]
    long = [(label, text) for label, text in sheet.fields if (label, text) not in short]
    grid = FormGrid([[Cell(fit_cell(label, _WIDTHS[0], s["body"]), label=True),
                      Cell(fit_cell(text or "—", _WIDTHS[1], s["body"]), align="left")] for label, text in short],
                    _WIDTHS, font_size=10.5, leading=16, padding=6)
    out: list[Flowable] = [para(sheet.book_title, s["form_title"]), para(sheet.title, s["body"]),
                           Spacer(1, 4 * mm), grid]
    for label, text in long:
        out += [Spacer(1, 4 * mm), para(label, s["h3"])]
        out += text_blocks(text, s["body"])
    out += [Spacer(1, 6 * mm),
            para(_("Record id {id}, version {version}").format(id=sheet.record_id, version=sheet.version),
                 s["small"]),
            Spacer(1, 8 * mm),
            SignatureLines([_("Recorded by:"), _("Date:")], width=sum(_WIDTHS))]
    return out


def write_record_sheet(sheet: RecordSheet, target: str | Path | BinaryIO, *, branch_name: str = "") -> None:
    header = _("{branch} · {book}").format(branch=branch_name or sheet.branch_name, book=sheet.book_title)
    title = f"{sheet.book_title} {long_date(sheet.day)}" if sheet.day else sheet.book_title
    PrintedDocument(target, header=header, title=title).render(record_sheet_flowables(sheet))
