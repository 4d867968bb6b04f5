"""Standards page of the office window: edit an assessment standard (items' titles, points, how they
are scored; new items) and save it as a NEW version of the ``assessment`` rule set. Assessments already
submitted keep the version they were scored with. Problems are shown in Chinese; nothing typed is lost.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHeaderView, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QWidget,
)

from dj_desktop.core.assessment_standard_files import export_standard, import_standard
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.office.form_layout import lay_out

HEADERS = (N_("Assessment category"), N_("Item"), N_("Title"), N_("Points"), N_("How it is scored"))
COL_CATEGORY, COL_ID, COL_TITLE, COL_POINTS, COL_RULE = range(5)


class StandardsPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.data: dict | None = None
        self.standard = QComboBox()
        self.load_button = QPushButton(_("Edit this standard"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.empty_hint = empty_hint(self.table, lambda: _(
            "Choose a standard and click \"{button}\" to change its items and points.").format(
                button=_("Edit this standard")))
        self.add_button = QPushButton(_("Add an item"))
        self.total = QLineEdit()
        self.version = QLineEdit()
        self.version.setPlaceholderText(_("new version name, e.g. 2026-county"))
        self.save_button = QPushButton(_("Save as a new version"))
        for button in (self.add_button, self.save_button):
            button.setEnabled(False)
        lay_out(self, self.table, [_("Standard:"), self.standard, self.load_button],
                [self.add_button, _("Total points:"), self.total, _("Version:"), self.version, self.save_button])
        self.load_button.clicked.connect(lambda: self.load())
        self.add_button.clicked.connect(lambda: self.add_item())
        self.save_button.clicked.connect(lambda: self.save())

    def refresh(self) -> None:
        current = self.standard.currentData()
        self.standard.clear()
        try:
            for info in self.services.assessment.standards():
                self.standard.addItem(f"{info.title}（{info.name}，{info.version}）", info.name)
        except UserError as exc:
            self.status.setText(str(exc))
        if current is not None and self.standard.findData(current) >= 0:
            self.standard.setCurrentIndex(self.standard.findData(current))

    def load(self) -> bool:
        self.problems.clear()
        if self.standard.currentData() is None:
            self.problems.setText(_("Choose a standard first."))
            return False
        try:
            self.data = export_standard(self.services.rulesets, self.standard.currentData())
        except UserError as exc:
            self.problems.setText(str(exc))
            return False
        standard = self.data["standard"]
        self.table.setRowCount(0)
        for category in standard["categories"]:
            for item in category["items"]:
                self._append(category["id"], item["id"], item["title"], str(item["points"]),
                             item.get("rule", "manual"), editable_id=False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.total.setText(str(standard["total"]))
        self.version.clear()
        self.status.setText(_("Editing {title}, from rule-set version {ref}. Saving makes a new version; "
                              "submitted assessments keep theirs.").format(title=standard["title"],
                                                                           ref=self.data["from"]))
        self.add_button.setEnabled(True)
        self.save_button.setEnabled(True)
        return True

    def _append(self, category: str, item_id: str, title: str, points: str, rule: str, *, editable_id: bool):
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate((category, item_id, title, points, rule)):
            cell = QTableWidgetItem(value)
            if column == COL_ID and not editable_id:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, cell)

    def add_item(self) -> int:
        """A new, hand-scored item in the selected row's category (the last one's without a selection)."""
        row = self.table.currentRow() if self.table.currentRow() >= 0 else self.table.rowCount() - 1
        category = self.table.item(row, COL_CATEGORY).text() if row >= 0 else ""
        self._append(category, "", "", "0", "manual", editable_id=True)
        self.table.setCurrentCell(self.table.rowCount() - 1, COL_ID)
        return self.table.rowCount() - 1

    def edited(self) -> dict:
        """The standard as the table shows it: known items keep their parameters, evidence and source."""
        standard = copy.deepcopy(self.data["standard"])
        known = {i["id"]: i for c in standard["categories"] for i in c["items"]}
        categories = {c["id"]: c for c in standard["categories"]}
        for category in categories.values():
            category["items"] = []
        problems = {}
        for row in range(self.table.rowCount()):
            text = [self.table.item(row, c).text().strip() for c in range(len(HEADERS))]
            if text[COL_CATEGORY] not in categories:
                problems[f"row{row}"] = _("Row {row}: there is no category {category}; use one of: {known}.").format(
                    row=row + 1, category=text[COL_CATEGORY] or "—", known=", ".join(categories))
                continue
            item = dict(known.get(text[COL_ID], {"id": text[COL_ID], "source": _("added by the upper level")}))
            if item.get("rule", "manual") != text[COL_RULE]:
                item["params"] = {}
            item.update(title=text[COL_TITLE], points=text[COL_POINTS], rule=text[COL_RULE] or "manual")
            categories[text[COL_CATEGORY]]["items"].append(item)
        if problems:
            raise ValidationError(problems)
        standard["total"] = self.total.text().strip()
        return standard

    def save(self):
        self.problems.clear()
        try:
            version = import_standard(self.services.rulesets, {"standard": self.edited()},
                                      version=self.version.text().strip() or None)
        except UserError as exc:
            self.problems.setText(str(exc))
            return None
        self.refresh()
        self.status.setText(_("Stored as version {version} of the assessment rule set, in effect from {day}.").format(
            version=version.version, day=version.effective_from.isoformat()))
        self.save_button.setEnabled(False)
        self.add_button.setEnabled(False)
        return version
