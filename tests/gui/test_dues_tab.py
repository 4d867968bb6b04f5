"""The 党费和经费 tab over a small branch: a dues base and a payment through the real dialogs (refusals
shown in the banner, nothing lost) clear the member's arrears; the roll is saved as Excel with a
signature column; funds entries move the running balance, a negative balance warns, a strike-out
with a reason restores it."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import QDate
from PySide6.QtGui import QImage

from dj_desktop.gui.tabs.dues import DuesTab
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def _line(page, name):
    return next(line for line in page.lines if line.name == name)


def test_base_and_payment_clear_arrears_and_the_ledger_balances(qtbot, db, services, tmp_path):
    world = build_world(db)
    tab = DuesTab(services)
    qtbot.addWidget(tab)
    page = tab.dues
    page.today = lambda: TODAY
    page.show_month(date(2026, 3, 1))
    assert _line(page, "王书记").kind == "" and page.table.rowCount() == len(page.lines) >= 8

    page.select_member(world.members["王书记"])
    dialog = page.edit_base()
    qtbot.addWidget(dialog)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("farmer"))
    assert dialog.fixed_edit.isEnabled() and not dialog.income_edit.isEnabled()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("employed"))
    dialog.from_edit.setDate(QDate(2026, 1, 1))
    dialog.income_edit.setText("-5")
    assert dialog.save() is False and "月收入" in dialog.banner.text()
    dialog.income_edit.setText("4000.00")
    assert dialog.save() is True
    line = _line(page, "王书记")
    assert (str(line.base), str(line.due), line.arrears_months) == ("4000.00", "40.00", 3)

    dialog = page.record_payment()
    qtbot.addWidget(dialog)
    assert (dialog.months_edit.text(), dialog.amount_edit.text()) == ("2026-01..2026-03", "120.00")
    assert dialog.paid_on_edit.date().toPython() == date(2026, 3, 31)        # the month shown, not today
    dialog.amount_edit.setText("100.00")
    assert dialog.save() is False and "120.00" in dialog.banner.text()          # off the rate, no reason
    assert dialog.months_edit.text() == "2026-01..2026-03"                         # nothing typed lost
    dialog.amount_edit.setText("120.00")
    dialog.receipt_edit.setText("A-001")
    assert dialog.save() is True
    line = _line(page, "王书记")
    assert (line.arrears_months, str(line.paid)) == (0, "40.00") and "已登记交纳" in page.message.text()
    assert "120.00" in page.totals.text()

    target = tmp_path / "收缴登记表.xlsx"
    page.choose_path = lambda suggested: str(target)
    page.excel_button.click()
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[1][-1] == "本人签名" and any(r[1] == "王书记" and r[6] == 40 for r in rows)

    # The funds ledger: income, then spending beyond it (a warning), struck out with a reason.
    tab.pages.setCurrentWidget(tab.funds)
    funds = tab.funds
    funds.today = lambda: TODAY
    funds.year_spin.setValue(2026)
    dialog = funds.add()
    qtbot.addWidget(dialog)
    dialog.date_edit.setDate(QDate(2026, 1, 15))
    dialog.amount_edit.setText("1800.00")
    dialog.payee_edit.setText("街道党工委")
    voucher = tmp_path / "凭证.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    assert image.save(str(voucher))
    dialog.attachments.add_files([voucher])
    assert dialog.save() is True and funds.table.rowCount() == 1
    funds.table.selectRow(0)
    dialog = funds.correct()                         # the voucher scan is stored with the entry
    qtbot.addWidget(dialog)
    assert [i.filename for i in dialog.attachments.items()] == ["凭证.png"]
    assert [a.filename for a in services.attachments.list_for("funds_entry", funds.selected_id())] == ["凭证.png"]
    dialog.reject()
    dialog = funds.add({"direction": "spending", "category": "activities"})
    qtbot.addWidget(dialog)
    assert dialog.category_box.currentData() == "activities"
    dialog.date_edit.setDate(QDate(2026, 2, 10))
    dialog.amount_edit.setText("0")
    assert dialog.save() is False and dialog.banner.text()
    dialog.amount_edit.setText("2000.00")
    assert dialog.save() is True
    assert "-200.00" in funds.message.text() and str(funds.statement.closing) == "-200.00"
    assert funds.table.item(1, 7).text() == "-200.00"
    funds.table.selectRow(1)
    funds.ask_reason = lambda: ""
    funds.strike_out()
    assert funds.table.rowCount() == 2 and "原因" in funds.message.text()
    funds.ask_reason = lambda: "金额记错，重新登记"
    funds.strike_out()
    assert funds.table.rowCount() == 1 and str(funds.statement.closing) == "1800.00"
    history = services.records.list("funds", branch_id=world.branch, deleted=True)
    assert any(r.deleted for r in history)
