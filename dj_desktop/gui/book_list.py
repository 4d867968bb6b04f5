"""A read-only table of one record book's records (its main columns) for a branch and year; a double
click opens the record in the dialog given. Used by the sections of the 档案 tab."""

from __future__ import annotations

import uuid
from typing import Callable

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from dj_desktop.core.services import Services
from dj_desktop.gui.empty_hint import empty_hint


#: The widest a column grows to fit its text, in pixels.
_WIDEST = 360


class BookList(QTableWidget):
    def __init__(self, services: Services, book: str, hint: str, *, on_open: Callable[[uuid.UUID], None],
                 parent: QWidget | None = None):
        super().__init__(0, 0, parent)
        self.services, self.book, self.records = services, book, []
        #: The book's main columns, read when the list is first loaded: building the window at start-up
        #: must not load the record books (``core/services/__init__.py``).
        self.columns: list[int] = []
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setStretchLastSection(True)
        self.cellDoubleClicked.connect(lambda row, _c: on_open(self.records[row].id))
        empty_hint(self, hint)

    def load(self, branch_id: uuid.UUID | None, year: int | None) -> None:
        if not self.columns:
            info = self.services.records.book(self.book)
            self.columns = [i for i, c in enumerate(info.columns) if c.main]
            self.setColumnCount(len(self.columns))
            self.setHorizontalHeaderLabels([info.columns[i].header for i in self.columns])
        self.records = (self.services.records.list(self.book, branch_id=branch_id, year=year)
                        if branch_id is not None else [])
        self.setRowCount(len(self.records))
        for r, record in enumerate(self.records):
            for c, index in enumerate(self.columns):
                item = QTableWidgetItem(record.texts[index])
                item.setToolTip(record.texts[index])
                self.setItem(r, c, item)
        # Each column as wide as its text (a long one capped; its tooltip has it all), not "年事已高，独…".
        self.resizeColumnsToContents()
        for c in range(self.columnCount() - 1):
            self.setColumnWidth(c, min(self.columnWidth(c), _WIDEST))

    def selected_record(self):
        """The record (``RecordView``) of the selected row, or None."""
        rows = self.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows and rows[0].row() < len(self.records) else None

    def texts(self, column: int) -> list[str]:
        return [self.item(r, column).text() for r in range(self.rowCount())]
