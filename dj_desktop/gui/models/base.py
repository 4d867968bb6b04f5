"""What the flat table models share: a list of rows under fixed, translated column titles."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from dj_desktop.core.i18n import _


class HeadedTableModel(QAbstractTableModel):
    """``_rows`` holds one item per row; ``headers`` are untranslated (``N_``) column titles,
    translated when shown. Subclasses provide ``data`` and fill ``_rows``."""

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self._headers[section])
        return None
