"""Appoint a Party group's leader or deputy (from a date; the previous holder steps down the day before)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QVBoxLayout, QWidget

from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.group_manual import GROUP_ROLES
from dj_desktop.gui.dialogs.record_widgets import ErrorBanner, fill_member_combo, mark_fields, save_cancel_buttons


class GroupOfficerDialog(QDialog):
    def __init__(self, services: Services, *, group_id: uuid.UUID, people: Sequence[tuple[uuid.UUID, str]],
                 today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.group_id = services, group_id
        self.today = today or date.today()
        self.saved = None
        self.setWindowTitle(_("Appoint a group leader or deputy"))
        self.banner = ErrorBanner(self)
        self.role_box = QComboBox(self)
        for code, text in vocab.choices(GROUP_ROLES):
            self.role_box.addItem(text, code)
        self.member_box = QComboBox(self)
        fill_member_combo(self.member_box, people, selected=None)
        self.date_edit = QDateEdit(QDate(self.today), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(_("Role"), self.role_box)
        form.addRow(_("Member"), self.member_box)
        form.addRow(_("From"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(save_cancel_buttons(self, on_save=self.save))
        self.fields = {"role": self.role_box, "member_id": self.member_box, "started_on": self.date_edit}

    def save(self) -> bool:
        try:
            self.saved = self.services.group_manual.appoint(
                self.group_id, member_id=self.member_box.currentData(), role=self.role_box.currentData(),
                started_on=self.date_edit.date().toPython(), today=self.today)
        except UserError as exc:
            self.banner.show_error(exc)
            mark_fields(self.fields, exc)
            return False
        self.accept()
        return True
