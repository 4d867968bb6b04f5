"""Compliance page of the office window: the reminders engine run per branch, worst first."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from PySide6.QtCore import QDate

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.branch_states import STATE_LABELS
from dj_desktop.gui.empty_hint import button_name
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view
from dj_desktop.gui.workers import runner_for

HEADERS = (N_("Branch name"), N_("State"), N_("Overdue"), N_("Due soon"), N_("Overdue by kind"), N_("Oldest overdue items"))


def by_kind(counts: dict[str, int], labels: dict[str, str]) -> str:
    """"党小组会 48、支委会 12" — most frequent first; ``labels`` from the book registry."""
    return "、".join(f"{labels.get(k, k)} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


class CompliancePage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = RowsTableModel(HEADERS, self)
        self.run_button = QPushButton(_("Check all branches"))
        self.view = make_table_view(self.model, self, empty=lambda: _(
            "Click \"{button}\" to see each branch's overdue and due records.").format(
                button=button_name(self.run_button)))
        self.on_date = QDateEdit(QDate.currentDate())
        self.on_date.setCalendarPopup(True)
        self.on_date.setDisplayFormat("yyyy-MM-dd")
        self.summary = QLabel(_("Press \"Check all branches\" to run the reminders for every branch."))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("As of:")))
        top.addWidget(self.on_date)
        top.addWidget(self.run_button)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.run_button.clicked.connect(lambda: self.run_check())
        self.rows = []

    def refresh(self) -> None:
        """Nothing automatic: a check over thousands of branches runs when asked."""

    def run_check(self, on: date | None = None) -> None:
        day = on or self.on_date.date().toPython()
        self.run_button.setEnabled(False)
        runner_for(self).run(
            lambda progress: self.services.office_books.compliance(day, progress=progress),
            parent=self, title=_("Checking the branches"), on_result=self._show,
            on_finished=lambda: self.run_button.setEnabled(True))

    def _show(self, rows) -> None:
        self.rows = list(rows)
        labels = self.services.records.reminder_kind_labels()
        self.model.set_rows(
            [(c.branch_name, _(STATE_LABELS[c.state]), c.overdue, c.due, by_kind(c.overdue_by_kind, labels),
              " ".join(c.first_overdue)) for c in self.rows],
            keys=[c.branch_id or c.site_id for c in self.rows],
            warn=[c.overdue > 0 or c.state != "ok" for c in self.rows])
        for column in range(5):
            self.view.resizeColumnToContents(column)
        behind = sum(1 for c in self.rows if c.overdue)
        self.summary.setText(_("{n} branches checked; {behind} have overdue items.").format(
            n=len(self.rows), behind=behind))
