"""材料…: a person's required papers step by step — the rule set's national papers and the unit's own —
with the files attached to each (scans, photos, PDFs): attach, open, remove a file; add or remove a
paper the unit requires at a step (national papers cannot be removed; no paper changes a date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton,
    QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.rules.development_rules import STEP_COUNT
from dj_desktop.core.services import Services
from dj_desktop.gui import file_dialogs
from dj_desktop.gui.empty_hint import empty_hint

COLUMNS = (N_("Step"), N_("Paper"), N_("Required by"), N_("Status"), N_("Files"))
KIND_LABELS = {"national": N_("National rules"), "unit": N_("This unit"), "other": N_("Paper no longer required")}
MISSING = QColor("#b00000")


def _open_in_viewer(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PapersDialog(QDialog):
    """``opener`` shows a file (tests replace it); ``ask_file`` / ``ask_reason`` ask the user."""

    def __init__(self, services: Services, person, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Papers of {name}").format(name=person.name))
        self.services, self.person, self.today = services, person, today
        self.papers = services.development_papers
        self.opener: Callable[[Path], None] = _open_in_viewer
        self.ask_file: Callable[[], str] = lambda: file_dialogs.choose_open_file(
            self, _("Attach a scan, photo or PDF"), file_dialogs.ATTACHMENT)
        self.ask_reason: Callable[[str], str | None] = self._ask_reason
        self.rows: list = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        empty_hint(self.table, _("The rule set names no paper for these steps, and the unit has added none."))
        self.attach_button = QPushButton(_("Attach file…"), self)
        self.open_button = QPushButton(_("Open"), self)
        self.remove_button = QPushButton(_("Remove file…"), self)
        self.drop_paper_button = QPushButton(_("Remove the unit's paper…"), self)
        self.step = QSpinBox(self)
        self.step.setRange(1, STEP_COUNT)
        self.step.setPrefix(_("Step") + " ")
        self.paper_name = QLineEdit(self)
        self.paper_name.setPlaceholderText(_("a paper this unit also requires"))
        self.add_paper_button = QPushButton(_("Add the unit's paper"), self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00000;")
        files_row, unit_row = QHBoxLayout(), QHBoxLayout()
        for b in (self.attach_button, self.open_button, self.remove_button):
            files_row.addWidget(b)
        files_row.addStretch(1)
        files_row.addWidget(self.drop_paper_button)
        unit_row.addWidget(QLabel(_("The unit requires also:"), self))
        for w in (self.step, self.paper_name, self.add_paper_button):
            unit_row.addWidget(w)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Files are attached to a step once it is recorded. A paper the unit adds is "
                                  "required of every person at that step; it never changes a date."), self))
        layout.addWidget(self.table)
        layout.addLayout(files_row)
        layout.addLayout(unit_row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_files())
        self.attach_button.clicked.connect(lambda: self.attach_file())
        self.open_button.clicked.connect(self.open_files)
        self.remove_button.clicked.connect(lambda: self.remove_file())
        self.add_paper_button.clicked.connect(self.add_unit_paper)
        self.drop_paper_button.clicked.connect(lambda: self.remove_unit_paper())
        self.resize(820, 600)
        self.refresh()

    # -- reading ----------------------------------------------------------------------------------
    def refresh(self, keep: tuple[int, str] | None = None) -> None:
        self.rows = [(step, paper) for step in self.papers.steps(self.person.id) for paper in step.papers]
        self.table.setRowCount(len(self.rows))
        for i, (step, paper) in enumerate(self.rows):
            if step.step_id is None:
                status = _("step not recorded")
            elif paper.attached:
                status = _("attached ({count})").format(count=len(paper.files))
            else:
                status = _("missing")
            values = (f"{step.no} {step.name}", paper.name, _(KIND_LABELS[paper.kind]), status,
                      "、".join(f.filename for f in paper.files))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 3 and step.step_id is not None and not paper.attached:
                    item.setForeground(MISSING)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        if keep is not None:
            self.select(*keep)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else (None, None)

    def select(self, step_no: int, paper: str) -> None:
        for i, (step, p) in enumerate(self.rows):
            if step.no == step_no and p.name == paper:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        step, paper = self.selected()
        self.attach_button.setEnabled(step is not None and step.step_id is not None and paper.kind != "other")
        self.open_button.setEnabled(paper is not None and paper.attached)
        self.remove_button.setEnabled(paper is not None and paper.attached)
        self.drop_paper_button.setEnabled(paper is not None and paper.kind == "unit")

    # -- files ------------------------------------------------------------------------------------
    def attach_file(self, path: str | Path | None = None) -> bool:
        step, paper = self.selected()
        if step is None:
            return False
        path = path or self.ask_file()
        if not path:
            return False
        return self._attempt(lambda: self.papers.attach(self.person.id, step.no, paper.name, path),
                             keep=(step.no, paper.name))

    def open_files(self) -> None:
        _step, paper = self.selected()
        for f in paper.files if paper is not None else ():
            if f.path.is_file():
                self.opener(f.path)
            else:
                self.error.setText(_("The stored copy of {name} is missing from {folder}.").format(
                    name=f.filename, folder=f.path.parent))

    def remove_file(self, reason: str | None = None) -> bool:
        step, paper = self.selected()
        if paper is None or not paper.files:
            return False
        target = paper.files[-1]
        if len(paper.files) > 1:
            names = [f"{i + 1}. {f.filename}" for i, f in enumerate(paper.files)]
            chosen, ok = QInputDialog.getItem(self, _("Remove file"), _("Which file?"), names, len(names) - 1,
                                              False)
            if not ok:
                return False
            target = paper.files[names.index(chosen)]
        reason = reason if reason is not None else self.ask_reason(
            _("Why is {name} removed from “{paper}”?").format(name=target.filename, paper=paper.name))
        if reason is None:
            return False
        return self._attempt(lambda: self.papers.detach(target.id, reason=reason), keep=(step.no, paper.name))

    # -- the unit's papers ------------------------------------------------------------------------
    def add_unit_paper(self) -> bool:
        branch = self.person.branch_id
        no, name = self.step.value(), self.paper_name.text()
        if self._attempt(lambda: self.papers.add_unit_paper(branch, no, name, today=self.today),
                         keep=(no, name.strip())):
            self.paper_name.clear()
            return True
        return False

    def remove_unit_paper(self, reason: str | None = None) -> bool:
        step, paper = self.selected()
        if paper is None or paper.kind != "unit":
            return False
        found = next((p for p in self.papers.unit_papers(self.person.branch_id)
                      if p.step_no == step.no and p.name == paper.name), None)
        if found is None:
            return False
        reason = reason if reason is not None else self.ask_reason(
            _("Why does the unit no longer require “{paper}” at step {no}? Files already attached stay.").format(
                paper=paper.name, no=step.no))
        if reason is None:
            return False
        return self._attempt(lambda: self.papers.remove_unit_paper(found.id, reason=reason))

    def _attempt(self, work: Callable[[], object], keep: tuple[int, str] | None = None) -> bool:
        try:
            work()
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        self.error.setText("")
        self.refresh(keep)
        return True

    def _ask_reason(self, question: str) -> str | None:
        text, ok = QInputDialog.getText(self, _("Reason"), question)
        return text if ok else None
