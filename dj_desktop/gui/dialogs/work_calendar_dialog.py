"""工作日历…: the holiday and 调休 calendar member development counts working days in (the public
notice's five working days). Pick a year, see its declared holidays and make-up working days, add a
holiday (one day or a range) or a make-up working day, remove an entry. A year without any declared
day has no calendar, and the dialog says that counts through it are provisional (暂算)."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.dialogs.development_dialogs import _date_edit
from dj_desktop.gui.empty_hint import empty_hint

KIND_LABELS = {"holiday": N_("Holiday (放假)"), "workday": N_("Make-up working day (调休上班)")}
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))
COLUMNS = (N_("Date"), N_("Weekday"), N_("Kind"))


class WorkCalendarDialog(QDialog):
    def __init__(self, services: Services, branch_id: uuid.UUID, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Working-day calendar"))
        self.store, self.branch_id, self.days = services.development.calendar, branch_id, []
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        empty_hint(self.table, _("No holiday or make-up working day is entered for this year. Enter the "
                                 "State Council's holiday arrangement (国务院办公厅节假日安排) below."))
        self.kind = QComboBox(self)
        for key, label in KIND_LABELS.items():
            self.kind.addItem(_(label), key)
        self.first, self.last = _date_edit(self, today), _date_edit(self, today)
        self.add_button = QPushButton(_("Add"), self)
        self.remove_button = QPushButton(_("Remove selected"), self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00000;")
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year"), self))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        form = QFormLayout()
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("From"), self.first)
        form.addRow(_("To (holidays only)"), self.last)
        form.addRow("", self.add_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (top, self.status, self.table, form, self.error, close):
            (layout.addLayout if isinstance(part, QHBoxLayout | QFormLayout) else layout.addWidget)(part)
        self.year.valueChanged.connect(self._year_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.first.dateChanged.connect(self._first_changed)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(520, 560)
        self.refresh()

    def refresh(self) -> None:
        year = self.year.value()
        self.days = self.store.days(self.branch_id, year)
        self.table.setRowCount(len(self.days))
        for row, d in enumerate(self.days):
            for col, text in enumerate((d.day.isoformat(), _(WEEKDAYS[d.day.weekday()]), _(KIND_LABELS[d.kind]))):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.days:
            holidays = sum(1 for d in self.days if d.kind == "holiday")
            self.status.setText(_("{year}: {holidays} holidays and {workdays} make-up working days entered.").format(
                year=year, holidays=holidays, workdays=len(self.days) - holidays))
            self.status.setStyleSheet("")
        else:
            self.status.setText(_("No calendar for {year}: working days counted in it are provisional.").format(
                year=year))
            self.status.setStyleSheet("color: #b00000;")
        self._update_buttons()

    def _year_changed(self) -> None:
        """The dates to add move into the chosen year (same day and month), then the list reloads."""
        year, first = self.year.value(), self.first.date()
        if first.year() != year:
            self.first.setDate(QDate(year, first.month(), min(first.day(), QDate(year, first.month(), 1)
                                                              .daysInMonth())))
        self.refresh()

    def _kind_changed(self) -> None:
        self.last.setEnabled(self.kind.currentData() == "holiday")

    def _first_changed(self) -> None:
        if self.last.date() < self.first.date() or not self.last.isEnabled():
            self.last.setDate(self.first.date())

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def add(self) -> None:
        kind, first = self.kind.currentData(), self.first.date().toPython()
        last = self.last.date().toPython() if kind == "holiday" else None
        if kind == "workday" and first.weekday() < 5:
            self.error.setText(_("{day} is a {weekday}, a working day anyway; a make-up working day (调休上班) "
                                 "is a Saturday or Sunday.").format(day=first.isoformat(),
                                                                   weekday=_(WEEKDAYS[first.weekday()])))
            return
        try:
            self.store.add(self.branch_id, kind, first, last)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.error.setText("")
        if self.year.value() != first.year:
            self.year.setValue(first.year)          # refreshes
        else:
            self.refresh()

    def remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        for row in rows:
            self.store.remove(self.branch_id, self.days[row].day)
        self.error.setText("")
        self.refresh()
