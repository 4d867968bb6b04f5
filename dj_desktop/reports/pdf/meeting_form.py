"""One meeting record as a filled A4 form, laid out like a page of the paper 党支部工作手册."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from dj_desktop.core.attachment_keys import read_plain
from dj_desktop.core.i18n import _
from dj_desktop.core.printouts import MeetingSheet, PhotoFile
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.fonts import PARTY_RED, styles, table_style
from dj_desktop.reports.pdf.flowables import BoxedLines, Cell, FormGrid, SignatureLines
from dj_desktop.reports.pdf.formatting import (
    fit_cell, fit_items, long_date, number_text, para, time_span, wrap_text,
)
from dj_desktop.reports.pdf.photos import PhotoImage

#: The form is as wide as the narrower (book) frame so it looks the same in both printouts.
FORM_WIDTH = 166 * mm
_SIX = [21 * mm, 34 * mm, 21 * mm, 34 * mm, 21 * mm, 35 * mm]
_PHOTO_BOX = (80 * mm, 58 * mm)


def _header_table(sheet: MeetingSheet) -> FormGrid:
    s = styles()
    wide = _SIX[1] + _SIX[2] + _SIX[3]

    def lab(text: str) -> Cell:
        return Cell(fit_cell(text, _SIX[0], s["label"]), label=True)

    def val(text: str, *, width: float = _SIX[1], span: int = 1, **kw) -> Cell:
        return Cell(fit_cell(text or "—", width, s["cell"]), span=span, **kw)

    rows = [
        [lab(_("Meeting type")), val(sheet.kind_label), lab(_("Date")), val(long_date(sheet.held_on)),
         lab(_("Start and end time")), val(time_span(sheet.starts_at, sheet.ends_at))],
        [lab(_("Place")), val(sheet.place, width=wide, span=3), lab(_("Party group")), val(sheet.group)],
        [lab(_("Host")), val(sheet.host), lab(_("Recorder")), val(sheet.recorder),
         lab(_("Lecturer")), val(sheet.lecturer)],
        [lab(_("Subject")), val(sheet.subject, width=wide, span=3), lab(_("Study hours")),
         val(study_hours_text(sheet.study_hours))],
        [lab(_("Should attend")), val(str(sheet.should_attend)), lab(_("Number present")),
         val(str(sheet.present)), lab(_("Number absent")), val(str(sheet.absent))],
        [lab(_("Quorum")), val(_quorum_text(sheet), width=sum(_SIX[1:]), span=5, align="left",
                               color=PARTY_RED if sheet.quorum_met is False else None)],
    ]
    return FormGrid(rows, _SIX)


def study_hours_text(hours: float | None) -> str:
    """Study hours with their unit ("2 学时"); empty when the meeting gave none."""
    return _("{hours} study hours").format(hours=number_text(hours)) if hours else ""


def _quorum_text(sheet: MeetingSheet) -> str:
    if sheet.quorum_met is None:
        return _("No quorum rule for this kind of meeting.")
    if sheet.quorum_met:
        return _("Quorum met. {how}").format(how=sheet.quorum_text).strip()
    return _("QUORUM NOT MET: decisions of this meeting are not valid. {how}").format(how=sheet.quorum_text).strip()


def _attendance_table(sheet: MeetingSheet) -> FormGrid:
    """Who was there (names in one cell) and who was not, one row each, so a long list splits cleanly."""
    s = styles()
    present = [a.name + ("" if a.voting else _(" (probationary)")) for a in sheet.attendance if a.present]
    absent = [a for a in sheet.attendance if not a.present]
    widths = [21 * mm, 35 * mm, 35 * mm, 75 * mm]
    rows: list[list[Cell]] = [
        [Cell(fit_cell(_("Present ({count})").format(count=len(present)), widths[0], s["label"]), label=True),
         # Names never break across lines: a line ends only between two names.
         Cell(fit_items(present, sum(widths[1:]), s["cell"]) or "—", span=3, align="left")],
        [Cell(_("Absent and reason ({count})").format(count=len(absent)), span=4, label=True)],
    ]
    if absent:
        rows.append([Cell(h, label=True) for h in (_("No."), _("Name"), _("Absence reason"), _("Note"))])
    for number, a in enumerate(absent, start=1):
        rows.append([Cell(str(number))] + [Cell(fit_cell(v, w, s["cell"])) for v, w in
                                           zip((a.name, a.reason, a.note), widths[1:])])
    if not absent:
        rows.append([Cell(_("Nobody was absent."), span=4)])
    return FormGrid(rows, widths, repeat_rows=3 if absent else 0)


def _boxed_text(title: str, text: str) -> BoxedLines:
    """A titled box with the text's lines, breaking across pages between lines."""
    body = styles()["body"]
    # Each paragraph starts with a two-character indent, as Chinese prose is written.
    lines = [line for paragraph in (text or "").splitlines() if paragraph.strip()
             for line in wrap_text("\u3000\u3000" + paragraph.strip(), FORM_WIDTH - 16, font=body.fontName,
                                   size=body.fontSize).split("\n")]
    return BoxedLines(title, lines or ["—"], width=FORM_WIDTH, font_size=body.fontSize, leading=body.leading)


