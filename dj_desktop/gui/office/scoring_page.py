"""The office's 考核评分 page: choose a branch, a standard and a period, see the branch's submitted
self-assessment item by item (its automatic and own scores, its total and stars), enter the upper
level's score for every item, a comment and the final star level; saved through
``services.assessment.office_score`` and sent back in the branch's next return bundle."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui.empty_hint import empty_hint

COLUMNS = ("Assessment category", "Item", "Points", "Branch's score", "Upper level's score")
COL_OFFICE = 4
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _num(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


class ScoringPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.today = date.today
        self.sheet = None
        self.branch_box = QComboBox(self)
        self.standard_box = QComboBox(self)
        self.period_edit = QLineEdit(str(date.today().year - 1), self)
        self.period_edit.setPlaceholderText(_("2025, 2025-H1, 2025-Q3 or 2025-03"))
        self.load_button = QPushButton(_("Show the self-assessment"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        empty_hint(self.table, _("Choose a branch, a standard and a period, then click \"Show the "
                                 "self-assessment\". A branch's self-assessment arrives with its bundle once "
                                 "the branch has submitted it."))
        self.comment_edit = QLineEdit(self)
        self.comment_edit.setPlaceholderText(_("The upper level's comment"))
        self.stars_box = QComboBox(self)
        self.save_button = QPushButton(_("Save the upper level's scoring"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        for widget in (QLabel(_("Branch"), self), self.branch_box, QLabel(_("Standard"), self), self.standard_box,
                       QLabel(_("Period"), self), self.period_edit, self.load_button):
            top.addWidget(widget)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.comment_edit, 1)
        bottom.addWidget(QLabel(_("Final stars"), self))
        bottom.addWidget(self.stars_box)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        self.load_button.clicked.connect(self.load)
        self.period_edit.returnPressed.connect(self.load)
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)

    def refresh(self) -> None:
        chosen_branch, chosen_standard = self.branch_box.currentData(), self.standard_box.currentData()
        self.branch_box.clear()
        for unit in self.services.organisation.branches():
            self.branch_box.addItem(unit.name, str(unit.id))   # text: Qt compares it, not a uuid
        self.standard_box.clear()
        for info in self.services.assessment.standards():
            self.standard_box.addItem(info.title, info.name)
        for box, chosen in ((self.branch_box, chosen_branch), (self.standard_box, chosen_standard)):
            index = box.findData(chosen)
            if index >= 0:
                box.setCurrentIndex(index)

    def _unit(self):
        return next((u for u in self.services.organisation.branches() if str(u.id) == self.branch_box.currentData()),
                    None)

    def load(self) -> None:
        unit = self._unit()
        if unit is None:
            return
        try:
            sheet = self.services.assessment.sheet(branch=unit.id, period=self.period_edit.text().strip(),
                                                   standard=self.standard_box.currentData(), today=self.today())
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.sheet = sheet
        self.table.setRowCount(len(sheet.items))
        for row, item in enumerate(sheet.items):
            office = sheet.office_scores.get(item.id)
            cells = (item.category, item.title, _num(item.max), _num(item.final),
                     _num(office if office is not None else item.final))
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col != COL_OFFICE:
                    cell.setFlags(_READ_ONLY)
                self.table.setItem(row, col, cell)
        self.stars_box.clear()
        for stars, threshold in sheet.star_levels:
            self.stars_box.addItem(_("{stars} stars (from {points} points)").format(stars=stars, points=_num(threshold)),
                                   stars)
        self.stars_box.setCurrentIndex(max(self.stars_box.findData(sheet.office_stars or sheet.stars), 0))
        self.comment_edit.setText(sheet.office_comment)
        state = (_("submitted on {day}").format(day=sheet.submitted_on.isoformat()) if sheet.frozen
                 else _("not submitted yet: it can be scored once the branch submits it"))
        self.summary.setText(_("{branch}, {period}: the branch's total {total}, {stars} stars; {state}.").format(
            branch=sheet.branch_name, period=sheet.period, total=_num(sheet.total), stars=sheet.stars or "—",
            state=state) + (_(" Scored by the upper level on {day}: {total}.").format(
                day=sheet.office_scored_on.isoformat(), total=_num(sheet.office_total)) if sheet.office_scored_on else ""))
        self.save_button.setEnabled(sheet.frozen)
        self.message.clear()

    def scores(self) -> dict[str, str]:
        return {item.id: (self.table.item(row, COL_OFFICE).text() or "").strip()
                for row, item in enumerate(self.sheet.items)} if self.sheet else {}

    def save(self) -> None:
        unit = self._unit()
        if unit is None or self.sheet is None:
            return
        try:
            scored = self.services.assessment.office_score(
                branch=unit.id, period=self.sheet.period, standard=self.sheet.standard.name, scores=self.scores(),
                stars=self.stars_box.currentData(), comment=self.comment_edit.text(), today=self.today())
        except ValidationError as exc:
            titles = {i.id: i.title for i in self.sheet.items}
            self.message.setText("\n".join(f"{titles.get(k, '')} {v}".strip() for k, v in exc.problems.items()))
            return
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.load()
        self.message.setText(_("Saved: {total} points, {stars} stars. It goes back to the branch with its next "
                               "return bundle.").format(total=_num(scored.office_total), stars=scored.office_stars))
