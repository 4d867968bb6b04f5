"""Books page of the office window: one branch's roster and meetings, read-only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.gui.models.roster import RosterTableModel
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view
from dj_desktop.gui.tabs.roster import roster_row

MEETING_HEADERS = (N_("Date"), N_("Kind"), N_("Title"), N_("Place"), N_("Present"), N_("Expected"),
                   N_("Quorum"))


def _quorum(met: bool | None) -> str:
    if met is None:
        return "—"
    return _("Met") if met else _("Not met")


class BooksPage(QWidget):
    """Nothing here writes: the office reads what the branch sent; corrections come from the branch."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.branch_combo = QComboBox()
        self.branch_combo.setMinimumWidth(320)
        self.note = QLabel(_("Read-only: these records belong to the branch and change only through its bundles."))
        self.note.setWordWrap(True)
        self.roster_model = RosterTableModel(self)
        self.roster_view = QTableView(self)
        self.roster_view.setModel(self.roster_model)
        self.roster_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roster_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roster_view.verticalHeader().setVisible(False)
        self.roster_view.horizontalHeader().setStretchLastSection(True)
        self.meetings_model = RowsTableModel(MEETING_HEADERS, self)
        self.meetings_view = make_table_view(self.meetings_model, self)
        # The title is the long column; the others fit their contents.
        self.meetings_view.horizontalHeader().setStretchLastSection(False)
        self.meetings_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.roster_box = QGroupBox(_("Member roster"))
        QVBoxLayout(self.roster_box).addWidget(self.roster_view)
        self.meetings_box = QGroupBox(_("Meetings"))
        QVBoxLayout(self.meetings_box).addWidget(self.meetings_view)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Branch:")))
        top.addWidget(self.branch_combo)
        top.addWidget(self.note, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.roster_box)
        splitter.addWidget(self.meetings_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.branch_combo.currentIndexChanged.connect(lambda _i: self.load_branch())

    def refresh(self) -> None:
        current = self.branch_combo.currentData()
        names = {b.site_id: b.name for b in self.services.office.branches()}  # the sender's own name
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        for unit in self.services.office_books.branch_units():
            sender = names.get(unit.site_id) or unit.site_id[:8]
            label = unit.name if sender == unit.name else _("{unit} (from {sender})").format(unit=unit.name,
                                                                                         sender=sender)
            self.branch_combo.addItem(label, unit)
        self.branch_combo.blockSignals(False)
        if current is not None:
            self.show_unit(current.id)
        self.load_branch()

    def show_site(self, site_id: str) -> bool:
        """Select the first branch unit that ``site_id`` sent."""
        for i in range(self.branch_combo.count()):
            if self.branch_combo.itemData(i).site_id == site_id:
                self.branch_combo.setCurrentIndex(i)
                return True
        return False

    def show_unit(self, unit_id) -> bool:
        for i in range(self.branch_combo.count()):
            if self.branch_combo.itemData(i).id == unit_id:
                self.branch_combo.setCurrentIndex(i)
                return True
        return False

    def load_branch(self) -> None:
        unit = self.branch_combo.currentData()
        if unit is None:
            self.roster_model.set_rows([])
            self.meetings_model.set_rows([])
            return
        members = self.services.members.roster(unit.id)
        self.roster_model.set_rows([roster_row(m) for m in members])
        self.roster_box.setTitle(_("Member roster ({n})").format(n=len(members)))
        self.roster_view.resizeColumnsToContents()
        meetings = self.services.meetings.list(unit.id)
        self.meetings_model.set_rows(
            [(m.held_on.isoformat(), m.kind_label, m.title, m.place, m.present, m.expected, _quorum(m.quorum_met))
             for m in reversed(meetings)],
            keys=[m.id for m in reversed(meetings)],
            warn=[m.quorum_met is False for m in reversed(meetings)])
        self.meetings_box.setTitle(_("Meetings ({n})").format(n=len(meetings)))
        for column in (0, 1, 3, 4, 5, 6):
            self.meetings_view.resizeColumnToContents(column)
