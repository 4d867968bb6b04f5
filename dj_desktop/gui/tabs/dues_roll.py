"""The 党费收缴 page of the 党费和经费 tab: the month's roll (each member's kind, base, rate, the amount
due, what is paid, months in arrears — six months unpaid marked in red), the month's and the year's
totals with what was handed up; record a payment, a dues base or a hand-up; save the roll for
collecting as Excel (with a signature column)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QTableWidgetItem, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import add_months, money_text, month_text
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.money import DUES_KINDS, PAYMENT_FLAGS
from dj_desktop.gui.dialogs.dues_dialogs import BaseDialog, HandUpDialog, PaymentDialog
from dj_desktop.gui.record_pages import lay_out_page, record_table, wrapped_label

COLUMNS = ("Name", "Income kind", "Monthly base (yuan)", "Rate", "Due (yuan)", "Paid (yuan)", "Months in arrears")
_ID = Qt.ItemDataRole.UserRole
_FLAGGED = QBrush(QColor("#b00020"))


class DuesRollPage(QWidget):
    def __init__(self, services: Services, branch: Callable[[], uuid.UUID | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.branch = services, branch
        self.today: Callable[[], date] = date.today
        self.lines: list = []
        #: The dialog opened last (tests drive it; never run modally).
        self.active_dialog = None
        #: Asks where to save the Excel roll (tests replace it).
        self.choose_path: Callable[[str], str] = self._choose_path
        self.month_edit = QDateEdit(QDate(date.today()), self)
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.totals = wrapped_label(self)
        self.table = record_table(self, [_(c) for c in COLUMNS], _(
            "No members on the roll this month. Add members on the roster tab, then record each member's dues base "
            "here."))
        self.message = wrapped_label(self)
        self.pay_button = QPushButton(_("Record a payment…"), self)
        self.base_button = QPushButton(_("Dues base…"), self)
        self.handup_button = QPushButton(_("Hand up…"), self)
        self.excel_button = QPushButton(_("Roll for collecting (Excel)…"), self)
        lay_out_page(self, (QLabel(_("Month"), self), self.month_edit),
                     (self.pay_button, self.base_button, self.handup_button, self.excel_button), self.table,
                     (self.totals, self.message))
        self.month_edit.dateChanged.connect(lambda _d: self.refresh())
        self.table.itemDoubleClicked.connect(lambda _item: self.record_payment())
        self.pay_button.clicked.connect(lambda: self.record_payment())
        self.base_button.clicked.connect(self.edit_base)
        self.handup_button.clicked.connect(self.hand_up)
        self.excel_button.clicked.connect(self.save_excel)

    def month(self) -> date:
        return self.month_edit.date().toPython().replace(day=1)

    def show_month(self, month: date) -> None:
        self.month_edit.setDate(QDate(month))
        self.refresh()

    def refresh(self) -> None:
        branch_id, month = self.branch(), self.month()
        selected = self.selected_member()
        self.lines = self.services.dues.roll(month, branch_id=branch_id) if branch_id else []
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            arrears = (_("{n} — six months unpaid").format(n=line.arrears_months) if line.flagged
                       else str(line.arrears_months))
            cells = (line.name, _(DUES_KINDS[line.kind]) if line.kind else _("no base recorded"), money_text(line.base),
                     f"{line.rate * 100:.1f}%" if line.rate is not None else "", money_text(line.due),
                     money_text(line.paid), arrears)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID, line.member_id)
                if line.flagged:
                    item.setForeground(_FLAGGED)
                self.table.setItem(row, col, item)
            if line.member_id == selected:
                self.table.selectRow(row)
        self._totals(branch_id, month)

    def _totals(self, branch_id: uuid.UUID | None, month: date) -> None:
        if branch_id is None:
            self.totals.clear()
            return
        totals = self.services.dues.totals(month.year, branch_id=branch_id)
        summary = self.services.dues_handups.summary(month.year, branch_id=branch_id)
        owing = sum(1 for line in self.lines if line.arrears_months)
        self.totals.setText(_(
            "Collected in {month}: {month_total} yuan. {year}: {year_total} yuan collected, {handed} handed up, "
            "{held} not yet handed up ({centre} of it voluntary payments for the Centre). Members owing: {owing}; "
            "six months unpaid: {flagged}.").format(
            month=month_text(month), month_total=money_text(totals[month_text(month)]), year=month.year,
            year_total=money_text(totals["year"]), handed=money_text(summary.handed_up),
            held=money_text(summary.held), centre=money_text(summary.to_centre), owing=owing,
            flagged=sum(1 for line in self.lines if line.flagged)))

    def selected_member(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.table.item(rows[0].row(), 0).data(_ID) if rows else None

    def select_member(self, member_id: uuid.UUID) -> None:
        for row, line in enumerate(self.lines):
            if line.member_id == member_id:
                self.table.selectRow(row)

    def _people(self) -> list[tuple[uuid.UUID, str]]:
        return [(line.member_id, line.name) for line in self.lines]

    def _open(self, dialog, done: Callable[[], None]):
        dialog.accepted.connect(done)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def record_payment(self, member_id: uuid.UUID | None = None) -> PaymentDialog | None:
        member_id = member_id or self.selected_member()
        if not self.lines:
            return None
        line = next((l for l in self.lines if l.member_id == member_id), None)
        months = list(line.unpaid) if line and line.unpaid else [self.month()]
        if len(months) > 1 and months != [add_months(months[0], i) for i in range(len(months))]:
            months = months[:1]                      # not one run: start with the first unpaid month
        amount = money_text(line.due * len(months)) if line and line.due is not None else ""
        # Paid on the last day of the month shown, or today when that month is not over yet.
        paid_on = min(self.today(), add_months(self.month(), 1) - timedelta(days=1))
        dialog = PaymentDialog(self.services, people=self._people(), member_id=member_id, months=months,
                               amount=amount, today=self.today(), paid_on=paid_on, parent=self)
        return self._open(dialog, lambda: self._saved(_("Payment recorded{flags}.").format(
            flags=_(" (flagged: {flags})").format(flags=_(", ").join(_(PAYMENT_FLAGS.get(f, f)) for f in dialog.saved.flags))
            if dialog.saved.flags else "")))

    def edit_base(self) -> BaseDialog | None:
        if not self.lines:
            return None
        dialog = BaseDialog(self.services, people=self._people(), member_id=self.selected_member(),
                            month=self.month(), today=self.today(), parent=self)
        return self._open(dialog, lambda: self._saved(_("Dues base recorded.")))

    def hand_up(self) -> HandUpDialog | None:
        branch_id = self.branch()
        if branch_id is None:
            return None
        held = self.services.dues_handups.summary(self.month().year, branch_id=branch_id).held
        dialog = HandUpDialog(self.services, branch_id=branch_id, month=self.month(), held=money_text(held),
                              today=self.today(), parent=self)
        return self._open(dialog, lambda: self._saved(_("Handed up: {amount} yuan ({count} payments).").format(
            amount=money_text(dialog.saved.amount), count=dialog.saved.payments)))

    def _saved(self, message: str) -> None:
        self.refresh()
        self.message.setText(message)

    def _choose_path(self, suggested: str) -> str:
        from dj_desktop.gui.file_dialogs import EXCEL, choose_save_file
        return choose_save_file(self, _("Save the dues roll"), EXCEL, suggested)

    def save_excel(self) -> None:
        month = self.month()
        path = self.choose_path(_("Dues roll {month}").format(month=month_text(month)) + ".xlsx")
        if not path:
            return
        from dj_desktop.reports.excel_dues_roll import write_dues_roll
        branch = self.services.organisation.first_branch()
        try:
            write_dues_roll(path, branch_name=branch.name if branch else "", month=month, lines=self.lines)
        except (UserError, OSError) as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(_("Saved: {path}").format(path=path))
