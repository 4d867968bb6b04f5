"""The roster tab (党员花名册): the member table with filter-as-you-type and filters by category, status,
Party group and member type; add, edit, details; import, export, print and removal by mistake
(``gui/tabs/roster_actions.py``)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.member import CATEGORIES, GENDERS, MEMBER_TYPES, STATUSES
from dj_desktop.core.services import Services
from dj_desktop.core.services.member_records import MemberRow
from dj_desktop.gui.models.roster import (
    COL_BIRTH, COL_CATEGORY, COL_GENDER, COL_GROUP, COL_ID_NUMBER, COL_JOINED, COL_NAME, COL_PHONE, COL_STATUS,
    COL_TYPE, NO_GROUP, RosterFilterProxy, RosterRow, RosterTableModel, make_row,
)
from dj_desktop.gui.empty_hint import button_name, empty_hint
from dj_desktop.gui.tabs.base import BaseTab


def roster_row(m: MemberRow) -> RosterRow:
    """The table's tuple for one member, with every code shown in the current language."""
    return make_row(
        m.id, name=m.name, gender=vocab.label(GENDERS, m.gender), birth_date=m.birth_date.isoformat(),
        id_number=m.id_number, phone=m.phone, group=m.group_name,
        member_type=vocab.label(MEMBER_TYPES, m.member_type),
        category_label=vocab.label(CATEGORIES, m.category),
        status_label=vocab.label(STATUSES, m.status), joined_on=m.joined_on.isoformat(),
        category=m.category, status=m.status, group_id=m.group_id, member_type_code=m.member_type)


