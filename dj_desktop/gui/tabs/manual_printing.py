"""The branch manual tab's print menu: preview or print one meeting record, the yearly manual, a monthly report.

Each printout is assembled by ``services.printing`` and written by the report writers off the UI
thread (``gui/workers.py``, with progress and cancel) into a temporary folder, then shown in the
print preview or sent to the print dialog.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QTemporaryDir
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton

from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.gui import print_preview
from dj_desktop.gui.models.manual_records import MEETING, ManualRow
from dj_desktop.gui.workers import runner_for

if TYPE_CHECKING:
    from dj_desktop.gui.tabs.manual import ManualTab

#: ``(pdf path, print it)``: shows the preview, or the print dialog when ``print it`` is true.
Presenter = Callable[[Path, bool], None]


class ManualPrinting:
    """Owns the print button and its menu; the tab calls :meth:`update_actions` on selection."""

    def __init__(self, tab: ManualTab):
        self.tab = tab
        self._folder = QTemporaryDir()
        self._counter = 0
        #: The last PDF written (tests read it; the next job overwrites nothing, names are unique).
        self.last_pdf: Path | None = None
        #: How a finished PDF is shown; tests replace it to avoid modal dialogs.
        self.present: Presenter = self._present
        self.button = QToolButton(tab)
        self.button.setText(_("Print and preview"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.preview_record_action = self._add(menu, _("Preview this meeting record…"),
                                               lambda: self.meeting_record(print_it=False))
        self.print_record_action = self._add(menu, _("Print this meeting record…"),
                                             lambda: self.meeting_record(print_it=True))
        menu.addSeparator()
        self._add(menu, _("Preview the yearly manual…"), lambda: self.yearly_manual(print_it=False))
        self._add(menu, _("Print the yearly manual…"), lambda: self.yearly_manual(print_it=True))
        menu.addSeparator()
        self._add(menu, _("Preview a monthly report…"), lambda: self.ask_month(print_it=False))
        self._add(menu, _("Print a monthly report…"), lambda: self.ask_month(print_it=True))
        menu.addSeparator()
        self._add(menu, _("Preview a quarterly report…"), lambda: self.ask_quarter(print_it=False))
        self._add(menu, _("Print a quarterly report…"), lambda: self.ask_quarter(print_it=True))
        self.button.setMenu(menu)
        self.update_actions(None)

    def _add(self, menu: QMenu, text: str, slot) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def update_actions(self, row: ManualRow | None) -> None:
        usable = row is not None and row.record_type == MEETING and not row.deleted
        self.preview_record_action.setEnabled(usable)
        self.print_record_action.setEnabled(usable)

    # --- jobs -------------------------------------------------------------------------------
    def _target(self, stem: str) -> Path:
        self._counter += 1
        return Path(self._folder.path()) / f"{stem}-{self._counter}.pdf"

    def _run(self, title: str, write: Callable[[Path, Progress], None], target: Path, *, print_it: bool) -> None:
        def job(progress: Progress) -> Path:
            write(target, progress)
            return target

        def done(path: Path) -> None:
            self.last_pdf = path
            self.present(path, print_it)

        runner_for(self.tab).run(job, parent=self.tab, title=title, on_result=done)

    def meeting_record(self, *, print_it: bool, meeting_id: uuid.UUID | None = None) -> None:
        row = self.tab.selected_row()
        meeting_id = meeting_id or (row.id if row is not None and row.record_type == MEETING else None)
        if meeting_id is None:
            return
        services = self.tab.services

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.meeting_form import write_meeting_form
            sheet, branch_name = services.printing.meeting_form(meeting_id)
            write_meeting_form(sheet, path, branch_name=branch_name)

        self._run(_("Preparing the meeting record for printing"), write, self._target("meeting"),
                  print_it=print_it)

    def yearly_manual(self, *, print_it: bool) -> None:
        branch_id, year = self.tab.branch_id, self.tab.year_spin.value()
        if branch_id is None:
            return
        services = self.tab.services

        def write(path: Path, progress: Progress) -> None:
            from dj_desktop.reports.pdf.yearly_manual import write_yearly_manual
            book = services.printing.manual_book(branch_id=branch_id, year=year, progress=progress)
            write_yearly_manual(book, path, progress=progress)

        self._run(_("Preparing the branch manual of {year} for printing").format(year=year), write,
                  self._target(f"manual-{year}"), print_it=print_it)

    def ask_month(self, *, print_it: bool) -> None:
        year = self.tab.year_spin.value()
        today = date.today()
        last = 12 if year < today.year else today.month
        months = [_("Month {month} of {year}").format(year=year, month=m) for m in range(1, last + 1)]
        if not months:
            return
        chosen, ok = QInputDialog.getItem(self.tab, _("Monthly report"), _("Month"), months,
                                          len(months) - 1, False)
        if ok:
            self.monthly_report(date(year, months.index(chosen) + 1, 1), print_it=print_it)

    def monthly_report(self, month: date, *, print_it: bool) -> None:
        self._period_report(f"{month:%Y-%m}", quarterly=False, print_it=print_it)

    def ask_quarter(self, *, print_it: bool) -> None:
        year = self.tab.year_spin.value()
        today = date.today()
        last = 4 if year < today.year else (today.month - 1) // 3 + 1
        quarters = [_("Quarter {quarter} of {year}").format(year=year, quarter=q) for q in range(1, last + 1)]
        if not quarters:
            return
        chosen, ok = QInputDialog.getItem(self.tab, _("Quarterly report"), _("Quarter"), quarters,
                                          len(quarters) - 1, False)
        if ok:
            self.quarterly_report(year, quarters.index(chosen) + 1, print_it=print_it)

    def quarterly_report(self, year: int, quarter: int, *, print_it: bool) -> None:
        """三会一课 quarterly report to the upper level."""
        self._period_report(f"{year}-Q{quarter}", quarterly=True, print_it=print_it)

    def _period_report(self, period_text: str, *, quarterly: bool, print_it: bool) -> None:
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
        self._run(title, write, self._target(("quarter-" if quarterly else "month-") + period_text),
                  print_it=print_it)

    def _present(self, path: Path, print_it: bool) -> None:
        if print_it:
            print_preview.print_pdf(path, self.tab)
        else:
            print_preview.show_print_preview(path, self.tab)
