"""Write the branch's annual work plan (年度工作计划) or year-end summary (年终工作总结)."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout,
    QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.work_plan import PLAN_KINDS
from dj_desktop.core.services import Services
from dj_desktop.core.services.meeting_records import PlanRecord
from dj_desktop.gui.dialogs.record_widgets import ErrorBanner, mark_fields, save_cancel_buttons


class PlanDialog(QDialog):
    """One plan or summary per branch, year and kind: opening an existing one edits it."""

    def __init__(self, services: Services, *, branch_id: uuid.UUID, year: int, kind: str = "plan",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.branch_id = branch_id
        self.saved: PlanRecord | None = None
        self.resize(720, 600)
        self.banner = ErrorBanner(self)
        self.kind_box = QComboBox(self)
        for key, text in vocab.choices(PLAN_KINDS):
            self.kind_box.addItem(text, key)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(1949, 2100)
        self.year_spin.setValue(year)
        self.title_edit = QLineEdit(self)
        self.adopted_check = QCheckBox(_("Adopted / reported on"), self)
        self.adopted_edit = QDateEdit(QDate(date.today()), self)
        self.adopted_edit.setCalendarPopup(True)
        self.adopted_edit.setDisplayFormat("yyyy-MM-dd")
        self.adopted_edit.setEnabled(False)
        self.adopted_check.toggled.connect(self.adopted_edit.setEnabled)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setPlaceholderText(_("Goals, tasks month by month, who is responsible"))
        adopted = QHBoxLayout()
        adopted.addWidget(self.adopted_check)
        adopted.addWidget(self.adopted_edit, 1)
        form = QFormLayout()
        form.addRow(_("Kind"), self.kind_box)
        form.addRow(_("Year"), self.year_spin)
        form.addRow(_("Title"), self.title_edit)
        form.addRow(adopted)
        form.addRow(_("Text"), self.body_edit)
        buttons = save_cancel_buttons(self, on_save=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        self.fields = {"kind": self.kind_box, "year": self.year_spin, "body": self.body_edit,
                       "adopted_on": self.adopted_edit}
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind), 0))
        self._load()
        # Switching kind or year opens that plan instead, unless the user has typed something.
        self.kind_box.currentIndexChanged.connect(self._load_if_untouched)
        self.year_spin.valueChanged.connect(self._load_if_untouched)
        self._loaded_text = self.body_edit.toPlainText()

    def _load_if_untouched(self) -> None:
        if self.body_edit.toPlainText() == self._loaded_text:
            self._load()
            self._loaded_text = self.body_edit.toPlainText()

    def _load(self) -> None:
        kind, year = self.kind_box.currentData(), self.year_spin.value()
        record = self.services.plans.get(self.branch_id, year=year, kind=kind)
        self.setWindowTitle(_("{kind} {year}").format(kind=vocab.label(PLAN_KINDS, kind), year=year))
        default_title = _("{year} {kind}").format(year=year, kind=vocab.label(PLAN_KINDS, kind))
        self.title_edit.setText(record.title if record else default_title)
        self.body_edit.setPlainText(record.body if record else "")
        self.adopted_check.setChecked(bool(record and record.adopted_on))
        if record and record.adopted_on:
            self.adopted_edit.setDate(QDate(record.adopted_on))

    def save(self) -> bool:
        try:
            self.saved = self.services.plans.save(
                self.branch_id, year=self.year_spin.value(), kind=self.kind_box.currentData(),
                title=self.title_edit.text(), body=self.body_edit.toPlainText(),
                adopted_on=self.adopted_edit.date().toPython() if self.adopted_check.isChecked() else None)
        except UserError as exc:
            self.banner.show_error(exc)
            mark_fields(self.fields, exc)
            return False
        self.accept()
        return True