class RosterTab(BaseTab):
    order = 20

    #: Emitted after members were added or changed, so other views can reload.
    members_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.branch_id: uuid.UUID | None = None
        self.model = RosterTableModel(self)
        self.proxy = RosterFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.branch_choice = QComboBox(self)
        self.branch_choice.currentIndexChanged.connect(self._branch_chosen)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by name, ID number, phone or Party group"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.category = QComboBox(self)
        self.category.addItem(_("All categories"), None)
        for code, text in vocab.choices(CATEGORIES):
            self.category.addItem(text, code)
        self.category.currentIndexChanged.connect(
            lambda: (self.proxy.set_category(self.category.currentData()), self._update_count()))
        self.status = QComboBox(self)
        for code, text in vocab.choices(STATUSES):
            self.status.addItem(text, code)
        self.status.addItem(_("All statuses"), None)
        self.status.currentIndexChanged.connect(
            lambda: (self.proxy.set_status(self.status.currentData()), self._update_count()))
        self.proxy.set_status("active")
        self.group = QComboBox(self)
        self.group.currentIndexChanged.connect(
            lambda: (self.proxy.set_group(self.group.currentData()), self._update_count()))
        self.member_type = QComboBox(self)
        self.member_type.addItem(_("Full and probationary"), None)
        for code, label in MEMBER_TYPES.items():
            self.member_type.addItem(_(label), code)
        self.member_type.currentIndexChanged.connect(
            lambda: (self.proxy.set_member_type(self.member_type.currentData()), self._update_count()))
        self.count_label = QLabel(self)
        # A fixed width: a new count on every keystroke then repaints the label without laying
        # out the whole filter bar again (part of the 50 ms a keystroke may take).
        self.count_label.setFixedWidth(self.count_label.fontMetrics().horizontalAdvance(
            _("{shown} of {total} members").format(shown=888888, total=888888)) + 8)
        self.message_label = QLabel(self)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)

        self.add_button = QPushButton(_("Add member…"), self)
        self.add_button.clicked.connect(self.add_member)
        self.transfer_in_button = QPushButton(_("Transfer in…"), self)
        self.transfer_in_button.clicked.connect(self.receive_transfer)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.detail_button = QPushButton(_("Details and history…"), self)
        self.detail_button.clicked.connect(self.show_selected_detail)
        from dj_desktop.gui.tabs.roster_actions import RosterActions
        self.actions = RosterActions(self)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        # No sort column at first: the service's order (by group, then joining date) is the roster's.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._size_columns()
        self.table.doubleClicked.connect(lambda _index: self.show_selected_detail())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        bar = QHBoxLayout()
        bar.addWidget(self.branch_choice)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.group)
        bar.addWidget(self.member_type)
        bar.addWidget(self.category)
        bar.addWidget(self.status)
        bar.addWidget(self.count_label)
        actions = QHBoxLayout()
        for button in (self.add_button, self.transfer_in_button, self.edit_button, self.detail_button,
                       self.actions.remove_button):
            actions.addWidget(button)
        actions.addWidget(self.message_label, 1)
        for button in (self.actions.removed_button, self.actions.import_button, self.actions.export_button,
                       self.actions.print_button):
            actions.addWidget(button)
        empty_hint(self.table, self._empty_text)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()

    @classmethod
    def title(cls) -> str:
        return _("Roster")

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        branches = self.services.organisation.branches()
        self.branch_choice.blockSignals(True)
        self.branch_choice.clear()
        for unit in branches:
            self.branch_choice.addItem(unit.name, unit.id)
        keep = self.branch_id if any(u.id == self.branch_id for u in branches) else None
        if keep is None:
            first = self.services.organisation.first_branch()
            keep = first.id if first else None
        self.branch_id = keep
        index = self.branch_choice.findText(next((u.name for u in branches if u.id == keep), ""))
        self.branch_choice.setCurrentIndex(max(index, 0))
        self.branch_choice.blockSignals(False)
        self.branch_choice.setVisible(len(branches) > 1)
        self.add_button.setEnabled(self.branch_id is not None)
        self.transfer_in_button.setEnabled(self.branch_id is not None)
        self._fill_groups()
        self.reload_rows()

    def _size_columns(self, groups: list[str] = ()) -> None:
        """Each column as wide as its header and its longest possible value in the current language
        (computed from the labels, not by measuring 10,000 rows)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        samples = {
            COL_NAME: ["欧阳某某某"], COL_GENDER: [_(v) for v in GENDERS.values()], COL_BIRTH: ["0000-00-00"],
            COL_ID_NUMBER: ["00000000000000000X"], COL_PHONE: ["00000000000"], COL_GROUP: list(groups) or ["第一党小组"],
            COL_TYPE: [_(v) for v in MEMBER_TYPES.values()], COL_CATEGORY: [_(v) for v in CATEGORIES.values()],
            COL_STATUS: [_(v) for v in STATUSES.values()], COL_JOINED: ["0000-00-00"],
        }
        bold = header.fontMetrics()
        for column, texts in samples.items():
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max([metrics.horizontalAdvance(t) for t in texts] + [bold.horizontalAdvance(title) + 12])
            header.resizeSection(column, width + 16)

    def _fill_groups(self) -> None:
        """The group filter: every group of the branch, and members in no group; keeps the choice."""
        current = self.group.currentData()
        groups = self.services.organisation.groups(self.branch_id) if self.branch_id else []
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(_("All Party groups"), None)
        for g in groups:
            self.group.addItem(g.name, g.id)
        self.group.addItem(_("(no group)"), NO_GROUP)
        self._size_columns([g.name for g in groups])
        index = next((i for i in range(self.group.count()) if self.group.itemData(i) is current
                      or self.group.itemData(i) == current), 0)
        self.group.setCurrentIndex(index)
        self.group.blockSignals(False)
        self.proxy.set_group(self.group.currentData())

    def reload_rows(self) -> None:
        members = self.services.members.roster(self.branch_id, include_left=True) if self.branch_id else []
        self.model.set_rows([roster_row(m) for m in members])
        self._update_count()
        self._update_buttons()

    def _branch_chosen(self, index: int) -> None:
        self.branch_id = self.branch_choice.itemData(index)
        self._fill_groups()
        self.reload_rows()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _empty_text(self) -> str:
        if self.branch_id is None:
            return _("No Party branch yet. Set it up in the Organisation tab first.")
        if self.model.rowCount():
            return _("No member matches the search and the filters. Clear the search or widen the filters.")
        return _("No members yet. Click \"{import_}\" or \"{add}\".").format(
            import_=button_name(self.actions.import_button), add=button_name(self.add_button))

    def _update_count(self) -> None:
        self.count_label.setText(_("{shown} of {total} members").format(
            shown=self.proxy.rowCount(), total=self.model.rowCount()))

    def _update_buttons(self, *_args) -> None:
        selected = self.selected_member_id() is not None
        self.edit_button.setEnabled(selected)
        self.detail_button.setEnabled(selected)
        self.actions.update(has_branch=self.branch_id is not None, selected=selected)

    def show_message(self, text: str) -> None:
        """A short confirmation next to the buttons (saved, removed …), cleared after a while."""
        self.message_label.setText(text)
        self._message_timer.start(15000)

    def selected_member_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.member_id(rows[0].row()) if rows else None

    def select_member(self, member_id: uuid.UUID) -> bool:
        """Select and show the member's row if the filters let it through."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.member_id(row) == member_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    def visible_names(self) -> list[str]:
        return [self.proxy.index(row, COL_NAME).data() for row in range(self.proxy.rowCount())]

    # -- actions -------------------------------------------------------------------------
    def _choices(self) -> tuple[list[tuple[uuid.UUID, str]], list[tuple[uuid.UUID, str]]]:
        org = self.services.organisation
        groups = [(g.id, g.name) for g in org.groups(self.branch_id)]
        buildings = [(b.id, f"{area.name} {b.name}") for area in org.grid(self.branch_id)
                     for b in area.buildings]
        return groups, buildings

    def member_dialog(self, member: MemberRow | None = None, *, transfer_in: bool = False):
        from dj_desktop.gui.dialogs.member_dialog import MemberDialog
        groups, buildings = self._choices()
        return MemberDialog(self.services, branch_id=self.branch_id, groups=groups, buildings=buildings,
                            member=member, transfer_in=transfer_in, parent=self)

    def add_member(self) -> None:
        if self.branch_id is None:
            return
        self._run_member_dialog(self.member_dialog())

    def receive_transfer(self) -> None:
        """转入: a member whose relationship comes from another organisation."""
        if self.branch_id is not None:
            self._run_member_dialog(self.member_dialog(transfer_in=True))

    def edit_selected(self) -> None:
        member_id = self.selected_member_id()
        if member_id is not None:
            self._run_member_dialog(self.member_dialog(self.services.members.get(member_id)))

    def _run_member_dialog(self, dialog) -> None:
        if dialog.exec():
            self.after_change(dialog.saved_member_id)
            if dialog.saved_member_id is not None:
                self.show_message(_("Saved: {name}.").format(
                    name=self.services.members.get(dialog.saved_member_id).name))

    def after_change(self, member_id: uuid.UUID | None = None) -> None:
        self.reload_rows()
        if member_id is not None and not self.select_member(member_id):
            # The new member is hidden by the filters: clear them so the user sees the result.
            self.search.clear()
            for combo in (self.group, self.member_type, self.category):
                combo.setCurrentIndex(0)
            if not self.select_member(member_id):
                self.status.setCurrentIndex(self.status.findData(None))
                self.select_member(member_id)
        self.members_changed.emit()

    def show_selected_detail(self) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        from dj_desktop.gui.dialogs.member_detail import MemberDetailDialog
        dialog = MemberDetailDialog(self.services, member_id=member_id, parent=self)
        dialog.edit_requested.connect(lambda: self._edit_from_detail(dialog))
        dialog.exec()
        if dialog.changed:
            self.after_change(member_id)

    def _edit_from_detail(self, detail) -> None:
        editor = self.member_dialog(self.services.members.get(detail.member_id))
        if editor.exec():
            detail.changed = True
            detail.reload()


TAB = RosterTab
