"""One member's file: the roster fields, the status history, the audit trail, and status changes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.member import CATEGORIES, EVENT_KINDS, GENDERS, MANAGEMENT, MEMBER_TYPES, STATUSES
from dj_desktop.core.rules.dates import parse_user_date
from dj_desktop.core.services import Services
from dj_desktop.core.services.member_records import MemberDetail
from dj_desktop.gui.empty_hint import empty_hint

#: Roster fields shown on the first page: (attribute, label).
_SHOWN = (
    ("name", N_("Name")), ("gender", N_("Gender")), ("ethnicity", N_("Ethnicity")),
    ("birth_date", N_("Birth date")), ("id_number", N_("ID number")), ("native_place", N_("Native place")),
    ("education", N_("Education")), ("work_unit", N_("Work unit")), ("post", N_("Post")),
    ("phone", N_("Phone")), ("address", N_("Address")), ("group_name", N_("Party group")),
    ("building_name", N_("Building")), ("joined_on", N_("Joined the Party on")),
    ("full_member_on", N_("Full member since")), ("member_type", N_("Member type")),
    ("category", N_("Category")), ("management", N_("Management")), ("status", N_("Status")),
    ("arrived_on", N_("In this branch since")), ("left_on", N_("Left the branch on")), ("notes", N_("Notes")),
)
_CODES = {"gender": GENDERS, "member_type": MEMBER_TYPES, "category": CATEGORIES, "management": MANAGEMENT,
          "status": STATUSES}
_ACTIONS = {"create": N_("Record created"), "update": N_("Record changed"), "delete": N_("Record removed"),
            "restore": N_("Record restored")}


def shown_value(field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if field in _CODES:
        return vocab.label(_CODES[field], str(value))
    return str(value)


class StatusChangeDialog(QDialog):
    """Asks for the date of a status change and what else it needs (organisation, category, note)."""

    def __init__(self, title: str, *, other_label: str | None = None, with_category: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.on = QLineEdit(date.today().isoformat(), self)
        form.addRow(_("Date"), self.on)
        self.other = QLineEdit(self) if other_label else None
        if self.other is not None:
            form.addRow(other_label, self.other)
        self.category = None
        if with_category:
            self.category = QComboBox(self)
            for code, text in vocab.choices(CATEGORIES):
                self.category.addItem(text, code)
            form.addRow(_("New category"), self.category)
        self.note = QLineEdit(self)
        form.addRow(_("Note"), self.note)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.accept_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)
        self.day: date | None = None

    def _check(self) -> None:
        try:
            self.day = parse_user_date(self.on.text())
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class MemberDetailDialog(QDialog):
    #: The user asked to edit the roster fields (the roster tab opens its member dialog).
    edit_requested = Signal()

    def __init__(self, services: Services, *, member_id: uuid.UUID, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self.member_id = services, member_id
        self.changed = False
        self.detail: MemberDetail | None = None
        self.resize(760, 620)

        self.fields = QFormLayout()
        self.field_labels: dict[str, QLabel] = {}
        for name, label in _SHOWN:
            value = QLabel(self)
            value.setWordWrap(True)
            self.field_labels[name] = value
            self.fields.addRow(_(label), value)
        fields_page = QWidget(self)
        fields_page.setLayout(self.fields)
        self.events = self._table([_("Date"), _("Event"), _("Other organisation"), _("Note")])
        self.history = self._table([_("Time"), _("Action"), _("Changed fields"), _("Reason")])
        empty_hint(self.events, _("No joining, transfer or status events recorded for this member."))
        empty_hint(self.history, _("No changes recorded for this member."))
        pages = QTabWidget(self)
        pages.addTab(fields_page, _("Roster fields"))
        pages.addTab(self.events, _("Status history"))
        pages.addTab(self.history, _("Change log"))

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text, slot in (
            ("edit", _("Edit…"), self.edit_requested.emit),
            ("full", _("Became a full member…"), self.become_full),
            ("category", _("Change category…"), self.change_category),
            ("transfer_out", _("Transfer out…"), self.transfer_out),
            ("deceased", _("Deceased…"), self.mark_deceased),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(pages, 1)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.reload()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def reload(self) -> None:
        self.detail = detail = self._services.members.detail(self.member_id)
        row = detail.row
        self.setWindowTitle(_("Member file: {name}").format(name=row.name))
        for name, label in self.field_labels.items():
            label.setText(shown_value(name, getattr(row, name)))
        _fill(self.events, [(e.on.isoformat(), vocab.label(EVENT_KINDS, e.kind), e.other_organisation, e.note)
                            for e in detail.events])
        # A creation lists every field; the first page already shows them, so it gets no details.
        _fill(self.history, [(h.at.strftime("%Y-%m-%d %H:%M"), _(_ACTIONS.get(h.action, h.action)),
                              "" if h.action == "create" else _changes_text(h.changes), h.reason)
                             for h in detail.history])
        active = row.status == "active"
        for key in ("full", "category", "transfer_out", "deceased"):
            self.buttons[key].setEnabled(active)
        self.buttons["full"].setEnabled(active and row.member_type != "full")

    # -- status changes ------------------------------------------------------------------
    def _apply(self, dialog: StatusChangeDialog, action: Callable[[StatusChangeDialog], object]) -> bool:
        if not dialog.exec():
            return False
        try:
            action(dialog)
        except UserError as exc:
            QMessageBox.warning(self, dialog.windowTitle(), _validation_text(exc))
            return False
        self.changed = True
        self.reload()
        return True

    def become_full(self) -> bool:
        dialog = StatusChangeDialog(_("Became a full member"), parent=self)
        return self._apply(dialog, lambda d: self._services.members.become_full(
            self.member_id, on=d.day, note=d.note.text()))

    def transfer_out(self) -> bool:
        dialog = StatusChangeDialog(_("Transfer out"), other_label=_("Organisation moved to"), parent=self)
        return self._apply(dialog, lambda d: self._services.members.transfer_out(
            self.member_id, on=d.day, to_organisation=d.other.text(), note=d.note.text()))

    def change_category(self) -> bool:
        dialog = StatusChangeDialog(_("Change category"), with_category=True, parent=self)
        return self._apply(dialog, lambda d: self._services.members.change_category(
            self.member_id, category=d.category.currentData(), on=d.day, note=d.note.text()))

    def mark_deceased(self) -> bool:
        dialog = StatusChangeDialog(_("Deceased"), parent=self)
        return self._apply(dialog, lambda d: self._services.members.mark_deceased(
            self.member_id, on=d.day, note=d.note.text()))


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()


def _changes_text(changes: dict) -> str:
    labels = dict(_SHOWN)
    parts = []
    for field, pair in changes.items():
        if field in {"group_id", "building_id", "branch_id"}:
            parts.append(_(labels.get(field.removesuffix("_id") + "_name", field)) if field != "branch_id"
                         else _("Branch"))
            continue
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        parts.append(_("{field}: {old} → {new}").format(
            field=_(labels[field]) if field in labels else field,
            old=shown_value(field, old) or "—", new=shown_value(field, new) or "—"))
    return "；".join(parts)


def _validation_text(exc: UserError) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(exc.problems.values())
    return str(exc)
