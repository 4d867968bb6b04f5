"""The branch manual tab's print menu: preview, print or save as PDF one meeting record, the yearly manual,
a monthly or quarterly report.

Each printout is assembled by ``services.printing`` and written by the report writers off the UI
thread (``gui/workers.py``, with progress and cancel) into a temporary folder, then shown in the
print preview or sent to the print dialog.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.core.text import month_label
from dj_desktop.gui.models.manual_records import MEETING, ManualRow
from dj_desktop.gui.pdf_jobs import PdfJobs

if TYPE_CHECKING:
    from dj_desktop.gui.tabs.manual import ManualTab


class ManualPrinting(PdfJobs):
    """Owns the print button and its menu; the tab calls :meth:`update_actions` on selection."""

    def __init__(self, tab: ManualTab):
        super().__init__(tab)
        menu = self.menu
        self.preview_record_action = self._add(menu, _("Preview this meeting record…"),
                                               lambda: self.meeting_record(print_it=False))
        self.print_record_action = self._add(menu, _("Print this meeting record…"),
                                             lambda: self.meeting_record(print_it=True))
        self.save_record_action = self._add(menu, _("Save this meeting record as PDF…"),
                                            lambda: self.meeting_record(print_it=False, save=True))
        menu.addSeparator()
        self._add(menu, _("Preview the yearly manual…"), lambda: self.yearly_manual(print_it=False))
        self._add(menu, _("Print the yearly manual…"), lambda: self.yearly_manual(print_it=True))
        self._add(menu, _("Save the yearly manual as PDF…"), lambda: self.yearly_manual(print_it=False, save=True))
        menu.addSeparator()
        self._add(menu, _("Preview a monthly report…"), lambda: self.ask_month(print_it=False))
        self._add(menu, _("Print a monthly report…"), lambda: self.ask_month(print_it=True))
        self._add(menu, _("Save a monthly report as PDF…"), lambda: self.ask_month(print_it=False, save=True))
        menu.addSeparator()
        self._add(menu, _("Preview a quarterly report…"), lambda: self.ask_quarter(print_it=False))
        self._add(menu, _("Print a quarterly report…"), lambda: self.ask_quarter(print_it=True))
        self._add(menu, _("Save a quarterly report as PDF…"),
                  lambda: self.ask_quarter(print_it=False, save=True))
        self.update_actions(None)

    def _add(self, menu: QMenu, text: str, slot) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def update_actions(self, row: ManualRow | None) -> None:
        usable = row is not None and row.record_type == MEETING and not row.deleted
        self.preview_record_action.setEnabled(usable)
        self.print_record_action.setEnabled(usable)
        self.save_record_action.setEnabled(usable)

    # --- jobs -------------------------------------------------------------------------------
    def meeting_record(self, *, print_it: bool, meeting_id: uuid.UUID | None = None, save: bool = False) -> None:
        row = self.tab.selected_row()
        meeting_id = meeting_id or (row.id if row is not None and row.record_type == MEETING else None)
        if meeting_id is None:
            return
        services = self.tab.services

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.meeting_form import write_meeting_form
            sheet, branch_name = services.printing.meeting_form(meeting_id)
            write_meeting_form(sheet, path, branch_name=branch_name)

        meeting = services.meetings.get(meeting_id)
        self._run(_("Preparing the meeting record for printing"), write,
                  self._target(_("{kind} record").format(kind=meeting.kind_label), meeting.held_on),
                  print_it=print_it, save=save)

    def yearly_manual(self, *, print_it: bool, save: bool = False) -> None:
        branch_id, year = self.tab.branch_id, self.tab.year_spin.value()
        if branch_id is None:
            return
        services = self.tab.services

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.yearly_manual import write_yearly_manual
            book = services.printing.manual_book(branch_id=branch_id, year=year, progress=progress)
            write_yearly_manual(book, path, progress=progress)

        self._run(_("Preparing the branch manual of {year} for printing").format(year=year), write,
                  self._target(_("Branch work manual"), str(year)), print_it=print_it, save=save)

    def ask_month(self, *, print_it: bool, save: bool = False) -> None:
        year = self.tab.year_spin.value()
        today = date.today()
        last = 12 if year < today.year else today.month
        months = [month_label(year, m) for m in range(1, last + 1)]
        if not months:
            return
        chosen, ok = QInputDialog.getItem(self.tab, _("Monthly report"), _("Month"), months,
                                          len(months) - 1, False)
        if ok:
            self.monthly_report(date(year, months.index(chosen) + 1, 1), print_it=print_it, save=save)

    def monthly_report(self, month: date, *, print_it: bool, save: bool = False) -> None:
        self._period_report(f"{month:%Y-%m}", quarterly=False, print_it=print_it, save=save)

    def ask_quarter(self, *, print_it: bool, save: bool = False) -> None:
        year = self.tab.year_spin.value()
        today = date.today()
        last = 4 if year < today.year else (today.month - 1) // 3 + 1
        quarters = [_("Quarter {quarter} of {year}").format(year=year, quarter=q) for q in range(1, last + 1)]
        if not quarters:
            return
        chosen, ok = QInputDialog.getItem(self.tab, _("Quarterly report"), _("Quarter"), quarters,
                                          len(quarters) - 1, False)
        if ok:
            self.quarterly_report(year, quarters.index(chosen) + 1, print_it=print_it, save=save)

    def quarterly_report(self, year: int, quarter: int, *, print_it: bool, save: bool = False) -> None:
        """三会一课 quarterly report to the upper level."""
        self._period_report(f"{year}-Q{quarter}", quarterly=True, print_it=print_it, save=save)

    def _period_report(self, period_text: str, *, quarterly: bool, print_it: bool, save: bool = False) -> None:
        branch_id = self.tab.branch_id
        if branch_id is None:
            return
        services = self.tab.services

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.tabular import write_report
            if quarterly:
                report = services.printing.quarterly_report(branch_id=branch_id, quarter=period_text,
                                                            progress=progress)
            else:
                report = services.printing.monthly_report(branch_id=branch_id, month=period_text, progress=progress)
            write_report(report, path)

        title = (_("Preparing the quarterly report for printing") if quarterly
                 else _("Preparing the monthly report for printing"))
        stem = _("Quarterly report") if quarterly else _("Monthly report")
        self._run(title, write, self._target(stem, period_text), print_it=print_it, save=save)
