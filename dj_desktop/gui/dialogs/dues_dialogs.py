"""Forms of the dues books: a member's dues base from a month on, a payment (months covered, amount,
day, receipt, collector; voluntary; a reason when a back-payment is long or the amount is off the
rate), and handing the collected dues up to the upper level. All save through ``services.dues`` /
``services.dues_handups``, whose refusals show in the banner with nothing typed lost."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dues import month_text, parse_months
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.money import DUES_KINDS
from dj_desktop.gui.dialogs.record_widgets import FormDialog, fill_member_combo


def _date_edit(parent: QWidget, day: date, *, month: bool = False) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(not month)
    edit.setDisplayFormat("yyyy-MM" if month else "yyyy-MM-dd")
    return edit


def _member_box(parent: QWidget, people: list[tuple[uuid.UUID, str]], selected: uuid.UUID | None) -> QComboBox:
    box = QComboBox(parent)
    fill_member_combo(box, people, selected=selected, blank=False)
    return box


class BaseDialog(FormDialog):
    """党费基数: the income kind, the monthly income (or a farmer's set amount) and the first month."""

    def __init__(self, services: Services, *, people: list[tuple[uuid.UUID, str]], member_id: uuid.UUID | None,
                 month: date, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Dues base"))
        self.services, self.today = services, today
        self.fields_of_kind = services.dues.base_fields(month)
        self.member_box = _member_box(self, people, member_id)
        self.kind_box = QComboBox(self)
        for kind in self.fields_of_kind:
            self.kind_box.addItem(_(DUES_KINDS[kind]), kind)
        self.income_edit = QLineEdit(self)
        self.income_edit.setPlaceholderText(_("e.g. 4500.00"))
        self.fixed_edit = QLineEdit(self)
        self.fixed_edit.setPlaceholderText(_("0.20 to 1.00"))
        self.from_edit = _date_edit(self, month, month=True)
        self.note_edit = QLineEdit(self)
        self.fields = {"member_id": self.member_box, "kind": self.kind_box, "income": self.income_edit,
                       "fixed_amount": self.fixed_edit, "from_month": self.from_edit}
        for label, widget in ((_("Member"), self.member_box), (_("Income kind"), self.kind_box),
                              (_("Monthly income (yuan)"), self.income_edit),
                              (_("Set monthly amount (yuan)"), self.fixed_edit),
                              (_("From month"), self.from_edit), (_("Note"), self.note_edit)):
            self.form.addRow(label, widget)
        self.kind_box.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self.finish()

    def _kind_changed(self) -> None:
        given_as = self.fields_of_kind.get(self.kind_box.currentData(), "")
        self.income_edit.setEnabled(given_as == "income")
        self.fixed_edit.setEnabled(given_as == "fixed")

    def write(self) -> uuid.UUID:
        return self.services.dues.set_base(
            self.member_box.currentData(), kind=self.kind_box.currentData(),
            income=self.income_edit.text() if self.income_edit.isEnabled() else None,
            fixed=self.fixed_edit.text() if self.fixed_edit.isEnabled() else None,
            from_month=self.from_edit.date().toPython().replace(day=1), note=self.note_edit.text(), today=self.today)


class PaymentDialog(FormDialog):
    """交纳党费: the months covered (YYYY-MM or YYYY-MM..YYYY-MM), the amount (the rate's amount filled in),
    the day, the receipt and who collected it."""

    def __init__(self, services: Services, *, people: list[tuple[uuid.UUID, str]], member_id: uuid.UUID | None,
                 months: list[date], amount: str, today: date, paid_on: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Record a dues payment"))
        self.services, self.today = services, today
        self.member_box = _member_box(self, people, member_id)
        self.months_edit = QLineEdit(self)
        self.months_edit.setPlaceholderText("YYYY-MM..YYYY-MM")
        if months:
            self.months_edit.setText(month_text(months[0]) if len(months) == 1
                                     else f"{month_text(months[0])}..{month_text(months[-1])}")
        self.amount_edit = QLineEdit(amount, self)
        self.paid_on_edit = _date_edit(self, paid_on or today)
        self.receipt_edit = QLineEdit(self)
        self.collector_edit = QLineEdit(self)
        self.voluntary_check = QCheckBox(_("A voluntary payment beyond the dues"), self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(_("Only for a back-payment over the limit or an amount off the rate"))
        self.fields = {"member_id": self.member_box, "months": self.months_edit, "amount": self.amount_edit,
                       "paid_on": self.paid_on_edit, "reason": self.reason_edit}
        for label, widget in ((_("Member"), self.member_box), (_("Months paid"), self.months_edit),
                              (_("Amount (yuan)"), self.amount_edit), (_("Paid on"), self.paid_on_edit),
                              (_("Receipt no."), self.receipt_edit), (_("Collector"), self.collector_edit),
                              ("", self.voluntary_check), (_("Reason"), self.reason_edit)):
            self.form.addRow(label, widget)
        self.finish()

    def write(self):
        try:
            months = parse_months(self.months_edit.text().strip())
        except ValueError:
            raise ValidationError({"months": _("Give the months paid as YYYY-MM or YYYY-MM..YYYY-MM.")}) from None
        return self.services.dues.pay(
            self.member_box.currentData(), months=months, amount=self.amount_edit.text().strip(),
            paid_on=self.paid_on_edit.date().toPython(), receipt_no=self.receipt_edit.text(),
            collector=self.collector_edit.text(), voluntary=self.voluntary_check.isChecked(),
            reason=self.reason_edit.text(), today=self.today)


class HandUpDialog(FormDialog):
    """上缴党费: every payment collected up to the end of a month, handed up on a day."""

    def __init__(self, services: Services, *, branch_id: uuid.UUID, month: date, held: str, today: date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Hand dues up to the upper level"))
        self.services, self.branch_id, self.today = services, branch_id, today
        self.through_edit = _date_edit(self, month, month=True)
        self.on_edit = _date_edit(self, today)
        self.fields = {"through_month": self.through_edit, "handed_up_on": self.on_edit}
        self.form.addRow(_("Not yet handed up this year"), QLabel(_("{amount} yuan").format(amount=held), self))
        self.form.addRow(_("Dues collected up to the end of"), self.through_edit)
        self.form.addRow(_("Handed up on"), self.on_edit)
        self.finish()

    def write(self):
        through = self.through_edit.date().toPython().replace(day=1)
        return self.services.dues_handups.hand_up(self.branch_id, through_month=through,
                                                  on=self.on_edit.date().toPython(), today=self.today)
