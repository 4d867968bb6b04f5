"""The 党建经费 page of the 党费和经费 tab: the year's ledger with its running balance, the opening and
closing balance, and the standard (rule set ``funds``) against what was allocated; add or correct an
entry, strike one out with a reason (kept in the history), save the ledger as Excel."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton, QSpinBox, QTableWidgetItem, QWidget

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import money_text
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.money import FUNDS_CATEGORIES, FUNDS_DIRECTIONS
from dj_desktop.gui.dialogs.funds_dialog import FundsEntryDialog
from dj_desktop.gui.record_pages import lay_out_page, record_table, wrapped_label

COLUMNS = ("Date", "Income or spending", "Funds category", "Amount (yuan)", "Payer or payee", "Voucher no.",
           "Description", "Balance (yuan)")
_ID = Qt.ItemDataRole.UserRole


class FundsLedgerPage(QWidget):
    def __init__(self, services: Services, branch: Callable[[], uuid.UUID | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.branch = services, branch
        self.today: Callable[[], date] = date.today
        self.statement = None
        self.active_dialog = None
        #: Asks for the reason of a strike-out and where to save the Excel file (tests replace them).
        self.ask_reason: Callable[[], str] = self._ask_reason
        self.choose_path: Callable[[str], str] = self._choose_path
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self.table = record_table(self, [_(c) for c in COLUMNS], _(
            "No funds entries this year. Click \"Add entry…\" for each allocation received, dues kept back and each "
            "expense, with its voucher number."), stretch=6)
        self.summary = wrapped_label(self)
        self.message = wrapped_label(self)
        self.add_button = QPushButton(_("Add entry…"), self)
        self.edit_button = QPushButton(_("Correct…"), self)
        self.strike_button = QPushButton(_("Strike out…"), self)
        self.excel_button = QPushButton(_("Ledger as Excel…"), self)
        lay_out_page(self, (QLabel(_("Year"), self), self.year_spin),
                     (self.add_button, self.edit_button, self.strike_button, self.excel_button), self.table,
                     (self.summary, self.message))
        self.year_spin.valueChanged.connect(lambda _v: self.refresh())
        self.table.itemDoubleClicked.connect(lambda _item: self.correct())
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.correct)
        self.strike_button.clicked.connect(self.strike_out)
        self.excel_button.clicked.connect(self.save_excel)

    def refresh(self) -> None:
        branch_id = self.branch()
        self.statement = self.services.funds.statement(self.year_spin.value(), branch_id=branch_id) if branch_id \
            else None
        lines = self.statement.lines if self.statement else ()
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            cells = (date_text(line.entry_on), _(FUNDS_DIRECTIONS[line.direction]),
                     _(FUNDS_CATEGORIES.get(line.category, line.category)), money_text(line.amount), line.payee,
                     line.voucher_no, line.description, money_text(line.balance))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID, line.id)
                if col in (3, 7):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        st = self.statement
        if st is None:
            self.summary.clear()
            return
        standard = (_("Standard for the year: {standard} yuan; allocated and dues kept back: {allocated} yuan{short}.")
                    .format(standard=money_text(st.standard), allocated=money_text(st.allocated),
                            short=_(" — below the standard") if st.short else ""))
        self.summary.setText(_("Brought forward {opening}, income {income}, spending {spending}, balance {closing} "
                               "yuan. ").format(opening=money_text(st.opening), income=money_text(st.income),
                                                spending=money_text(st.spending), closing=money_text(st.closing))
                             + standard)

    def selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.table.item(rows[0].row(), 0).data(_ID) if rows else None

    def add(self, preset: dict | None = None) -> FundsEntryDialog | None:
        return self._dialog(None, preset)

    def correct(self) -> FundsEntryDialog | None:
        record_id = self.selected_id()
        return self._dialog(record_id, None) if record_id else None

    def _dialog(self, record_id: uuid.UUID | None, preset: dict | None) -> FundsEntryDialog | None:
        branch_id = self.branch()
        if branch_id is None:
            return None
        dialog = FundsEntryDialog(self.services, branch_id=branch_id, record_id=record_id, preset=preset,
                                  today=self.today(), parent=self)

        def saved() -> None:
            self.refresh()
            self.message.setText(" ".join(dialog.warnings) or _("Saved."))
        dialog.accepted.connect(saved)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _ask_reason(self) -> str:
        text, ok = QInputDialog.getText(self, _("Strike out the entry"),
                                        _("Why is this entry struck out? (kept in the history)"))
        return text.strip() if ok else ""

    def strike_out(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        reason = self.ask_reason()
        if not reason:
            self.message.setText(_("Not struck out: a reason is needed."))
            return
        try:
            self.services.records.tombstone("funds", record_id, reason=reason)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        warnings = self.services.funds.negative_balance_warnings(branch_id=self.branch())
        self.message.setText(" ".join(warnings) or _("Struck out; it stays in the history."))

    def _choose_path(self, suggested: str) -> str:
        from dj_desktop.gui.file_dialogs import EXCEL, choose_save_file
        return choose_save_file(self, _("Save the funds ledger"), EXCEL, suggested)

    def save_excel(self) -> None:
        year = self.year_spin.value()
        path = self.choose_path(_("Funds ledger {year}").format(year=year) + ".xlsx")
        if not path:
            return
        from dj_desktop.reports.excel_table import write_book
        records = self.services.records.list("funds", branch_id=self.branch(), year=year)
        try:
            write_book(path, self.services.records.book("funds"), records, year=year)
        except OSError as exc:
            from pathlib import Path

            from dj_desktop.core.safe_write import write_error
            self.message.setText(str(write_error(Path(path), exc)))
            return
        self.message.setText(_("Saved: {path}").format(path=path))
