"""Section 发展党员 of the 档案 tab: the people in the pipeline by stage, and the selected person's
timeline on three tracks never mixed — actual dates, the rule bounds, the suggested plan. Buttons
add an applicant, record the next step (refusals shown in the rule's words), cancel, and print."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.rules.development import StepRefused
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.development import STAGES
from dj_desktop.gui.archives.development_actions import DevelopmentActions, papers_text
from dj_desktop.gui.dialogs.development_dialogs import ApplicantDialog, StepDialog
from dj_desktop.gui.empty_hint import empty_hint

STAGE_ORDER = ("applicant", "activist", "candidate", "probationary", "full", "cancelled")
PEOPLE_COLUMNS = (N_("Name"), N_("Stage"), N_("Last step"), N_("Next step"), N_("Due by"))
TIMELINE_COLUMNS = (N_("No."), N_("Step"), N_("Done on"), N_("Earliest"), N_("Latest"), N_("Suggested"),
                    N_("Papers"))
#: One colour per track: actual (black), rule bounds (blue), suggested plan (grey).
TRACK_COLOURS = {2: "#000000", 3: "#1f4e9c", 4: "#1f4e9c", 5: "#7a7a7a"}


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


class DevelopmentSection(QWidget):
    order = 10

    @classmethod
    def title(cls) -> str:
        return _("Member development")

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.today: Callable[[], date] = date.today
        self.people: list = []
        self.people_table = self._table(PEOPLE_COLUMNS)
        empty_hint(self.people_table, _("Nobody in member development yet. Add an applicant with "
                                        "“New applicant…” when a written application is handed in."))
        self.people_table.itemSelectionChanged.connect(self.show_timeline)
        self.timeline_table = self._table(TIMELINE_COLUMNS)
        empty_hint(self.timeline_table, _("Choose a person on the left to see the steps."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.add_button = QPushButton(_("New applicant…"), self)
        self.step_button = QPushButton(_("Record next step…"), self)
        self.cancel_button = QPushButton(_("Cancel candidacy…"), self)
        self.print_button = QPushButton(_("Print file…"), self)
        self.add_button.clicked.connect(self.add_applicant)
        self.step_button.clicked.connect(self.record_step)
        self.cancel_button.clicked.connect(self.cancel_candidacy)
        self.print_button.clicked.connect(self.print_file)
        self.actions = DevelopmentActions(self)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.step_button, self.cancel_button, self.print_button, *self.actions.buttons):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.timeline_table)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.people_table)
        split.addWidget(right)
        split.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split)
        self._update_buttons()

    def _table(self, columns) -> QTableWidget:
        table = QTableWidget(0, len(columns), self)
        table.setHorizontalHeaderLabels([_(c) for c in columns])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- reading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected()
        branch = self.services.organisation.first_branch()
        people = self.services.development.people(branch.id) if branch else []
        self.people = sorted(people, key=lambda p: (STAGE_ORDER.index(p.stage), p.name))
        self.people_table.setRowCount(len(self.people))
        for row, p in enumerate(self.people):
            n = p.next_step
            values = (p.name, _(STAGES[p.stage]), str(p.last_step), f"{n.no} {n.name}" if n else "",
                      _day(n.latest) if n else "")
            for col, value in enumerate(values):
                self.people_table.setItem(row, col, QTableWidgetItem(value))
        self.people_table.resizeColumnsToContents()
        if selected is not None:
            self.select(selected.id)
        self.show_timeline()

    def selected(self):
        rows = self.people_table.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows and rows[0].row() < len(self.people) else None

    def select(self, person_id) -> None:
        for row, p in enumerate(self.people):
            if p.id == person_id:
                self.people_table.selectRow(row)

    def show_timeline(self) -> None:
        person = self.selected()
        self._update_buttons()
        if person is None:
            self.timeline_table.setRowCount(0)
            self.summary.setText("")
            return
        rows = self.services.development.timeline(person.id)
        papers = {p.no: p for p in self.services.development_papers.steps(person.id)}
        self.timeline_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            latest = _day(r.bounds.latest) + (" " + _("(provisional)") if r.bounds.provisional and r.bounds.latest
                                               else "")
            values = (str(r.no), r.name, "、".join(d.isoformat() for d in r.actual), _day(r.bounds.earliest),
                      latest, _day(r.planned), papers_text(papers.get(r.no)))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col in TRACK_COLOURS:
                    item.setForeground(QColor(TRACK_COLOURS[col]))
                elif col == 6 and r.actual and papers[r.no].attached < papers[r.no].required:
                    item.setForeground(QColor("#b00000"))   # a recorded step with a paper missing
                self.timeline_table.setItem(i, col, item)
        self.timeline_table.resizeColumnsToContents()
        text = _("{name}: {stage}, rules {rules}.").format(name=person.name, stage=_(STAGES[person.stage]),
                                                          rules=person.rules_version)
        if person.extensions:
            text += " " + _("Probation extended by {months} months.").format(months=person.extension_months)
        if person.cancelled_reason:
            text += " " + _("Cancelled: {reason}").format(reason=person.cancelled_reason)
        self.summary.setText(text)

    def _update_buttons(self) -> None:
        person = self.selected()
        active = person is not None and person.next_step is not None
        self.step_button.setEnabled(active)
        self.cancel_button.setEnabled(active)
        self.print_button.setEnabled(person is not None)
        self.actions.update(person)

    # -- actions ------------------------------------------------------------------------------
    def make_applicant_dialog(self) -> ApplicantDialog | None:
        branch = self.services.organisation.first_branch()
        if branch is None:
            QMessageBox.information(self, _("Member development"), _("The database has no Party branch yet."))
            return None
        return ApplicantDialog(self.services, branch.id, self.today(), self)

    def add_applicant(self) -> None:
        dialog = self.make_applicant_dialog()
        if dialog is not None and dialog.exec():
            self.refresh()
            self.select(dialog.result_value)

    def make_step_dialog(self) -> StepDialog | None:
        person = self.selected()
        return StepDialog(self.services, person, self.today(), self) if person and person.next_step else None

    def record_step(self) -> None:
        dialog = self.make_step_dialog()
        if dialog is not None and dialog.exec():
            self.refresh()

    def cancel_candidacy(self) -> None:
        person = self.selected()
        if person is None:
            return
        reason, ok = QInputDialog.getText(self, _("Cancel candidacy"), _("Reason for cancelling {name}:").format(
            name=person.name))
        if not ok:
            return
        try:
            self.services.development.cancel(person.id, reason=reason, on=self.today(), today=self.today())
        except StepRefused as exc:
            QMessageBox.warning(self, _("Cancel candidacy"), str(exc))
            return
        self.refresh()

    def print_file(self) -> None:
        person = self.selected()
        if person is None:
            return
        name, _filter = QFileDialog.getSaveFileName(self, _("Print file…"), f"{person.name}.pdf", "PDF (*.pdf)")
        if name:
            self.write_file(person.id, Path(name))

    def write_file(self, person_id, path: Path) -> None:
        from dj_desktop.core.services.development_print import development_file
        from dj_desktop.reports.pdf.development_file import write_development_file
        write_development_file(development_file(self.services, person_id), path)


SECTION = DevelopmentSection
