"""Tab 党员积分: the month's points table per member (ranked), the practice archive and the pledges.

Buttons add a practice activity, record or review a pledge, confirm the month and save the month's
table (PDF / Excel) or a member's practice record and points history (PDF). Every figure comes
from ``services.points``; records are written through the generic record service.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.services import Services
from dj_desktop.gui.dialogs.points_dialogs import PledgeDialog, PracticeDialog
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.tabs.points_actions import PointsActions

COLUMNS = ("Rank", "Name", "Base", "Automatic", "Manual", "Total", "Member's sign-off")


def _num(value: float) -> str:
    return f"{value:g}"


class PointsTab(BaseTab):
    order = 46

    @classmethod
    def title(cls) -> str:
        return _("Member points")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.today: Callable[[], date] = date.today
        self.rows: list = []
        self.month_edit = QDateEdit(QDate(date.today()), self)
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.dateChanged.connect(lambda _d: self.refresh())
        self.scheme_label = QLabel(self)
        self.scheme_label.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        empty_hint(self.table, _("No members to score this month. Add members on the roster tab; their points "
                                 "then show here."))
        self.practice_button = QPushButton(_("Add practice activity…"), self)
        self.pledge_button = QPushButton(_("Pledge and reviews…"), self)
        self.confirm_button = QPushButton(_("Confirm the month"), self)
        self.pdf_button = QPushButton(_("Save table as PDF…"), self)
        self.excel_button = QPushButton(_("Save table as Excel…"), self)
        self.member_button = QPushButton(_("Member's record as PDF…"), self)
        self.practice_button.clicked.connect(lambda: self.add_practice().open())
        self.pledge_button.clicked.connect(lambda: self.edit_pledge().open())
        self.confirm_button.clicked.connect(self.confirm)
        self.pdf_button.clicked.connect(lambda: self.save_table(".pdf"))
        self.excel_button.clicked.connect(lambda: self.save_table(".xlsx"))
        self.member_button.clicked.connect(self.save_member)
        #: Asks where to save a file: ``(kind, dialog title, suggested name) -> path`` (tests replace it).
        self.choose_path: Callable[[object, str, str], str] = self._choose_path
        self.actions = PointsActions(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Month"), self))
        top.addWidget(self.month_edit)
        top.addStretch(1)
        for button in (self.practice_button, self.pledge_button, self.confirm_button):
            top.addWidget(button)
        bottom = QHBoxLayout()
        for button in self.actions.buttons():
            bottom.addWidget(button)
        bottom.addStretch(1)
        for button in (self.pdf_button, self.excel_button, self.member_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scheme_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # --- what is shown -------------------------------------------------------------------------
    @property
    def branch_id(self) -> uuid.UUID | None:
        branch = self.services.organisation.first_branch()
        return branch.id if branch else None

    def month(self) -> date:
        return self.month_edit.date().toPython().replace(day=1)

    def show_month(self, month: date) -> None:
        self.month_edit.setDate(QDate(month))
        self.refresh()

    def refresh(self) -> None:
        branch_id, selected = self.branch_id, self.selected_member()
        self.rows, signoffs = [], {}
        if branch_id is not None:
            try:
                table = self.services.points.month(branch_id, self.month(), today=self.today())
            except UserError as exc:
                self.scheme_label.setText(str(exc))
            else:
                self.rows = table.rows
                signoffs = self.services.points.signoffs(branch_id, self.month())
                confirmed = self.services.points.confirmed_on(branch_id, self.month())
                state = (_("confirmed on {day}").format(day=confirmed.isoformat()) if confirmed
                         else _("not confirmed yet"))
                self.scheme_label.setText(_("Points scheme {version} ({source}); {state}.").format(
                    version=table.rules_version, source=table.source, state=state))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            rank = str(row.rank) if row.rank is not None else _("exempt")
            signed = signoffs.get(row.member_id)
            for c, text in enumerate((rank, row.name, _num(row.base), _num(row.automatic), _num(row.manual),
                                      _num(row.total), date_text(signed) if signed else "")):
                self.table.setItem(r, c, QTableWidgetItem(text))
        # The selection follows the member, not the row, when the ranking reorders the table.
        again = next((i for i, row in enumerate(self.rows) if row.member_id == selected), None)
        if again is not None:
            self.table.selectRow(again)
        else:
            self.table.clearSelection()
            self.table.setCurrentCell(-1, -1)

    def row_of(self, name: str):
        return next((r for r in self.rows if r.name == name), None)

    def selected_member(self) -> uuid.UUID | None:
        index = self.table.currentRow()
        return self.rows[index].member_id if 0 <= index < len(self.rows) else None

    # --- actions ---------------------------------------------------------------------------------
    def _after(self, dialog) -> None:
        dialog.accepted.connect(self.refresh)

    def add_practice(self) -> PracticeDialog:
        dialog = PracticeDialog(self.services, branch_id=self.branch_id, today=self.today(), parent=self,
                                preset={"member_id": self.selected_member()})
        self._after(dialog)
        return dialog

    def edit_pledge(self) -> PledgeDialog:
        member_id, year = self.selected_member(), self.month().year
        existing = [r for r in self.services.records.list("pledges", branch_id=self.branch_id, year=year)
                    if r.values.get("member_id") == member_id] if member_id else []
        dialog = PledgeDialog(self.services, branch_id=self.branch_id, today=self.today(), parent=self,
                              record_id=existing[0].id if existing else None,
                              preset={"member_id": member_id, "year": year})
        self._after(dialog)
        return dialog

    def confirm(self) -> None:
        try:
            version = self.services.points.confirm(self.branch_id, self.month(), today=self.today())
        except UserError as exc:
            QMessageBox.warning(self, _("Member points"), str(exc))
            return
        QMessageBox.information(self, _("Member points"), _("The month is confirmed under scheme {version}.").format(
            version=version))
        self.refresh()

    def _choose_path(self, kind, title: str, name: str) -> str:
        from dj_desktop.gui.file_dialogs import choose_save_file
        return choose_save_file(self, title, kind, name)

    def save_table(self, suffix: str) -> None:
        from dj_desktop.gui.file_dialogs import EXCEL, PDF
        from dj_desktop.reports.pdf.tabular import write_report
        month = self.month()
        path = self.choose_path(PDF if suffix == ".pdf" else EXCEL, _("Save the points table"),
                                _("Points {month}").format(month=f"{month:%Y-%m}") + suffix)
        if path:
            self._write(lambda: write_report(self.services.points.month_report(self.branch_id, month,
                                                                               today=self.today()), path))

    def save_member(self) -> None:
        from dj_desktop.gui.file_dialogs import PDF
        from dj_desktop.reports.pdf.tabular import write_report
        member_id = self.selected_member()
        if member_id is None:
            QMessageBox.information(self, _("Member points"), _("Choose a member in the table first."))
            return
        year = self.month().year
        path = self.choose_path(PDF, _("Save the member's record"), _("Practice record {year}").format(
            year=year) + ".pdf")
        if path:
            self._write(lambda: write_report(self.services.points.member_report(member_id, year, today=self.today()),
                                             path))

    def _write(self, job: Callable[[], object]) -> None:
        try:
            job()
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, _("Member points"), str(exc))


TAB = PointsTab
