"""Conflicts page of the office window: concurrent edits and duplicates the merge kept aside for review."""

from __future__ import annotations

import json
import uuid

from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.office.branches_page import site_names
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view, selected_key
from dj_desktop.gui.workers import show_error

KIND_LABELS = {
    "same_field": N_("Same field edited at two places"),
    "delete_vs_edit": N_("Deleted at one place, edited at another"),
    "duplicate_key": N_("Same ID number at two branches"),
}
TABLE_LABELS = {
    "member": N_("Party member"), "organisation": N_("Organisation unit"), "member_event": N_("Member history"),
    "committee_term": N_("Committee term"), "committee_member": N_("Committee seat"),
    "meeting": N_("Meeting record"), "talk": N_("Heart-to-heart talk record"),
}
FIELD_LABELS = {"id_number": N_("ID number"), "name": N_("Name"), "phone": N_("Phone"), "address": N_("Address")}
RESOLUTION_LABELS = {"kept_value": N_("Kept value confirmed"), "lost_value": N_("Other value used")}
HEADERS = (N_("Found"), N_("Kind"), N_("Record kind"), N_("Field"), N_("Kept value"), N_("Other value"),
           N_("Sent by"), N_("Other branch"), N_("Resolution"))


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def _label(table: dict[str, str], key: str) -> str:
    return _(table[key]) if key in table else key


def _value(value) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _resolution(conflict) -> str:
    if not conflict.resolved:
        return ""
    text = _(RESOLUTION_LABELS.get(conflict.resolution, conflict.resolution))
    return f"{text}：{conflict.note}" if conflict.note else text


class ConflictsPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = RowsTableModel(HEADERS, self)
        self.view = make_table_view(self.model, self, empty=_(
            "No conflicts: every imported change was merged without one."))
        self.show_resolved = QCheckBox(_("Show resolved"))
        self.summary = QLabel()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_("Note on the decision (who was asked, why)"))
        self.keep_button = QPushButton(_("Keep the kept value"))
        self.use_other_button = QPushButton(_("Use the other value"))
        row = QHBoxLayout()
        row.addWidget(self.show_resolved)
        row.addWidget(self.summary, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.note_edit, 1)
        actions.addWidget(self.keep_button)
        actions.addWidget(self.use_other_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.keep_button.clicked.connect(lambda: self.resolve(use_lost_value=False))
        self.use_other_button.clicked.connect(lambda: self.resolve(use_lost_value=True))
        self._resolved: dict[int, bool] = {}
        self._kinds: dict[int, str] = {}

    def refresh(self) -> None:
        names = site_names(self.services)
        items = self.services.office.conflicts(include_resolved=self.show_resolved.isChecked())
        self._resolved = {c.id: c.resolved for c in items}
        self._kinds = {c.id: c.kind for c in items}
        self.model.set_rows(
            [(c.detected_at.strftime("%Y-%m-%d %H:%M"), kind_label(c.kind), _label(TABLE_LABELS, c.table_name),
              _label(FIELD_LABELS, c.field), *self._values(c), names.get(c.site_id, c.site_id[:8]),
              names.get(c.other_site_id, c.other_site_id[:8]), _resolution(c))
             for c in items],
            keys=[c.id for c in items], warn=[not c.resolved for c in items])
        open_count = sum(1 for c in items if not c.resolved)
        self.summary.setText(_("{n} conflicts to review").format(n=open_count))
        self._update_buttons()

    def _values(self, conflict) -> tuple[str, str]:
        """Kept and other value; for the same ID number at two branches, the two members."""
        if conflict.kind == "duplicate_key" and conflict.table_name == "member":
            return self._member(conflict.record_id), self._member(conflict.other_record_id)
        return _value(conflict.kept_value), _value(conflict.lost_value)

    def _member(self, record_id: str | None) -> str:
        if not record_id:
            return "—"
        try:
            member = self.services.members.get(uuid.UUID(record_id))
        except UserError:
            return record_id[:8]
        return f"{member.name} {member.id_number}"

    def _update_buttons(self) -> None:
        conflict_id = selected_key(self.view)
        can = conflict_id is not None and not self._resolved.get(conflict_id, True)
        self.keep_button.setEnabled(can)
        # A duplicate ID number has no "other value" to put back; it is only reviewed.
        self.use_other_button.setEnabled(can and self._kinds.get(conflict_id) != "duplicate_key")

    def select_conflict(self, conflict_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.key(row) == conflict_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def resolve(self, *, use_lost_value: bool) -> bool:
        conflict_id = selected_key(self.view)
        if conflict_id is None:
            return False
        try:
            self.services.office.resolve_conflict(conflict_id, use_lost_value=use_lost_value,
                                                  note=self.note_edit.text().strip())
        except UserError as exc:
            show_error(self, exc)
            return False
        self.note_edit.clear()
        self.refresh()
        return True
