"""One entry of the funds ledger (党建经费): income or spending, its category, date, amount, payer or
payee, voucher number and description. A new entry goes through ``services.funds.add`` (which warns
when the balance turns negative); a correction through the generic record service (with history)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.money import FUNDS_CATEGORIES, FUNDS_DIRECTIONS, INCOME_CATEGORIES
from dj_desktop.gui.dialogs.attachment_strip import AttachmentItem, AttachmentStrip, save_strip
from dj_desktop.gui.dialogs.record_widgets import FormDialog

#: The table the attachments of a funds entry belong to.
FUNDS_TABLE = "funds_entry"


class FundsEntryDialog(FormDialog):
    def __init__(self, services: Services, *, branch_id: uuid.UUID, record_id: uuid.UUID | None = None,
                 preset: dict | None = None, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Funds entry"))
        self.services, self.branch_id, self.record_id, self.today = services, branch_id, record_id, today
        values = dict(services.records.get("funds", record_id).values) if record_id else dict(preset or {})
        #: Warnings of the last save (a balance that turns negative).
        self.warnings: list[str] = []
        self.direction_box = QComboBox(self)
        for key, label in FUNDS_DIRECTIONS.items():
            self.direction_box.addItem(_(label), key)
        self.category_box = QComboBox(self)
        self.date_edit = QDateEdit(QDate(values.get("entry_on") or today), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        amount = values.get("amount")
        self.amount_edit = QLineEdit("" if amount is None else str(amount), self)
        self.amount_edit.setPlaceholderText(_("e.g. 150.00"))
        self.payee_edit = QLineEdit(values.get("payee") or "", self)
        self.voucher_edit = QLineEdit(values.get("voucher_no") or "", self)
        self.description_edit = QLineEdit(values.get("description") or "", self)
        self.attachments = AttachmentStrip(
            open_stored=services.attachments.viewable_copy, parent=self,
            hint=_("No voucher attached. Click \"{button}\" to attach a scan or photo of the invoice or receipt.")
            .format(button=_("Add photo or scan…")))
        if record_id is not None:
            self.attachments.set_stored([AttachmentItem(filename=a.filename, content_type=a.content_type,
                                                        attachment_id=a.id)
                                         for a in services.attachments.list_for(FUNDS_TABLE, record_id)])
        self.fields = {"direction": self.direction_box, "category": self.category_box, "entry_on": self.date_edit,
                       "amount": self.amount_edit}
        for label, widget in ((_("Income or spending"), self.direction_box), (_("Funds category"), self.category_box),
                              (_("Date"), self.date_edit), (_("Amount (yuan)"), self.amount_edit),
                              (_("Payer or payee"), self.payee_edit), (_("Voucher no."), self.voucher_edit),
                              (_("Description"), self.description_edit), (_("Voucher scans"), self.attachments)):
            self.form.addRow(label, widget)
        self.direction_box.currentIndexChanged.connect(lambda _i: self._fill_categories())
        self.direction_box.setCurrentIndex(max(self.direction_box.findData(values.get("direction", "income")), 0))
        self._fill_categories(values.get("category"))
        self.finish()

    def _fill_categories(self, chosen: str | None = None) -> None:
        income = self.direction_box.currentData() == "income"
        chosen = chosen or self.category_box.currentData()
        self.category_box.clear()
        for key, label in FUNDS_CATEGORIES.items():
            if (key in INCOME_CATEGORIES) == income:
                self.category_box.addItem(_(label), key)
        self.category_box.setCurrentIndex(max(self.category_box.findData(chosen), 0))

    def write(self) -> uuid.UUID:
        common = {"entry_on": self.date_edit.date().toPython(), "direction": self.direction_box.currentData(),
                  "category": self.category_box.currentData(), "payee": self.payee_edit.text().strip(),
                  "voucher_no": self.voucher_edit.text().strip(), "description": self.description_edit.text().strip()}
        if self.record_id is None:
            self.record_id, self.warnings = self.services.funds.add(
                branch_id=self.branch_id, amount=self.amount_edit.text().strip(), today=self.today, **common)
        else:
            try:
                amount = Decimal(self.amount_edit.text().strip())
            except InvalidOperation:
                raise ValidationError({"amount": _("Enter the amount in yuan, e.g. 150.00.")}) from None
            self.services.records.update("funds", self.record_id, {**common, "amount": amount}, today=self.today)
            self.warnings = self.services.funds.negative_balance_warnings(branch_id=self.branch_id)
        problems = save_strip(self.services, self.attachments, FUNDS_TABLE, self.record_id, branch_id=self.branch_id,
                              removed_reason=_("Removed in the funds entry form"))
        if problems:      # the entry is saved: from now on the form corrects it
            raise UserError(_("The entry was saved, but some attachments were not:") + "\n" + "\n".join(problems))
        return self.record_id
