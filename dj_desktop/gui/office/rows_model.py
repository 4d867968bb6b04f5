"""A read-only table model over rows of display texts, each row carrying a hidden key.

State of :class:`RowsTableModel`:

- ``_headers``: untranslated column titles (``N_`` strings), translated in ``headerData``.
- ``_rows``: one tuple of display values per row (already translated texts, numbers).
- ``_keys``: one hidden object per row (a site id, a conflict id …) returned for
  :data:`KEY_ROLE`, so views act on what a row stands for, not on its text.
- ``_warn``: rows shown in red (revoked, rejected, overdue). Every cell's tooltip is its full text.

Sorting sorts the Python tuples once (numbers as numbers), not through a proxy.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dj_desktop.core.text import natural_key
from dj_desktop.gui.models.base import HeadedTableModel

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_WARN_BRUSH = QBrush(QColor("#b3261e"))


class RowsTableModel(HeadedTableModel):
    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(headers, parent)
        self._rows: list[tuple] = []
        self._keys: list[Any] = []
        self._warn: list[bool] = []

    def set_rows(self, rows: Sequence[tuple], *, keys: Sequence[Any] | None = None,
                 warn: Sequence[bool] | None = None) -> None:
        """Replace every row; ``warn`` marks rows shown in red (revoked, rejected, overdue)."""
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self._keys = list(keys) if keys is not None else [None] * len(self._rows)
        self._warn = list(warn) if warn is not None else [False] * len(self._rows)
        self.endResetModel()

    def key(self, row: int) -> Any:
        return self._keys[row]

    def row_values(self, row: int) -> tuple:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if value is None else str(value)
        if role == KEY_ROLE:
            return self._keys[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and self._warn[index.row()]:
            return _WARN_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        def sort_key(i: int):
            value = self._rows[i][column]
            # Numbers before texts, so a column of counts sorts numerically; digits inside texts
            # as numbers, so 第9村 comes before 第10村.
            if isinstance(value, (int, float)):
                return (0, value, ())
            return (1, 0, natural_key("" if value is None else str(value)))

        order_idx = sorted(range(len(self._rows)), key=sort_key,
                           reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self._rows = [self._rows[i] for i in order_idx]
        self._keys = [self._keys[i] for i in order_idx]
        self._warn = [self._warn[i] for i in order_idx]
        self.layoutChanged.emit()


def make_table_view(model: RowsTableModel, parent=None, *, empty=None):
    """A sortable, row-selecting, read-only view over ``model``; ``empty`` (text or a callable) is what
    it says while it lists nothing (``gui/empty_hint.py``)."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    from dj_desktop.gui.empty_hint import empty_hint

    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    # Rows arrive in the service's order (newest or worst first); the arrow appears once the user sorts.
    header = view.horizontalHeader()
    header.setSortIndicatorShown(False)
    header.sectionClicked.connect(lambda _section: header.setSortIndicatorShown(True))
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # Columns as wide as their contents (device fingerprints must show whole), measured on the
    # first rows only so that thousands of branches fill at once; long texts are cut at a width
    # (their tooltip shows them whole).
    header.setResizeContentsPrecision(100)
    model.modelReset.connect(lambda: fit_columns(view))
    if empty is not None:
        empty_hint(view, empty)
    return view


#: The widest a column grows to fit its contents, in pixels.
MAX_COLUMN_WIDTH = 360


def fit_columns(view) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for section in range(header.count() - 1):      # the last one stretches
        header.resizeSection(section, min(header.sectionSize(section), MAX_COLUMN_WIDTH))


def selected_key(view) -> Any:
    """The hidden key of the view's current row, or ``None``."""
    index = view.currentIndex()
    return None if not index.isValid() else view.model().data(index, KEY_ROLE)
