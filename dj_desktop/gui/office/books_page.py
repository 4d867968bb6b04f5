"""Books page of the office window: one branch's roster and every registered record book, read-only.

The roster has its own table; every other book of the registry gets a tab with its main
columns, so a book added later shows here without a change to this page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QLabel, QSplitter, QTableView, QTabWidget, QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.gui.models.roster import RosterTableModel
from dj_desktop.gui.empty_hint import empty_hint
from dj_desktop.gui.office.rows_model import RowsTableModel, make_table_view
from dj_desktop.gui.tabs.roster import roster_row

#: The roster is shown by its own table above the books.
ROSTER = "members"


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
        empty_hint(self.roster_view, self._empty_text(_("Member roster")))
        self.roster_box = QGroupBox(_("Member roster"))
        QVBoxLayout(self.roster_box).addWidget(self.roster_view)
        #: One read-only table per registered book (the roster aside), by book key; built on the first
        #: refresh, so opening the office window does not load every book's module.
        self.book_tabs = QTabWidget(self)
        self.books: list = []
        self.book_models: dict[str, RowsTableModel] = {}
        self.book_views: dict[str, QTableView] = {}

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Branch:")))
        top.addWidget(self.branch_combo)
        top.addWidget(self.note, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.roster_box)
        splitter.addWidget(self.book_tabs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.branch_combo.currentIndexChanged.connect(lambda _i: self.load_branch())

    def _empty_text(self, title: str):
        def text() -> str:
            if self.branch_combo.currentData() is None:
                return _("Choose a branch above.")
            return _("This branch has sent no records of \"{book}\".").format(book=title)
        return text

    def _build_book_tabs(self) -> None:
        if self.books:
            return
        self.books = [b for b in self.services.records.books() if b.key != ROSTER]
        for info in self.books:
            main = [c for c in info.columns if c.main]
            model = RowsTableModel(tuple(c.header for c in main), self)
            view = make_table_view(model, self, empty=self._empty_text(info.title))
            self.book_models[info.key], self.book_views[info.key] = model, view
            self.book_tabs.addTab(view, info.title)

    def refresh(self) -> None:
        self._build_book_tabs()
        current = self.branch_combo.currentData()
        names = {b.site_id: b.name for b in self.services.office_sites.branches()}  # the sender's own name
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        for unit in self.services.office_sites.branch_units():
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
            for model in self.book_models.values():
                model.set_rows([])
            return
        members = self.services.members.roster(unit.id)
        self.roster_model.set_rows([roster_row(m) for m in members])
        self.roster_box.setTitle(_("Member roster ({n})").format(n=len(members)))
        self.roster_view.resizeColumnsToContents()
        for index, info in enumerate(self.books):
            self._load_book(index, info, unit.id)

    def _load_book(self, index: int, info, unit_id) -> None:
        shown = [i for i, c in enumerate(info.columns) if c.main]
        records = list(reversed(self.services.records.list(info.key, branch_id=unit_id)))
        model, view = self.book_models[info.key], self.book_views[info.key]
        model.set_rows([tuple(r.texts[i] for i in shown) for r in records], keys=[r.id for r in records],
                       warn=[bool(r.values.get("attention")) for r in records])
        self.book_tabs.setTabText(index, _("{book} ({n})").format(book=info.title, n=len(records)))
        view.resizeColumnsToContents()
