"""The recovery-key slip (密码恢复凭据): printed once when the app password is set or changed.
A forgotten password cannot be bypassed; this key, kept on paper away from the computer, can."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from dj_desktop.core.i18n import _
from dj_desktop.reports.pdf.document import PrintedDocument
from dj_desktop.reports.pdf.flowables import Cell, FormGrid, SignatureLines
from dj_desktop.reports.pdf.fonts import styles
from dj_desktop.reports.pdf.formatting import fit_cell, long_date, para

_WIDTHS = [44 * mm, 122 * mm]


def recovery_slip_flowables(recovery_key: str, database_name: str, printed_on: date) -> list[Flowable]:
    s = styles()

    def row(label: str, value: str) -> list[Cell]:
        return [Cell(fit_cell(label, _WIDTHS[0], s["body"]), label=True),
                Cell(fit_cell(value, _WIDTHS[1], s["body"]), align="left")]

    grid = FormGrid([row(_("Database"), database_name), row(_("Recovery key"), recovery_key),
                     row(_("Printed on"), long_date(printed_on))], _WIDTHS, font_size=12, leading=18, padding=6)
    return [
        para(_("Recovery key slip"), s["form_title"]),
        Spacer(1, 4 * mm),
        para(_("The branch's records on this computer are protected by a password. If the password is "
               "forgotten, nobody can open them without this recovery key: not the office, not the "
               "program's authors. Keep this slip locked away, apart from the computer, and never "
               "photograph it. With the key: dj-desktop password change --recovery-key-file FILE."), s["body"]),
        Spacer(1, 4 * mm),
        grid,
        Spacer(1, 10 * mm),
        SignatureLines([_("Kept by:"), _("Date:")], width=sum(_WIDTHS)),
    ]


def write_recovery_slip(recovery_key: str, database_name: str, target: str | Path | BinaryIO,
                        *, printed_on: date | None = None) -> None:
    PrintedDocument(target, header=_("Recovery key slip"), title=_("Recovery key slip")).render(
        recovery_slip_flowables(recovery_key, database_name, printed_on or date.today()))