def _decisions_table(sheet: MeetingSheet) -> FormGrid:
    s = styles()
    invalid = sheet.quorum_met is False
    widths = [11 * mm, 68 * mm, 22 * mm, 30 * mm, 35 * mm]
    rows = [[Cell(h, label=True) for h in (_("No."), _("Decision taken"), _("Responsible"), _("Due by"),
                                           _("Follow-up"))]]
    for number, d in enumerate(sheet.decisions, start=1):
        follow_up = d.follow_up + (f"：{d.follow_up_note}" if d.follow_up_note else "")
        if invalid:
            follow_up = _("Not valid (quorum not met)")
        rows.append([Cell(str(number)), Cell(fit_cell(d.text, widths[1], s["cell"]), align="left"),
                     Cell(fit_cell(d.responsible, widths[2], s["cell"])),
                     Cell(fit_cell(long_date(d.due_on), widths[3], s["cell"])),
                     Cell(fit_cell(follow_up, widths[4], s["cell"]), color=PARTY_RED if invalid else None)])
    if not sheet.decisions:
        rows.append([Cell(_("No decisions were taken."), span=5)])
    return FormGrid(rows, widths, repeat_rows=1)


def _signature_lines() -> SignatureLines:
    return SignatureLines([_("Host (signature):"), _("Recorder (signature):"), _("Date:")], width=FORM_WIDTH)


def photo_cell(photo: PhotoFile, *, box: tuple[float, float] = _PHOTO_BOX) -> list[Flowable]:
    """The photo scaled to fit ``box`` with its aspect ratio kept, and its caption."""
    width, height = photo.size or _pixel_size(photo.path)
    scale = min(box[0] / width, box[1] / height)
    image = PhotoImage(photo.path, width=width * scale, height=height * scale)
    return [image, para(photo.caption, styles()["caption"])] if photo.caption else [image]


def _pixel_size(path: Path) -> tuple[int, int]:
    with PILImage.open(BytesIO(read_plain(path))) as im:  # reads the header only
        return im.size


def _photos_table(photos: tuple[PhotoFile, ...]) -> Table:
    """Two photos a row under a title row that repeats, so the title never stands alone."""
    cells = [photo_cell(p) for p in photos]
    rows = [[_("Photos"), ""]]
    rows += [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[FORM_WIDTH / 2] * 2, hAlign="CENTER", repeatRows=1)
    table.setStyle(table_style([("SPAN", (0, 0), (1, 0)), ("ALIGN", (0, 1), (-1, -1), "CENTER"),
                                ("FONTSIZE", (0, 0), (-1, 0), 11), ("TEXTCOLOR", (0, 0), (-1, 0), PARTY_RED),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, 0), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def meeting_form_flowables(sheet: MeetingSheet, *, title: Flowable | None = None) -> list[Flowable]:
    """The whole form; the manual passes its own heading (a table-of-contents entry) as ``title``."""
    s = styles()
    story: list[Flowable] = [title or para(_("{kind} record").format(kind=sheet.kind_label), s["form_title"]),
                             _header_table(sheet), Spacer(1, 3 * mm), _attendance_table(sheet),
                             Spacer(1, 3 * mm),
                             _boxed_text(_("Minutes"), sheet.minutes),
                             Spacer(1, 3 * mm)]
    if sheet.quorum_met is False and sheet.decisions:
        story.append(para(_("The quorum was not met, so the decisions below are not valid; "
                            "they must be taken again at a meeting that reaches the quorum."), s["warning"]))
        story.append(Spacer(1, 2 * mm))
    story.append(_decisions_table(sheet))
    if sheet.photos:
        story += [Spacer(1, 3 * mm), _photos_table(sheet.photos)]
    if sheet.missing_photos:
        story.append(para(_("Photo files missing from the attachment store: {names}").format(
            names="、".join(sheet.missing_photos)), s["warning"]))
    story += [Spacer(1, 4 * mm), _signature_lines()]
    return story


def write_meeting_form(sheet: MeetingSheet, target: str | Path | BinaryIO, *, branch_name: str) -> None:
    """Writes one meeting record as a PDF form."""
    header = _("{branch} · {book}").format(branch=branch_name, book=_("Branch work manual"))
    doc = PrintedDocument(target, header=header,
                          title=_("{kind} record").format(kind=sheet.kind_label) + " " + long_date(sheet.held_on))
    doc.render(meeting_form_flowables(sheet))
