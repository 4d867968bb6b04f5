"""The Party-group manual tab (党小组手册): pick a group and a year; its leaders and members over
time, the buildings it covers, its group meetings (the branch manual's records, opened there), study
sessions, duty areas, posts and co-managed members with their three cards; print the year's book."""

from __future__ import annotations

from typing import TYPE_CHECKING

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSpinBox,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.rules.cadence import ReminderTarget

from dj_desktop.gui.books import open_target
from dj_desktop.gui.dialogs.group_officer_dialog import GroupOfficerDialog
from dj_desktop.gui.dialogs.group_record_dialog import GroupRecordDialog
from dj_desktop.gui.dialogs.record_widgets import save_cancel_buttons
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.tabs.base import BaseTab
from dj_desktop.gui.tabs.group_manual_printing import GroupManualPrinting
from dj_desktop.gui.combo_data import index_of

if TYPE_CHECKING:  # the printout module loads when the tab is first filled, not at start-up
    from dj_desktop.core.group_printouts import GroupManual

_ID = Qt.ItemDataRole.UserRole


def _day(value: date | None, empty: str = "") -> str:
    return value.isoformat() if value else empty


class GroupManualTab(BaseTab):
    order = 45

    @classmethod
    def title(cls) -> str:
        return _("Party group manual")

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.manual: GroupManual | None = None
        self.active_dialog: QDialog | None = None
        self.today = date.today
        self.group_box = QComboBox(self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, date.today().year)
        self.year_spin.setValue(date.today().year)
        self.printing = GroupManualPrinting(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Party group"), self))
        top.addWidget(self.group_box, 1)
        top.addWidget(QLabel(_("Year"), self))
        top.addWidget(self.year_spin)
        top.addWidget(self.printing.button)
        self.sections = QTabWidget(self)
        self.officers_table = self._table((_("Role"), _("Name"), _("From"), _("Until")))
        self.members_table = self._table((_("Name"), _("In the group from"), _("Until"), _("Home organisation")))
        self.buildings_label = QLabel(self)
        self.buildings_label.setWordWrap(True)
        self._page(_("Leaders and members"), [self.officers_table, self.members_table, self.buildings_label],
                   [(_("Appoint leader or deputy…"), self.appoint), (_("Step down…"), self.step_down)])
        self.meetings_table = self._table((_("Date"), _("Subject"), _("Present"), _("Should attend")))
        self._page(_("Group meetings"), [self.meetings_table],
                   [(_("New group meeting…"), self.new_meeting), (_("Open"), self.open_meeting)])
        self.meetings_table.doubleClicked.connect(lambda _i: self.open_meeting())
        self.study_table = self._table((_("Date"), _("Study topic"), _("Led by"), _("Study hours"), _("Present")))
        self.duty_table = self._table((_("Duty area"), _("Responsible member"), _("From"), _("Until"),
                                       _("Buildings and households")))
        self.posts_table = self._table((_("Post"), _("Held by"), _("Since"), _("Until"), _("Duties")))
        for label, table, book in ((_("Study sessions"), self.study_table, "group_study"),
                                   (_("Duty areas"), self.duty_table, "duty_areas"),
                                   (_("Posts and duties"), self.posts_table, "group_posts")):
            self._page(label, [table], [(_("Add…"), lambda b=book: self.add_record(b)),
                                        (_("Edit…"), lambda b=book, t=table: self.edit_record(b, t))])
            table.doubleClicked.connect(lambda _i, b=book, t=table: self.edit_record(b, t))
        self.co_table = self._table((_("Name"), _("Home organisation"), _("In the group from")))
        self.cards_table = self._table((_("Date"), _("Card"), _("Member"), _("Home organisation"), _("Content")))
        self._page(_("Co-managed members"), [self.co_table, self.cards_table],
                   [(_("Registration card…"), lambda: self.add_card("registration")),
                    (_("Activity card…"), lambda: self.add_card("activity")),
                    (_("Feedback card…"), lambda: self.add_card("feedback")),
                    (_("Edit…"), lambda: self.edit_record("co_managed_cards", self.cards_table)),
                    (_("Print card…"), lambda: self.printing.card(print_it=False))])
        self.cards_table.doubleClicked.connect(lambda _i: self.edit_record("co_managed_cards", self.cards_table))
        self._hints()
        self.empty_label = QLabel(_("The branch has no Party groups yet; add them on the organisation tab."), self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.sections, 1)
        self.group_box.currentIndexChanged.connect(lambda _i: self.load())
        self.year_spin.valueChanged.connect(lambda _v: self.load())

    # --- layout helpers ---------------------------------------------------------------------
    def _hints(self) -> None:
        """What each empty list says to do."""
        add = _("Nothing recorded for this group yet. Click \"Add\" to record it.")
        for table, text in (
                (self.officers_table, _("No group leader recorded. Click \"Appoint leader or deputy\".")),
                (self.members_table, _("No members in this group. Put members in the group on the roster tab "
                                       "(edit a member, field 党小组).")),
                (self.meetings_table, _("No group meeting recorded this year. Click \"New group meeting\".")),
                (self.study_table, add), (self.duty_table, add), (self.posts_table, add),
                (self.co_table, _("No co-managed (联管) members in this group. A member whose management is "
                                  "\"联管\" on the roster appears here.")),
                (self.cards_table, _("No cards this year. Click \"Registration card\", \"Activity card\" or "
                                     "\"Feedback card\"."))):
            empty_hint(table, text)

    def _table(self, headers) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _page(self, title: str, widgets, buttons) -> None:
        page = QWidget(self.sections)
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        for text, slot in buttons:
            button = QPushButton(text, page)
            button.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        for widget in widgets:
            box.addWidget(widget, 1 if isinstance(widget, QTableWidget) else 0)
        self.sections.addTab(page, title)

    @staticmethod
    def _fill(table: QTableWidget, rows) -> None:
        table.setRowCount(0)
        for record_id, values in rows:
            r = table.rowCount()
            table.insertRow(r)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(_ID, record_id)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    @staticmethod
    def selected_id(table: QTableWidget) -> uuid.UUID | None:
        items = table.selectedItems()
        return items[0].data(_ID) if items else None

    # --- loading ----------------------------------------------------------------------------
    def group_id(self) -> uuid.UUID | None:
        return self.group_box.currentData()

    def refresh(self) -> None:
        current = self.group_id()
        groups = self.services.group_manual.groups()
        self.group_box.blockSignals(True)
        self.group_box.clear()
        for g in groups:
            self.group_box.addItem(g.name, g.id)
        index = index_of(self.group_box, current) if current else 0
        self.group_box.setCurrentIndex(max(index, 0))
        self.group_box.blockSignals(False)
        self.empty_label.setVisible(not groups)
        self.sections.setEnabled(bool(groups))
        self.year_spin.setMaximum(self.today().year)
        self.load()

    def load(self) -> None:
        group_id = self.group_id()
        if group_id is None:
            self.manual = None
            return
        m = self.manual = self.services.group_manual.manual(group_id, year=self.year_spin.value())
        self._fill(self.officers_table, [(o.seat_id, (o.role_label, o.name, _day(o.started_on),
                                                      _day(o.ended_on, _("to date")))) for o in m.officers])
        self._fill(self.members_table, [(x.member_id, (x.name, _day(x.start), _day(x.end, _("to date")),
                                                       x.home_unit)) for x in m.members])
        self.buildings_label.setText(_("Buildings covered: {list}").format(
            list="、".join(m.buildings) if m.buildings else _("none assigned")))
        self._fill(self.meetings_table, [(i, (_day(s.held_on), s.subject, str(s.present), str(s.should_attend)))
                                         for i, s in zip(m.meeting_ids, m.meetings)])
        self._fill(self.study_table, [(x.record_id, (_day(x.held_on), x.topic, x.leader, f"{x.hours:g}",
                                                     str(x.attendees))) for x in m.studies])
        for table, lines in ((self.duty_table, m.duty_areas), (self.posts_table, m.posts)):
            self._fill(table, [(x.record_id, (x.title, x.holder, _day(x.started_on), _day(x.ended_on, _("to date")),
                                              x.detail)) for x in lines])
        self._fill(self.co_table, [(x.member_id, (x.name, x.home_unit, _day(x.start))) for x in m.co_managed])
        self._fill(self.cards_table, [(c.record_id, (_day(c.on), c.card_label, c.member, c.home_unit, c.content))
                                      for c in m.cards])

    # --- actions ----------------------------------------------------------------------------
    def _people(self, co_managed: bool = False) -> list[tuple[uuid.UUID, str]]:
        if self.manual is None:
            return []
        lines = self.manual.co_managed if co_managed else self.manual.members
        return list(dict.fromkeys((x.member_id, x.name) for x in lines))

    def _show(self, dialog: QDialog) -> QDialog:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self.load())
        dialog.open()
        return dialog

    def _branch_id(self) -> uuid.UUID | None:
        group_id = self.group_id()
        return next((g.parent_id for g in self.services.group_manual.groups() if g.id == group_id), None)

    def appoint(self) -> QDialog | None:
        if self.group_id() is None:
            return None
        return self._show(GroupOfficerDialog(self.services, group_id=self.group_id(), people=self._people(),
                                             today=self.today(), parent=self))

    def step_down(self, on: date | None = None) -> None:
        seat_id = self.selected_id(self.officers_table)
        if seat_id is None:
            return
        if on is None:
            on = _ask_date(self, _("Step down"), _("Last day in the role"), self.today())
            if on is None:
                return
        try:
            self.services.group_manual.step_down(seat_id, on=on)
        except UserError as exc:
            QMessageBox.warning(self, _("Step down"), str(exc))
        self.load()

    def add_record(self, book: str, preset: dict | None = None) -> QDialog | None:
        if self.group_id() is None:
            return None
        return self._show(GroupRecordDialog(self.services, book=book, branch_id=self._branch_id(),
                                            group_id=self.group_id(), people=self._people(), preset=preset,
                                            today=self.today(), parent=self))

    def add_card(self, card: str) -> QDialog | None:
        if self.group_id() is None:
            return None
        member_id = self.selected_id(self.co_table)
        home = next((c.home_unit for c in reversed(self.manual.cards) if c.home_unit
                     and (member_id is None or self._card_member(c.record_id) == member_id)), "") \
            if self.manual else ""
        preset = {"member_id": member_id, "home_unit": home or next(
            (x.home_unit for x in self.manual.co_managed if x.member_id == member_id), "")}
        return self._show(GroupRecordDialog(self.services, book="co_managed_cards", branch_id=self._branch_id(),
                                            group_id=self.group_id(), people=self._people(co_managed=True),
                                            card=card, preset=preset, today=self.today(), parent=self))

    def _card_member(self, card_id: uuid.UUID) -> uuid.UUID | None:
        return self.services.records.get("co_managed_cards", card_id).values.get("member_id")

    def edit_record(self, book: str, table: QTableWidget) -> QDialog | None:
        record_id = self.selected_id(table)
        if record_id is None or self.group_id() is None:
            return None
        people = self._people(co_managed=book == "co_managed_cards")
        return self._show(GroupRecordDialog(self.services, book=book, branch_id=self._branch_id(),
                                            group_id=self.group_id(), people=people, record_id=record_id,
                                            today=self.today(), parent=self))

    def new_meeting(self) -> QDialog | None:
        branch_id, group_id = self._branch_id(), self.group_id()
        if group_id is None:
            return None
        target = ReminderTarget("meetings", "create", branch_id, preset={"kind": "group_meeting",
                                                                         "group_id": group_id})
        dialog = open_target(self, self.services, target, on=self.today())
        return self._show(dialog) if dialog is not None else None

    def open_meeting(self) -> QDialog | None:
        meeting_id = self.selected_id(self.meetings_table)
        if meeting_id is None:
            return None
        target = ReminderTarget("meetings", "open", self._branch_id(), record_id=meeting_id)
        dialog = open_target(self, self.services, target, on=self.today())
        return self._show(dialog) if dialog is not None else None


def _ask_date(parent: QWidget, title: str, label: str, today: date) -> date | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateEdit(QDate(today), dialog)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    form = QFormLayout(dialog)
    form.addRow(label, edit)
    form.addRow(save_cancel_buttons(dialog, on_save=dialog.accept))
    return edit.date().toPython() if dialog.exec() == QDialog.DialogCode.Accepted else None


TAB = GroupManualTab
