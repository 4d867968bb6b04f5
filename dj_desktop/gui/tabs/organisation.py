"""The organisation tab: the tree of units, the committee term and its seats with the rule
warnings, and the community grid (片区 → 楼栋) with the Party group covering each building."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.organisation import COMMITTEE_ROLES, ORG_KINDS, SETTINGS_KINDS, child_kinds
from dj_desktop.core.services import Services
from dj_desktop.core.services.organisation_records import OrgNode, OrgUnit
from dj_desktop.gui.dialogs.organisation_forms import BuildingForm, SeatForm, TermForm, UnitDetailsForm, UnitForm
from dj_desktop.gui.empty_hint import button_name, empty_hint
from dj_desktop.gui.tabs.base import BaseTab

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
BUILDING_ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _error_text(exc: UserError) -> str:
    return "\n".join(exc.problems.values()) if isinstance(exc, ValidationError) else str(exc)


class OrganisationTab(BaseTab):
    order = 30

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.units: dict[uuid.UUID, OrgUnit] = {}
        self.today: Callable[[], date] = date.today

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Party organisation"), _("Kind")])
        self.tree.setColumnWidth(0, 240)
        self.tree.currentItemChanged.connect(lambda *_a: self.show_unit())
        self.add_unit_button = QPushButton(_("Add unit…"), self)
        self.add_unit_button.clicked.connect(self.add_unit)
        self.rename_button = QPushButton(_("Rename…"), self)
        self.rename_button.clicked.connect(self.rename_unit)
        self.edit_button = QPushButton(_("Details…"), self)
        self.edit_button.clicked.connect(self.edit_unit)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_unit_button)
        row.addWidget(self.rename_button)
        row.addWidget(self.edit_button)
        left_layout.addLayout(row)

        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #9a6700;")
        self.term_label = QLabel(self)
        self.seats = QTableWidget(0, 3, self)
        self.seats.setHorizontalHeaderLabels([_("Member"), _("Role"), _("Since")])
        self.seats.horizontalHeader().setStretchLastSection(True)
        self.seats.verticalHeader().hide()
        self.seats.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.seats.setColumnWidth(0, 120)
        self.seats.setColumnWidth(1, 140)
        self.seats.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.seats.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.new_term_button = QPushButton(_("New term…"), self)
        self.new_term_button.clicked.connect(self.new_term)
        self.add_seat_button = QPushButton(_("Add seat…"), self)
        self.add_seat_button.clicked.connect(self.add_seat)
        self.end_seat_button = QPushButton(_("Step down"), self)
        self.end_seat_button.clicked.connect(self.end_seat)
        committee = QGroupBox(_("Committee"), self)
        committee_layout = QVBoxLayout(committee)
        committee_layout.addWidget(self.term_label)
        committee_layout.addWidget(self.seats, 1)
        buttons = QHBoxLayout()
        for b in (self.new_term_button, self.add_seat_button, self.end_seat_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        committee_layout.addLayout(buttons)

        self.grid = QTreeWidget(self)
        self.grid.setHeaderLabels([_("Grid area / building"), _("Covering Party group")])
        self.grid.setColumnWidth(0, 220)
        self.add_area_button = QPushButton(_("Add grid area…"), self)
        self.add_area_button.clicked.connect(self.add_area)
        self.add_building_button = QPushButton(_("Add building…"), self)
        self.add_building_button.clicked.connect(self.add_building)
        self.cover_button = QPushButton(_("Change covering group…"), self)
        self.cover_button.clicked.connect(self.change_covering_group)
        grid_box = QGroupBox(_("Community grid"), self)
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.addWidget(self.grid, 1)
        grid_buttons = QHBoxLayout()
        grid_buttons.addWidget(self.add_area_button)
        grid_buttons.addWidget(self.add_building_button)
        grid_buttons.addWidget(self.cover_button)
        grid_buttons.addStretch(1)
        grid_layout.addLayout(grid_buttons)
        self.grid_box = grid_box

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.warnings)
        right_layout.addWidget(committee, 1)
        right_layout.addWidget(grid_box, 1)
        empty_hint(self.tree, lambda: _("No Party organisation yet. Click \"{add}\" to add the Party branch.")
                   .format(add=button_name(self.add_unit_button)))
        empty_hint(self.seats, self._seats_hint)
        empty_hint(self.grid, lambda: _("No grid areas. Click \"{add}\" if the branch covers a community grid.")
                   .format(add=button_name(self.add_area_button)))
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([360, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    @classmethod
    def title(cls) -> str:
        return _("Organisation")

    def _seats_hint(self) -> str:
        unit = self.current_unit()
        if unit is None:
            return _("Choose an organisation on the left.")
        if not self.add_seat_button.isEnabled():
            return _("No committee recorded. After the election click \"{term}\", then \"{seat}\" for each member "
                     "elected.").format(term=button_name(self.new_term_button), seat=button_name(self.add_seat_button))
        return _("No one holds a seat in this term. Click \"{seat}\" for each member elected.").format(
            seat=button_name(self.add_seat_button))

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current_unit_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        self.units.clear()
        for node in self.services.organisation.tree():
            self.tree.addTopLevelItem(self._item(node))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        first_branch = self.services.organisation.first_branch()
        self.select_unit(keep or (first_branch.id if first_branch else None))
        self.show_unit()

    def _item(self, node: OrgNode) -> QTreeWidgetItem:
        unit = node.unit
        self.units[unit.id] = unit
        item = QTreeWidgetItem([unit.name, vocab.label(ORG_KINDS, unit.kind)])
        item.setData(0, UNIT_ID_ROLE, unit.id)
        for child in node.children:
            item.addChild(self._item(child))
        return item

    def current_unit_id(self) -> uuid.UUID | None:
        item = self.tree.currentItem()
        return item.data(0, UNIT_ID_ROLE) if item is not None else None

    def current_unit(self) -> OrgUnit | None:
        unit_id = self.current_unit_id()
        return self.units.get(unit_id) if unit_id else None

    def select_unit(self, unit_id: uuid.UUID | None) -> None:
        if unit_id is None:
            return
        for item in self._all_items():
            if item.data(0, UNIT_ID_ROLE) == unit_id:
                self.tree.setCurrentItem(item)
                return

    def _all_items(self):
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def show_unit(self) -> None:
        unit = self.current_unit()
        has_unit = unit is not None
        for b in (self.rename_button, self.edit_button, self.new_term_button, self.add_seat_button,
                  self.end_seat_button):
            b.setEnabled(has_unit)
        if unit is None:
            self.details.setText(_("Add the Party branch with \"Add unit…\"."))
            self.warnings.clear()
            self.term_label.clear()
            self.seats.setRowCount(0)
            self.grid.clear()
            self.grid_box.setEnabled(False)
            self.seats.empty_hint.update()
            return
        founded = unit.founded_on.isoformat() if unit.founded_on else _("not recorded")
        self.details.setText(_("{name} — {kind}, {setting}, founded on {founded}").format(
            name=unit.name, kind=vocab.label(ORG_KINDS, unit.kind), setting=vocab.label(SETTINGS_KINDS, unit.setting),
            founded=founded) + ("\n" + _("Records kept in the program from {day}; reminders start from it.").format(
                day=unit.records_start.isoformat()) if unit.records_start else ""))
        problems = self.services.organisation.committee_check(unit.id, today=self.today())
        self.warnings.setText("\n".join(("⚠ " if not p.is_error else "✖ ") + p.message for p in problems))
        self._show_term(unit)
        self.seats.empty_hint.update()
        self.grid_box.setEnabled(unit.kind != "group")
        self._show_grid(unit)

    def _show_term(self, unit: OrgUnit) -> None:
        term = self.services.organisation.current_term(unit.id, on=self.today())
        if term is None:
            self.term_label.setText(_("No committee term recorded."))
            self.seats.setRowCount(0)
            self.add_seat_button.setEnabled(False)
            self.end_seat_button.setEnabled(False)
            return
        self.term_label.setText(_("Term elected on {elected}, ends on {ends}").format(
            elected=term.elected_on.isoformat(), ends=term.ends_on.isoformat()))
        seats = term.current_seats(self.today())
        self.seats.setRowCount(len(seats))
        for r, seat in enumerate(seats):
            name = QTableWidgetItem(seat.member_name)
            name.setData(UNIT_ID_ROLE, seat.id)
            self.seats.setItem(r, 0, name)
            self.seats.setItem(r, 1, QTableWidgetItem(vocab.label(COMMITTEE_ROLES, seat.role)))
            self.seats.setItem(r, 2, QTableWidgetItem(seat.started_on.isoformat()))

    def _show_grid(self, unit: OrgUnit) -> None:
        self.grid.clear()
        if unit.kind == "group":
            return
        for area in self.services.organisation.grid(unit.id):
            item = QTreeWidgetItem([area.name, ""])
            item.setData(0, UNIT_ID_ROLE, area.id)
            for b in area.buildings:
                child = QTreeWidgetItem([b.name, b.group_name or _("(no group)")])
                child.setData(0, BUILDING_ID_ROLE, b.id)
                item.addChild(child)
            self.grid.addTopLevelItem(item)
        self.grid.expandAll()

    # -- actions -------------------------------------------------------------------------
    def _do(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except UserError as exc:
            QMessageBox.warning(self, _("Organisation"), _error_text(exc))
            return False
        self.refresh()
        return True

    def add_unit(self) -> bool:
        parent = self.current_unit()
        kinds = child_kinds(parent.kind if parent else None)
        if not kinds:
            QMessageBox.information(self, _("Organisation"), _("Nothing can be added under a Party group."))
            return False
        form = UnitForm(kinds=kinds, parent_name=parent.name if parent else "", parent=self)
        if not form.exec():
            return False
        return self._do(lambda: self.services.organisation.add_unit(
            form.name.text(), kind=form.kind.currentData(), parent_id=parent.id if parent else None,
            setting=form.setting.currentData(), founded_on=form.founded_on))

    def edit_unit(self) -> bool:
        """Setting, founding date and, for a branch, the record-keeping start date."""
        unit = self.current_unit()
        if unit is None:
            return False
        form = UnitDetailsForm(unit, today=self.today(), parent=self)
        if not form.exec():
            return False
        return self._do(lambda: self.services.organisation.update_unit(
            unit.id, setting=form.setting.currentData(), founded_on=form.founded_on, notes=unit.notes,
            is_joint=unit.is_joint, unit_count=unit.unit_count, records_start=form.records_start, today=self.today()))

    def rename_unit(self) -> bool:
        unit = self.current_unit()
        if unit is None:
            return False
        name, ok = QInputDialog.getText(self, _("Rename"), _("New name"), text=unit.name)
        return ok and self._do(lambda: self.services.organisation.rename_unit(unit.id, name))

    def new_term(self) -> bool:
        unit = self.current_unit()
        form = TermForm(parent=self)
        if unit is None or not form.exec():
            return False
        return self._do(lambda: self.services.organisation.start_term(
            unit.id, elected_on=form.elected_on, ends_on=form.ends_on))

    def _branch_of(self, unit: OrgUnit) -> uuid.UUID | None:
        return unit.parent_id if unit.kind == "group" else unit.id

    def add_seat(self) -> bool:
        unit = self.current_unit()
        term = self.services.organisation.current_term(unit.id, on=self.today()) if unit else None
        if term is None:
            return False
        branches = [u.id for u in self.units.values() if u.kind == "branch"] if unit.kind != "branch" else [unit.id]
        if unit.kind == "group":
            branches = [unit.parent_id]
        members = [(m.id, f"{m.name}（{m.group_name}）" if m.group_name else m.name)
                   for branch_id in branches for m in self.services.members.roster(branch_id)]
        form = SeatForm(members=members, parent=self)
        if not form.exec():
            return False
        warnings: list[str] = []

        def add() -> None:
            result = self.services.organisation.add_seat(term.id, member_id=form.member.currentData(),
                                                         role=form.role.currentData())
            warnings.extend(p.message for p in result.warnings)
        done = self._do(add)
        if done and warnings:
            QMessageBox.information(self, _("Committee"), "\n".join(warnings))
        return done

    def end_seat(self) -> bool:
        rows = self.seats.selectionModel().selectedRows()
        if not rows:
            return False
        seat_id = self.seats.item(rows[0].row(), 0).data(UNIT_ID_ROLE)
        return self._do(lambda: self.services.organisation.end_seat(seat_id, on=self.today()))

    def add_area(self) -> bool:
        unit = self.current_unit()
        if unit is None or unit.kind == "group":
            return False
        name, ok = QInputDialog.getText(self, _("Add grid area"), _("Name of the grid area"))
        return ok and self._do(lambda: self.services.organisation.add_area(unit.id, name))

    def add_building(self) -> bool:
        unit = self.current_unit()
        if unit is None or unit.kind == "group":
            return False
        org = self.services.organisation
        areas = [(a.id, a.name) for a in org.grid(unit.id)]
        groups = [(g.id, g.name) for g in org.groups(unit.id)] if unit.kind == "branch" else []
        form = BuildingForm(areas=areas, groups=groups, parent=self)
        if not form.exec():
            return False
        return self._do(lambda: org.add_building(form.area.currentData(), form.name.text(),
                                                 group_id=form.group.currentData()))

    def change_covering_group(self) -> bool:
        """Choose which Party group covers the building selected in the grid."""
        unit = self.current_unit()
        item = self.grid.currentItem()
        building_id = item.data(0, BUILDING_ID_ROLE) if item is not None else None
        if unit is None or unit.kind != "branch" or building_id is None:
            QMessageBox.information(self, _("Community grid"),
                                    _("Select a building of a Party branch's grid first."))
            return False
        groups = self.services.organisation.groups(unit.id)
        names = [_("(no group)")] + [g.name for g in groups]
        current = names.index(item.text(1)) if item.text(1) in names else 0
        name, ok = QInputDialog.getItem(self, _("Covering Party group"), _("Party group covering {building}")
                                        .format(building=item.text(0)), names, current, False)
        if not ok:
            return False
        group_id = next((g.id for g in groups if g.name == name), None)
        return self._do(lambda: self.services.organisation.set_building_group(building_id, group_id))


TAB = OrganisationTab
