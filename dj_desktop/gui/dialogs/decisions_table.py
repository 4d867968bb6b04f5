"""The decisions of a meeting (决议) with who follows each up, by when, and how far it got."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QTableWidget, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import N_, _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.meeting import DECISION_STATUSES
from dj_desktop.core.services.meeting_records import DecisionInput
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.combo_data import index_of

COL_TEXT, COL_RESPONSIBLE, COL_DUE, COL_STATUS, COL_NOTE = range(5)
HEADERS = (N_("Decision"), N_("Responsible"), N_("Due by"), N_("Follow-up"), N_("Follow-up note"))
_NO_DATE = QDate(2000, 1, 1)


#: A row of the table is the service's own input type.
DecisionLine = DecisionInput


class DecisionsTable(QWidget):
    """Editable list of decisions; ``set_valid(False)`` flags them when the quorum is not met."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._people: list[tuple[uuid.UUID, str]] = []
        #: The saved decision id of each table row (None for rows added in this dialog).
        self._ids: list[uuid.UUID | None] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        empty_hint(self.table, _("No decisions recorded. Click \"{button}\" for each item the meeting decided.")
                   .format(button=_("Add decision")))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self.invalid_label = QLabel(
            _("The quorum is not met: these decisions are not valid until a meeting with "
              "a quorum confirms them."), self)
        self.invalid_label.setWordWrap(True)
        self.invalid_label.setStyleSheet("color: #b00020;")
        self.invalid_label.hide()
        self.add_button = QPushButton(_("Add decision"), self)
        self.remove_button = QPushButton(_("Remove decision"), self)
        self.add_button.clicked.connect(lambda: self.add_line(DecisionLine(text="")))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.invalid_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_people(self, people: list[tuple[uuid.UUID, str]]) -> None:
        """Who can be made responsible (the branch's members on the meeting date)."""
        self._people = list(people)
        self._size_columns()

    def _size_columns(self) -> None:
        """The picker columns wide enough for a whole name, a date and a status with the drop-down
        arrow (cell widgets do not count for ResizeToContents, which left them cut)."""
        metrics = self.table.fontMetrics()
        arrow = 44
        widths = {
            COL_RESPONSIBLE: [name for _id, name in self._people] + ["欧阳某某"],
            COL_DUE: ["0000-00-00", _("none")],
            COL_STATUS: [_(label) for label in DECISION_STATUSES.values()],
        }
        header = self.table.horizontalHeader()
        for column, texts in widths.items():
            title = self.table.horizontalHeaderItem(column).text()
            width = max([metrics.horizontalAdvance(t) + arrow for t in texts] + [metrics.horizontalAdvance(title) + 24])
            header.resizeSection(column, width)
        header.resizeSection(COL_NOTE, max(header.sectionSize(COL_NOTE), 160))

    def set_lines(self, lines: list[DecisionLine]) -> None:
        self.table.setRowCount(0)
        self._ids = []
        for line in lines:
            self.add_line(line)

    def set_valid(self, valid: bool) -> None:
        self.invalid_label.setVisible(not valid)

    def add_line(self, line: DecisionLine) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._ids.append(line.id)
        text = QLineEdit(line.text, self.table)
        text.setPlaceholderText(_("What was decided"))
        text.textChanged.connect(self.changed)
        self.table.setCellWidget(row, COL_TEXT, text)
        who = QComboBox(self.table)
        who.addItem("", None)
        for member_id, name in self._people:
            who.addItem(name, member_id)
        if line.responsible_id is not None and index_of(who, line.responsible_id) < 0:
            who.addItem(_("(member no longer in the branch)"), line.responsible_id)
        who.setCurrentIndex(max(index_of(who, line.responsible_id), 0))
        self.table.setCellWidget(row, COL_RESPONSIBLE, who)
        due = QDateEdit(self.table)
        due.setCalendarPopup(True)
        due.setDisplayFormat("yyyy-MM-dd")
        due.setMinimumDate(_NO_DATE)
        due.setSpecialValueText(_("none"))
        due.setDate(QDate(line.due_on) if line.due_on else _NO_DATE)
        self.table.setCellWidget(row, COL_DUE, due)
        status = QComboBox(self.table)
        for key, text in vocab.choices(DECISION_STATUSES):
            status.addItem(text, key)
        status.setCurrentIndex(max(status.findData(line.follow_up_status), 0))
        self.table.setCellWidget(row, COL_STATUS, status)
        note = QLineEdit(line.follow_up_note, self.table)
        self.table.setCellWidget(row, COL_NOTE, note)
        self.changed.emit()
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
            del self._ids[row]
        self.changed.emit()

    def lines(self) -> list[DecisionLine]:
        """The decisions typed so far; rows left empty are skipped."""
        result = []
        for row in range(self.table.rowCount()):
            text = self.table.cellWidget(row, COL_TEXT).text().strip()
            if not text:
                continue
            due = self.table.cellWidget(row, COL_DUE).date()
            result.append(DecisionLine(
                text=text,
                responsible_id=self.table.cellWidget(row, COL_RESPONSIBLE).currentData(),
                due_on=None if due == _NO_DATE else due.toPython(),
                follow_up_status=self.table.cellWidget(row, COL_STATUS).currentData(),
                follow_up_note=self.table.cellWidget(row, COL_NOTE).text().strip(),
                id=self._ids[row],
            ))
        return result
