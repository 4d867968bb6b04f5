"""首页 (dashboard): what is overdue or due soon, counted by month; double-click opens what fixes it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QModelIndex, Qt
from shiboken6 import isValid
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSplitter, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.books import open_target
from dj_desktop.gui.first_steps import FirstStepsGuide
from dj_desktop.gui.models.reminders import COL_MESSAGE, ReminderTableModel
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.workers import runner_for

if TYPE_CHECKING:
    from dj_desktop.core.rules.cadence import Reminder  # the runtime import waits for the first refresh

MONTH_HEADERS = (N_("Month"), N_("Overdue"), N_("Due soon"))
_MONTH_ROLE = Qt.ItemDataRole.UserRole + 1


class DashboardTab(BaseTab):
    order = 10

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        #: Today's date; tests pin it so the reminders do not depend on the calendar.
        self.today: Callable[[], date] = date.today
        #: The dialog opened from the last double-click (kept so it is not garbage-collected).
        self.active_dialog: QDialog | None = None
        #: Counts refreshes, so a slower earlier computation never overwrites a newer one.
        self._generation = 0
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.summary = QLabel(self)
        self.open_button = QPushButton(_("Deal with the selected reminder…"), self)
        self.refresh_button = QPushButton(_("Refresh"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button.clicked.connect(self.refresh)

        self.months = QTableWidget(0, len(MONTH_HEADERS), self)
        self.months.setHorizontalHeaderLabels([_(h) for h in MONTH_HEADERS])
        self.months.verticalHeader().setVisible(False)
        self.months.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.months.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.months.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.months.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.months.itemSelectionChanged.connect(self._on_month_selected)

        # A function, not the labels: the record service (and the books) load on the first refresh.
        self.model = ReminderTableModel(lambda: services.records.reminder_kind_labels(), self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._on_double_click)
        self._hint_texts()

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(24)
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)
        hint = QLabel(_("Double-click a reminder to record the meeting or talk that settles it."), self)
        hint.setStyleSheet("color: #555;")
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.months)
        split.addWidget(self.view)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 1000])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        self.guide = FirstStepsGuide(self)
        layout.addWidget(self.guide, 1)
        self.guide.hide()
        self._split, self._hint = split, hint

    @classmethod
    def title(cls) -> str:
        return _("Home")

    # --- loading --------------------------------------------------------------------------
    def _hint_texts(self, computing: bool = False) -> None:
        """The empty lists' hints; while the reminders are being computed they say so, not "nothing due"."""
        busy = _("Computing the reminders…")
        empty_hint(self.view, busy if computing else _(
            "Nothing is overdue or due soon. New reminders appear here when a meeting, talk or other duty "
            "falls due."))
        empty_hint(self.months, busy if computing else _("No reminders in any month."))

    def refresh(self) -> None:
        """Compute the reminders off the UI thread (loading the record books and running every book's
        rules takes about half a second on the demo database); the window stays usable meanwhile."""
        on = self.today()
        self._generation += 1
        generation = self._generation
        self.heading.setText(_("Reminders as of {day}").format(day=on.isoformat()))
        self.summary.setText(_("Computing the reminders…"))
        self.summary.setStyleSheet("color: #555;")
        self._hint_texts(computing=True)
        services = self.services

        def job():
            return services.records.counts(["members"])["members"] == 0, services.reminders.reminders(on)

        runner_for(self).background(job, on_result=lambda result: self._show(generation, on, *result))

    def _show(self, generation: int, on: date, empty: bool, reminders: list[Reminder]) -> None:
        if generation != self._generation or not isValid(self):   # a newer refresh, or the window closed
            return
        self._hint_texts()
        # A branch with no members gets its first steps, not a list of meetings nobody could hold.
        self.guide.setVisible(empty)
        for widget in (self._split, self._hint, self.open_button):
            widget.setVisible(not empty)
        self.model.set_reminders(reminders)
        overdue = sum(1 for r in reminders if r.status == "overdue")
        self.summary.setText(_("{overdue} overdue, {due} due soon").format(
            overdue=overdue, due=len(reminders) - overdue))
        self.summary.setStyleSheet("color: #b00020; font-weight: bold;" if overdue else "color: #1b6e20;")
        self._fill_months(reminders)

    def _fill_months(self, reminders: list[Reminder]) -> None:
        overdue = Counter((r.due.year, r.due.month) for r in reminders if r.status == "overdue")
        due = Counter((r.due.year, r.due.month) for r in reminders if r.status != "overdue")
        months = sorted(set(overdue) | set(due))
        self.months.blockSignals(True)
        self.months.setRowCount(len(months) + 1)
        rows = [(None, _("All months"), sum(overdue.values()), sum(due.values()))]
        rows += [(m, _("Month {month} of {year}").format(year=m[0], month=m[1]), overdue[m], due[m]) for m in months]
        for row, (key, label, n_overdue, n_due) in enumerate(rows):
            for col, value in enumerate((label, str(n_overdue), str(n_due))):
                item = QTableWidgetItem(value)
                item.setData(_MONTH_ROLE, key)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.months.setItem(row, col, item)
        self.months.blockSignals(False)
        self.months.selectRow(0)
        self.model.set_month(None)

    def _on_month_selected(self) -> None:
        items = self.months.selectedItems()
        self.model.set_month(items[0].data(_MONTH_ROLE) if items else None)

    def month_counts(self) -> dict[tuple[int, int] | None, tuple[int, int]]:
        """``{(year, month) or None for all: (overdue, due)}`` as shown (for tests and the status bar)."""
        out = {}
        for row in range(self.months.rowCount()):
            key = self.months.item(row, 0).data(_MONTH_ROLE)
            out[key] = (int(self.months.item(row, 1).text()), int(self.months.item(row, 2).text()))
        return out

    # --- acting ---------------------------------------------------------------------------
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_reminder(self.model.reminder(index.row()))

    def open_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.open_reminder(self.model.reminder(rows[0].row()))

    def open_reminder(self, reminder: Reminder) -> QDialog | None:
        """Open what settles ``reminder`` through the book registry (``gui/books``): a new
        record's form, the record, or the tab that shows it.

        Dialogs open window-modal without blocking; the list is refreshed when one closes.
        """
        dialog = open_target(self, self.services, reminder.target, on=min(self.today(), reminder.due),
                             message=reminder.message)
        if dialog is None:
            return None
        self.active_dialog = dialog
        dialog.finished.connect(self._after_dialog)
        dialog.open()
        return dialog

    def _after_dialog(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.refresh()


TAB = DashboardTab
