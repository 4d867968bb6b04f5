"""Assessment page of the office window: the upper level scores a branch's submitted self-assessment
item by item (each score checked against the item's points), comments and sets the final star level.

It only calls :meth:`AssessmentService.office_score`; the result travels back to the branch in the
next return bundle. Problems are shown next to the form, in Chinese, and nothing typed is lost.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHeaderView, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QWidget,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.office.form_layout import lay_out
from dj_desktop.gui.combo_data import index_of

HEADERS = (N_("Item"), N_("Assessment category"), N_("Title"), N_("Points"), N_("Branch's score"),
           N_("Upper level's score"))
SCORE_COLUMN = 5


def _num(value) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value)


class AssessmentScoringPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.sheet = None
        self.branch = QComboBox()
        self.period = QLineEdit()
        self.period.setPlaceholderText(_("e.g. 2025 or 2025-Q3"))
        self.standard = QComboBox()
        self.load_button = QPushButton(_("Open the self-assessment"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.empty_hint = empty_hint(self.table, lambda: _(
            "Choose a branch, a period and a standard, then click \"{button}\" to score the branch's "
            "submitted self-assessment.").format(button=_("Open the self-assessment")))
        self.stars = QComboBox()
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(_("The upper level's comment for the branch"))
        self.comment.setMaximumHeight(80)
        self.save_button = QPushButton(_("Save the upper level's scores"))
        self.save_button.setEnabled(False)
        lay_out(self, self.table, [_("Branch:"), self.branch, _("Period:"), self.period, _("Standard:"),
                                   self.standard, self.load_button],
                [_("Final star level:"), self.stars, self.comment, self.save_button], stretch=self.comment)
        self.load_button.clicked.connect(lambda: self.load())
        self.save_button.clicked.connect(lambda: self.save())

    def refresh(self) -> None:
        """The branches and standards known now; the open sheet stays as it is."""
        current = self.branch.currentData()
        self.branch.clear()
        for unit in self.services.organisation.branches():
            self.branch.addItem(unit.name, unit.id)
        if current is not None and index_of(self.branch, current) >= 0:
            self.branch.setCurrentIndex(index_of(self.branch, current))
        if not self.standard.count():
            try:
                for info in self.services.assessment.standards():
                    self.standard.addItem(info.title, info.name)
            except UserError as exc:
                self.status.setText(str(exc))

    def load(self) -> bool:
        self.problems.clear()
        unit = self.branch.currentData()
        if unit is None or not self.period.text().strip() or self.standard.currentData() is None:
            self.problems.setText(_("Choose a branch, enter a period (for example 2025) and choose a standard."))
            return False
        try:
            sheet = self.services.assessment.sheet(branch=str(unit), period=self.period.text().strip(),
                                                   standard=self.standard.currentData())
        except UserError as exc:
            self.problems.setText(str(exc))
            return False
        self._unit = unit
        self._show(sheet)
        return True

    def _show(self, sheet) -> None:
        self.sheet = sheet
        frozen = sheet.status == "submitted"
        self.table.setRowCount(len(sheet.items))
        for row, item in enumerate(sheet.items):
            office = sheet.office_scores.get(item.id)
            values = (item.id, item.category, item.title, _num(item.max), _num(item.final),
                      _num(office) if office is not None else "")
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column != SCORE_COLUMN or not frozen:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == 2 and item.comment:
                    cell.setToolTip(item.comment)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.stars.clear()
        self.stars.addItem(_("(no star level)"), None)
        for n, minimum in sheet.star_levels:
            self.stars.addItem(_("{n} stars (from {min} points)").format(n=n, min=_num(minimum)), n)
        if sheet.office_stars is not None:
            self.stars.setCurrentIndex(max(0, self.stars.findData(sheet.office_stars)))
        self.comment.setPlainText(sheet.office_comment or "")
        self.save_button.setEnabled(frozen)
        own = _("vetoed, no star") if sheet.vetoed else (
            _("{n} stars").format(n=sheet.stars) if sheet.stars else "—")
        if not frozen:
            text = _("{branch} has not submitted its {period} self-assessment yet (it is {status}); "
                     "the upper level scores a submitted one.").format(
                branch=sheet.branch_name, period=sheet.period,
                status=_("a draft") if sheet.status == "draft" else _("not started"))
        else:
            text = _("{branch}, {period}, version {no} submitted on {day}: the branch's total {total}, {stars}.").format(
                branch=sheet.branch_name, period=sheet.period, no=sheet.version_no,
                day=sheet.submitted_on.isoformat(), total=_num(sheet.total), stars=own)
            if sheet.office_scored_on:
                text += " " + _("Scored by the upper level on {day}: {total} points.").format(
                    day=sheet.office_scored_on.isoformat(), total=_num(sheet.office_total))
        self.status.setText(text)

    def typed_scores(self) -> dict[str, str]:
        return {self.table.item(r, 0).text(): self.table.item(r, SCORE_COLUMN).text().strip()
                for r in range(self.table.rowCount())}

    def save(self) -> bool:
        if self.sheet is None:
            return False
        self.problems.clear()
        try:
            sheet = self.services.assessment.office_score(
                branch=str(self._unit), period=self.sheet.period, standard=self.sheet.standard.name,
                scores=self.typed_scores(), stars=self.stars.currentData(),
                comment=self.comment.toPlainText())
        except ValidationError as exc:
            titles = {i.id: i.title for i in self.sheet.items}
            self.problems.setText("\n".join(
                (f"{titles[k]}：{m}" if k in titles and titles[k] not in m else m) for k, m in exc.problems.items()))
            for row in range(self.table.rowCount()):
                cell = self.table.item(row, SCORE_COLUMN)
                cell.setBackground(Qt.GlobalColor.yellow if self.table.item(row, 0).text() in exc.problems
                                   else Qt.GlobalColor.transparent)
            return False
        except UserError as exc:
            self.problems.setText(str(exc))
            return False
        self._show(sheet)
        self.status.setText(self.status.text() + " " + _(
            "Saved; it goes back to the branch in its next return bundle."))
        return True
