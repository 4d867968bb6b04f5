"""The attendance table of the meeting dialog (出席情况) and its live quorum line."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import N_, _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.meeting import ABSENCE_REASONS
from dj_desktop.core.rules.quorum import QuorumResult, Seat, quorum
from dj_desktop.gui.empty_hint import empty_hint

COL_NAME, COL_ROLE, COL_PRESENT, COL_REASON, COL_NOTE = range(5)
HEADERS = (N_("Name"), N_("Member type"), N_("Present"), N_("Reason for absence"), N_("Note"))


@dataclass(frozen=True)
class AttendeeLine:
    """One person expected at the meeting, as the table shows and edits it."""

    member_id: uuid.UUID
    name: str
    role: str            # translated label: full / probationary member, committee role …
    counts: bool         # counts towards the quorum
    present: bool = True
    reason: str = ""     # key of ABSENCE_REASONS, "" while present
    note: str = ""


class AttendanceTable(QWidget):
    """Rows of expected attendees with present/absent, reason and note; emits ``changed``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._kind = ""
        self._lines: list[AttendeeLine] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        empty_hint(self.table, _("No one is expected at this meeting: add the branch's members in the Roster tab "
                                 "(or the group's members for a group meeting)."))
        self.quorum_label = QLabel(self)
        self.quorum_label.setWordWrap(True)
        self.summary_label = QLabel(self)
        self.all_present_button = QPushButton(_("Mark all present"), self)
        self.all_present_button.clicked.connect(self.mark_all_present)
        bar = QHBoxLayout()
        bar.addWidget(self.summary_label, 1)
        bar.addWidget(self.all_present_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.quorum_label)

    # --- filling --------------------------------------------------------------------------
    def set_lines(self, lines: list[AttendeeLine]) -> None:
        self._lines = list(lines)
        # Old cell widgets are only deleted later; hide them so they never paint over new rows.
        for row in range(self.table.rowCount()):
            for col in (COL_PRESENT, COL_REASON, COL_NOTE):
                widget = self.table.cellWidget(row, col)
                if widget is not None:
                    widget.hide()
        self.table.setRowCount(0)
        self.table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            self._fill_row(row, line)
        self._update_labels()
        self.changed.emit()

    def set_kind(self, kind: str) -> None:
        self._kind = kind
        self._update_labels()

    def _fill_row(self, row: int, line: AttendeeLine) -> None:
        for col, text in ((COL_NAME, line.name), (COL_ROLE, line.role)):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, col, item)
        present = QCheckBox(self.table)
        present.setChecked(line.present)
        present.setAccessibleName(_("Present: {name}").format(name=line.name))
        present.toggled.connect(lambda checked, r=row: self._on_present(r, checked))
        self.table.setCellWidget(row, COL_PRESENT, present)
        reason = QComboBox(self.table)
        reason.addItem("", "")
        for key, text in vocab.choices(ABSENCE_REASONS):
            reason.addItem(text, key)
        reason.setCurrentIndex(max(reason.findData(line.reason), 0))
        reason.setEnabled(not line.present)
        reason.currentIndexChanged.connect(lambda _i, r=row: self._on_reason(r))
        self.table.setCellWidget(row, COL_REASON, reason)
        note = QLineEdit(line.note, self.table)
        note.setPlaceholderText(_("e.g. in hospital"))
        note.textChanged.connect(lambda text, r=row: self._replace(r, note=text))
        self.table.setCellWidget(row, COL_NOTE, note)

    # --- editing --------------------------------------------------------------------------
    def present_box(self, row: int) -> QCheckBox:
        return self.table.cellWidget(row, COL_PRESENT)

    def reason_box(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, COL_REASON)

    def row_of(self, member_id: uuid.UUID) -> int:
        for row, line in enumerate(self._lines):
            if line.member_id == member_id:
                return row
        raise LookupError(member_id)

    def set_absent(self, member_id: uuid.UUID, *, reason: str, note: str = "") -> None:
        """Mark a member absent with a reason (what a user does with the mouse, in one call)."""
        row = self.row_of(member_id)
        self.present_box(row).setChecked(False)
        box = self.reason_box(row)
        box.setCurrentIndex(box.findData(reason))
        self.table.cellWidget(row, COL_NOTE).setText(note)

    def mark_all_present(self) -> None:
        for row in range(len(self._lines)):
            self.present_box(row).setChecked(True)

    def _on_present(self, row: int, checked: bool) -> None:
        box = self.reason_box(row)
        box.setEnabled(not checked)
        if checked:
            box.setCurrentIndex(0)
        self._replace(row, present=checked, reason="" if checked else self._lines[row].reason)

    def _on_reason(self, row: int) -> None:
        self._replace(row, reason=self.reason_box(row).currentData() or "")

    def _replace(self, row: int, **changes) -> None:
        self._lines[row] = replace(self._lines[row], **changes)
        self._update_labels()
        self.changed.emit()

    # --- reading --------------------------------------------------------------------------
    def lines(self) -> list[AttendeeLine]:
        return list(self._lines)

    def quorum(self) -> QuorumResult:
        return quorum(self._kind, (Seat(counts=l.counts, present=l.present) for l in self._lines))

    def _update_labels(self) -> None:
        present = sum(1 for l in self._lines if l.present)
        self.summary_label.setText(_("Expected {expected}, present {present}, absent {absent}").format(
            expected=len(self._lines), present=present, absent=len(self._lines) - present))
        result = self.quorum()
        if not result.applies:
            self.quorum_label.setText(_("No quorum is required for this kind of meeting."))
            self.quorum_label.setStyleSheet("")
        elif result.met:
            self.quorum_label.setText(
                _("Quorum met: {present} of {entitled} entitled members present "
                  "(at least {needed} needed).").format(
                    present=result.present, entitled=result.entitled, needed=result.needed))
            self.quorum_label.setStyleSheet("color: #1b6e20;")
        else:
            self.quorum_label.setText(
                _("Quorum NOT met: {present} of {entitled} entitled members present, "
                  "at least {needed} needed. The meeting can be saved, but its decisions "
                  "are not valid.").format(
                    present=result.present, entitled=result.entitled, needed=result.needed))
            self.quorum_label.setStyleSheet("color: #b00020; font-weight: bold;")
