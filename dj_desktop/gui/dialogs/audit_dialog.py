"""全程纪实: the audit trail of every record book, filtered by record kind, person, date and text,
with the result of the hash-chain check (an edited, removed or reordered entry is named)."""

from __future__ import annotations

from datetime import timezone

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.core.services.audit import break_text
from dj_desktop.core.vocabularies.history import HISTORY_ACTIONS
from dj_desktop.gui.dialogs.record_history import describe_changes
from dj_desktop.gui.empty_hint import empty_hint

TABLE_LABELS = {
    "organisation": N_("Organisation unit"), "member": N_("Member"), "member_event": N_("Member event"),
    "meeting": N_("Meeting"), "meeting_attendance": N_("Attendance"), "meeting_decision": N_("Decision"),
    "talk": N_("Talk"), "work_plan": N_("Work plan"), "attachment": N_("Attachment"),
    "committee_term": N_("Committee term"), "committee_member": N_("Committee member"),
}
HEADERS = (N_("No."), N_("When"), N_("Who"), N_("Record"), N_("What happened"), N_("Fields changed"), N_("Reason"))


def table_label(name: str) -> str:
    return _(TABLE_LABELS[name]) if name in TABLE_LABELS else name


class AuditDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Audit trail (全程纪实)"))
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.table_box = QComboBox(self)
        self.table_box.addItem(_("All records"), "")
        for name in services.audit.tables():
            self.table_box.addItem(table_label(name), name)
        self.person_box = QComboBox(self)
        self.person_box.addItem(_("Everyone"), "")
        for person in services.audit.people():
            self.person_box.addItem(person, person)
        self.use_dates = QCheckBox(_("From"), self)
        self.since = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.until = QDateEdit(QDate.currentDate(), self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(_("Name or value contains…"))
        self.search_button = QPushButton(_("Show"), self)
        for widget in (self.table_box, self.person_box, self.use_dates, self.since, QLabel(_("to"), self),
                       self.until, self.text, self.search_button):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        empty_hint(self.table, lambda: _("No change matches. Widen the dates or clear the filters, then click "
                                         "\"{show}\".").format(show=self.search_button.text()))
        layout.addWidget(self.table)
        status = QHBoxLayout()
        self.chain_label = QLabel(self)
        self.chain_label.setWordWrap(True)
        self.verify_button = QPushButton(_("Check the chain"), self)
        status.addWidget(self.chain_label, 1)
        status.addWidget(self.verify_button)
        layout.addLayout(status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search_button.clicked.connect(self.reload)
        self.text.returnPressed.connect(self.reload)
        self.verify_button.clicked.connect(self.check_chain)
        self.reload()
        self.check_chain()

    def reload(self) -> None:
        dated = self.use_dates.isChecked()
        rows = self.services.audit.entries(
            table_name=self.table_box.currentData() or None, who=self.person_box.currentData() or None,
            since=self.since.date().toPython() if dated else None,
            until=self.until.date().toPython() if dated else None, text=self.text.text().strip())
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            local = row.at.replace(tzinfo=timezone.utc).astimezone()
            cells = (str(row.seq), local.strftime("%Y-%m-%d %H:%M:%S"), row.who or "—", table_label(row.table_name),
                     _(HISTORY_ACTIONS[row.action]) if row.action in HISTORY_ACTIONS else row.action,
                     describe_changes(row.changes), row.reason)
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def check_chain(self) -> None:
        report = self.services.audit.verify()
        if report.holds:
            self.chain_label.setText(_("Chain checked: all {count} entries hold; nothing was changed, removed or "
                                       "reordered.").format(count=report.entries))
        else:
            self.chain_label.setText(break_text(report.broken))
