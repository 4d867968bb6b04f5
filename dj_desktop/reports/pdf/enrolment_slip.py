"""The device registration slip (支部设备登记单): the paper a secretary takes to the office with the
first USB stick, so the office can compare this computer's fingerprint with the one its window
shows before it trusts the bundles, and both sides sign it."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dj_desktop.core.i18n import _
from dj_desktop.core.printouts import EnrolmentSlip
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.flowables import Cell, FormGrid, SignatureLines
from dj_desktop.reports.pdf.fonts import styles
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, para

_WIDTHS = [44 * mm, 122 * mm]


def enrolment_slip_flowables(slip: EnrolmentSlip) -> list[Flowable]:
    s = styles()

    def row(label: str, value: str) -> list[Cell]:
        # Wrapped in the grid's own font size (10.5 pt, the body style's).
        return [Cell(fit_cell(label, _WIDTHS[0], s["body"]), label=True),
                Cell(fit_cell(value or "—", _WIDTHS[1], s["body"]), align="left")]

    grid = FormGrid([
        row(_("Branch"), slip.branch_name),
        row(_("This computer's fingerprint"), slip.device_fingerprint),
        row(_("Site id"), slip.site_id),
        row(_("Device id"), slip.device_id),
        row(_("Office"), slip.office_name),
        row(_("Office fingerprint"), slip.office_fingerprint),
        row(_("Enrolled on"), long_date(slip.enrolled_at.date())),
        row(_("Printed on"), long_date(slip.printed_on)),
    ], _WIDTHS, font_size=10.5, leading=16, padding=6)
    return [
        para(_("Device registration slip"), s["form_title"]),
        Spacer(1, 4 * mm),
        para(_("Take this slip to the office with the first USB stick. When the office imports the "
               "first bundle from this computer, it shows the computer's fingerprint: the office checks "
               "that it matches this slip, digit by digit, before it trusts the bundles, and both sides "
               "sign below. If they differ, the bundle did not come from this computer."), s["body"]),
        Spacer(1, 4 * mm),
        grid,
        Spacer(1, 4 * mm),
        para(_("The office fingerprint above must match the one the office's program shows at the "
               "bottom of its window; otherwise the enrolment file did not come from your office."),
             s["small"]),
        Spacer(1, 10 * mm),
        SignatureLines([_("Branch secretary:"), _("Office clerk:"), _("Date:"), _("Date:")],
                       width=sum(_WIDTHS)),
    ]


def write_enrolment_slip(slip: EnrolmentSlip, target: str | Path | BinaryIO) -> None:
    header = _("{branch} · {book}").format(branch=slip.branch_name, book=_("Device registration slip"))
    PrintedDocument(target, header=header, title=_("Device registration slip")).render(
        enrolment_slip_flowables(slip))
