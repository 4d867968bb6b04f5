"""免予积分: a member excused from the points from a month on (until a month, or while it lasts), with the
reason the scheme allows (a long illness …). Saved through the generic record service."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui.dialogs.record_widgets import FormDialog, fill_member_combo


def _month_edit(parent: QWidget, month: date) -> QDateEdit:
    edit = QDateEdit(QDate(month), parent)
    edit.setDisplayFormat("yyyy-MM")
    return edit


class ExemptionDialog(FormDialog):
    def __init__(self, services: Services, *, branch_id: uuid.UUID, people: list[tuple[uuid.UUID, str]],
                 member_id: uuid.UUID | None, month: date, reasons: list[str], today: date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Exempt from the points"))
        self.services, self.branch_id, self.today = services, branch_id, today
        self.member_box = QComboBox(self)
        fill_member_combo(self.member_box, people, selected=member_id, blank=False)
        self.from_edit = _month_edit(self, month)
        self.open_check = QCheckBox(_("Until further notice"), self)
        self.open_check.setChecked(True)
        self.until_edit = _month_edit(self, month)
        self.until_edit.setEnabled(False)
        self.open_check.toggled.connect(lambda on: self.until_edit.setEnabled(not on))
        self.reason_box = QComboBox(self)
        self.reason_box.setEditable(True)
        self.reason_box.addItems(reasons)
        self.reason_box.setCurrentText("")
        self.fields = {"member_id": self.member_box, "from_month": self.from_edit, "until_month": self.until_edit,
                       "reason": self.reason_box}
        for label, widget in ((_("Member"), self.member_box), (_("From month"), self.from_edit),
                              ("", self.open_check), (_("Last month"), self.until_edit), (_("Reason"), self.reason_box)):
            self.form.addRow(label, widget)
        self.finish()

    def write(self):
        until = None if self.open_check.isChecked() else self.until_edit.date().toPython().replace(day=1)
        return self.services.records.create("point_exemptions", {
            "branch_id": self.branch_id, "member_id": self.member_box.currentData(),
            "from_month": self.from_edit.date().toPython().replace(day=1), "until_month": until,
            "reason": self.reason_box.currentText().strip()}, today=self.today)
