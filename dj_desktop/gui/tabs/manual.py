"""支部工作手册 (branch manual): the year's meetings, talks, plan and summary; edit, delete, restore, print."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QHBoxLayout, QHeaderView, QInputDialog,
    QLabel, QPushButton, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.rules.cadence import ReminderTarget
from dj_desktop.gui.books import open_target
from dj_desktop.gui.models.manual_records import (
    COL_TITLE, ManualRecordModel, ManualRow, row_from_meeting, row_from_plan,
    row_from_talk,
)
from dj_desktop.gui.empty_hint import button_name, empty_hint
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.tabs.manual_printing import ManualPrinting
from dj_desktop.gui.combo_data import index_of

#: Filter values besides the meeting kinds.
ALL, TALKS, PLANS = "", "talk", "plan"


class ManualTab(BaseTab):
    order = 40

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        #: The dialog opened last (kept alive while it is open; tests drive it).
        self.active_dialog: QDialog | None = None
        self.branch_box = QComboBox(self)
        self.branch_label = QLabel(_("Branch"), self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(1949, 2100)
        self.year_spin.setValue(date.today().year)
        self.kind_box = QComboBox(self)
        self.kind_box.addItem(_("All records"), ALL)
        for key, label in services.meetings.kinds():
            self.kind_box.addItem(label, key)
        self.kind_box.addItem(_("Heart-to-heart talks"), TALKS)
        self.kind_box.addItem(_("Annual plan and summary"), PLANS)
        self.deleted_check = QCheckBox(_("Show deleted records"), self)
        self.count_label = QLabel(self)
        #: One line under the table for what just happened or went wrong (never a blocking box).
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.model = ManualRecordModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._on_double_click)
        self.printing = ManualPrinting(self)

        self.new_meeting_button = QPushButton(_("New meeting…"), self)
        self.new_talk_button = QPushButton(_("New talk…"), self)
        self.plan_button = QPushButton(_("Annual plan…"), self)
        self.summary_button = QPushButton(_("Year-end summary…"), self)
        self.edit_button = QPushButton(_("Open…"), self)
        self.delete_button = QPushButton(_("Delete…"), self)
        self.restore_button = QPushButton(_("Restore"), self)
        self.history_button = QPushButton(_("History…"), self)
        self.new_meeting_button.clicked.connect(lambda: self.new_meeting())
        self.new_talk_button.clicked.connect(lambda: self.new_talk())
        self.plan_button.clicked.connect(lambda: self.open_plan("plan"))
        self.summary_button.clicked.connect(lambda: self.open_plan("summary"))
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.history_button.clicked.connect(lambda: self.show_history())

        empty_hint(self.view, lambda: _("No records for {year}. Click \"{meeting}\" or \"{talk}\" to enter "
                                        "one, or choose another year.").format(
            year=self.year_spin.value(), meeting=button_name(self.new_meeting_button),
            talk=button_name(self.new_talk_button)))
        filters = QHBoxLayout()
        for widget in (self.branch_label, self.branch_box, QLabel(_("Year"), self), self.year_spin,
                       QLabel(_("Show"), self), self.kind_box, self.deleted_check):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        actions = QHBoxLayout()
        for widget in (self.new_meeting_button, self.new_talk_button, self.plan_button, self.summary_button,
                       self.edit_button, self.delete_button, self.restore_button, self.history_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.printing.button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message_label)

        self.year_spin.valueChanged.connect(self.reload)
        self.kind_box.currentIndexChanged.connect(self.reload)
        self.deleted_check.toggled.connect(self.reload)
        self.branch_box.currentIndexChanged.connect(self.reload)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    @classmethod
    def title(cls) -> str:
        return _("Branch manual")

    # --- loading --------------------------------------------------------------------------
    @property
    def branch_id(self):
        return self.branch_box.currentData()

    def refresh(self) -> None:
        current = self.branch_id
        branches = self.services.organisation.branches()
        self.branch_box.blockSignals(True)
        self.branch_box.clear()
        for branch in branches:
            self.branch_box.addItem(branch.name, branch.id)
        index = index_of(self.branch_box, current)
        self.branch_box.setCurrentIndex(index if index >= 0 else (0 if branches else -1))
        self.branch_box.blockSignals(False)
        # A secretary with one branch needs no branch picker.
        self.branch_label.setVisible(len(branches) > 1)
        self.branch_box.setVisible(len(branches) > 1)
        self.reload()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #b00020;" if error else "color: #1b6e20;")

    def reload(self) -> None:
        branch_id, year = self.branch_id, self.year_spin.value()
        kind, deleted = self.kind_box.currentData(), self.deleted_check.isChecked()
        rows: list[ManualRow] = []
        if branch_id is not None:
            if kind not in (TALKS, PLANS):
                groups = {g.id: g.name for g in self.services.organisation.groups(branch_id)}
                rows += [row_from_meeting(m, groups) for m in self.services.meetings.list(
                    branch_id, year=year, kind=kind or None, deleted=deleted)]
            if kind in (ALL, TALKS):
                rows += [row_from_talk(t) for t in self.services.talks.list(branch_id, year=year,
                                                                             deleted=deleted)]
            if kind in (ALL, PLANS):
                rows += [row_from_plan(p) for p in self.services.plans.list(branch_id, year=year,
                                                                           deleted=deleted)]
        self.model.set_rows(rows)
        self.count_label.setText(
            (_("{count} deleted records") if deleted else _("{count} records")).format(count=len(rows)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        deleted = self.deleted_check.isChecked()
        self.edit_button.setEnabled(row is not None and not deleted)
        self.delete_button.setEnabled(row is not None and not deleted)
        self.restore_button.setEnabled(row is not None and deleted)
        self.history_button.setEnabled(row is not None)
        self.printing.update_actions(row)

    def selected_row(self) -> ManualRow | None:
        selection = self.view.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.row(rows[0].row()) if rows else None

    def select_record(self, record_id) -> bool:
        for i, row in enumerate(self.model.rows()):
            if row.id == record_id:
                self.view.selectRow(i)
                return True
        return False

    # --- opening dialogs --------------------------------------------------------------------
    def _show(self, dialog: QDialog) -> QDialog:
        """Open window-modal without blocking; reload when the dialog saved something."""
        self.active_dialog = dialog
        dialog.finished.connect(lambda result: self._after_save(dialog) if result == QDialog.DialogCode.Accepted
                                else None)
        dialog.open()
        return dialog

    def _after_save(self, dialog: QDialog) -> None:
        """Reload, select the record just saved and say so (issue 10)."""
        self.reload()
        saved = getattr(dialog, "saved", None)
        if saved is not None and self.select_record(saved.id):
            self.view.scrollTo(self.view.selectionModel().selectedRows()[0])
            self.show_message(_("Saved: {record}.").format(record=self.selected_row().kind_label + " "
                                                          + (self.selected_row().day.isoformat()
                                                             if self.selected_row().day else "")))

    def _day_in_year(self) -> date:
        today = date.today()
        year = self.year_spin.value()
        return today if year >= today.year else date(year, 12, 31)

    def new_meeting(self, kind: str | None = None) -> QDialog | None:
        if self.branch_id is None:
            return None
        from dj_desktop.gui.dialogs.meeting_dialog import MeetingDialog
        kind = kind or (self.kind_box.currentData() if self.kind_box.currentData() not in (ALL, TALKS, PLANS)
                        else None)
        return self._show(MeetingDialog(self.services, branch_id=self.branch_id, kind=kind,
                                        on=self._day_in_year(), parent=self))

    def new_talk(self) -> QDialog | None:
        if self.branch_id is None:
            return None
        from dj_desktop.gui.dialogs.talk_dialog import TalkDialog
        return self._show(TalkDialog(self.services, branch_id=self.branch_id, on=self._day_in_year(),
                                     parent=self))

    def open_plan(self, kind: str) -> QDialog | None:
        if self.branch_id is None:
            return None
        from dj_desktop.gui.dialogs.plan_dialog import PlanDialog
        return self._show(PlanDialog(self.services, branch_id=self.branch_id, year=self.year_spin.value(),
                                     kind=kind, parent=self))

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and not self.deleted_check.isChecked():
            self.open_row(self.model.row(index.row()))

    def open_selected(self) -> QDialog | None:
        row = self.selected_row()
        return self.open_row(row) if row is not None else None

    def open_row(self, row: ManualRow) -> QDialog | None:
        """Open the record's own form through the book registry (``gui/books``)."""
        target = ReminderTarget(row.record_type, "open", self.branch_id, record_id=row.id)
        dialog = open_target(self, self.services, target, on=self._day_in_year(), message=row.title)
        return self._show(dialog) if dialog is not None else None

    # --- delete and restore -------------------------------------------------------------------
    def delete_selected(self, reason: str | None = None) -> bool:
        """Tombstone the selected record; asks for the reason unless given (it goes into the history)."""
        row = self.selected_row()
        if row is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, _("Delete record"),
                _("Why is “{title}” being deleted? The record is kept in the history and can be restored.")
                .format(title=row.title))
            if not ok:
                return False
        try:
            self.services.records.tombstone(row.record_type, row.id, reason=reason)
        except UserError as exc:
            self.show_message(str(exc), error=True)
            return False
        self.reload()
        self.show_message(_("“{title}” was deleted; tick “Show deleted records” to see or restore it.")
                          .format(title=row.title))
        return True

    def restore_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        try:
            self.services.records.restore(row.record_type, row.id, reason=_("Restored from the branch manual tab"))
        except UserError as exc:
            self.show_message(str(exc), error=True)
            return False
        self.reload()
        self.show_message(_("“{title}” was restored.").format(title=row.title))
        return True

    def show_history(self) -> QDialog | None:
        """Every change of the selected record, with the reasons given (opened without blocking)."""
        row = self.selected_row()
        if row is None:
            return None
        from dj_desktop.gui.dialogs.record_history import RecordHistoryDialog
        dialog = RecordHistoryDialog(self.services.records.history(row.record_type, row.id),
                                     title=f"{row.kind_label} {row.day.isoformat() if row.day else ''}", parent=self)
        self.active_dialog = dialog
        dialog.open()
        return dialog


TAB = ManualTab
