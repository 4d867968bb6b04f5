"""The roster table (党员花名册): a table model of tuples and a fast filter-as-you-type proxy.

State of :class:`RosterTableModel`:

- ``_rows``: one tuple per member, the display texts in column order followed by
  the hidden fields (member id, category code, status code); see :func:`make_row`.
- ``search_keys``: one lowercase string per row (name, ID number, phone, group),
  computed once in :meth:`set_rows`, so filtering never calls ``data()``.
- ``rows_replaced``: emitted while the rows change (inside the reset or layout
  change), so the filter model recomputes which rows pass before Qt asks it.

Sorting happens on the source rows in Python (one ``sorted`` over tuples) instead of
through ``QSortFilterProxyModel.lessThan``, which would call back into Python for
every comparison and is far too slow at 10,000 members.
"""

from __future__ import annotations

import uuid
from typing import Any, Sequence

from PySide6.QtCore import (
    QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from dj_desktop.core.i18n import N_, _

COL_NAME, COL_GENDER, COL_BIRTH, COL_ID_NUMBER, COL_PHONE, COL_GROUP, \
    COL_TYPE, COL_CATEGORY, COL_STATUS, COL_JOINED = range(10)
COLUMN_COUNT = 10

HEADERS = (
    N_("Name"), N_("Gender"), N_("Birth date"), N_("ID number"), N_("Phone"), N_("Party group"),
    N_("Member type"), N_("Category"), N_("Status"), N_("Joined the Party on"),
)

#: Positions of the hidden fields after the display columns.
FIELD_MEMBER_ID, FIELD_CATEGORY, FIELD_STATUS, FIELD_GROUP_ID, FIELD_TYPE = range(COLUMN_COUNT, COLUMN_COUNT + 5)

#: Role returning the member's UUID for any cell.
MEMBER_ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1

_INACTIVE_BRUSH = QBrush(QColor("#8a8a8a"))
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_MEMBER_ID = int(Qt.ItemDataRole.UserRole.value) + 1

RosterRow = tuple

#: The group filter's value for members in no Party group (their row holds None there).
NO_GROUP = object()


def make_row(member_id: uuid.UUID, *, name: str, gender: str, birth_date: str, id_number: str,
             phone: str, group: str, member_type: str, category_label: str, status_label: str,
             joined_on: str, category: str, status: str, group_id: uuid.UUID | None = None,
             member_type_code: str = "") -> RosterRow:
    """One roster row: display texts (already translated) then the hidden codes."""
    return (name, gender, birth_date, id_number, phone, group, member_type, category_label,
            status_label, joined_on, member_id, category, status, group_id, member_type_code)


def search_key(row: RosterRow) -> str:
    return "\x1f".join((row[COL_NAME], row[COL_ID_NUMBER], row[COL_PHONE], row[COL_GROUP])).lower()


class RosterTableModel(QAbstractTableModel):
    rows_replaced = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._loaded: list[RosterRow] = []   # the order the service gave, for "unsorted"
        self.search_keys: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- loading -----------------------------------------------------------------
    def set_rows(self, rows: Sequence[RosterRow]) -> None:
        self.beginResetModel()
        self._loaded = list(rows)
        self._rows = list(self._loaded)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self.search_keys = [search_key(r) for r in self._rows]
        self.rows_replaced.emit()

    @property
    def rows(self) -> list[RosterRow]:
        return self._rows

    def row_tuple(self, row: int) -> RosterRow:
        return self._rows[row]

    def member_id(self, row: int) -> uuid.UUID:
        return self._rows[row][FIELD_MEMBER_ID]

    def row_of_member(self, member_id: uuid.UUID) -> int | None:
        for i, r in enumerate(self._rows):
            if r[FIELD_MEMBER_ID] == member_id:
                return i
        return None

    # -- Qt model interface --------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called several times per visible cell on every repaint: roles are compared as plain
        # ints and the index is trusted (views only ask for valid ones).
        if role == _DISPLAY:
            return self._rows[index.row()][index.column()]
        if role == _FOREGROUND:
            return _INACTIVE_BRUSH if self._rows[index.row()][FIELD_STATUS] != "active" else None
        if role == _MEMBER_ID:
            return self._rows[index.row()][FIELD_MEMBER_ID]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        if 0 <= column < COLUMN_COUNT:
            self._sort = (column, order)
            self._sort_rows(column, order)
        else:  # no sort column: back to the order the rows were loaded in
            self._sort = None
            self._rows = list(self._loaded)
        self._reindex()
        # Rows moved: every persistent index is simply dropped (selection resets).
        self.changePersistentIndexList(self.persistentIndexList(),
                                       [QModelIndex()] * len(self.persistentIndexList()))
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        # Ties keep name order, so sorting by group lists each group alphabetically.
        self._rows.sort(key=lambda r: (r[column], r[COL_NAME]),
                        reverse=order == Qt.SortOrder.DescendingOrder)


class RosterFilterProxy(QAbstractTableModel):
    """The rows of a :class:`RosterTableModel` that pass filter-as-you-type over name / ID
    number / phone / group, plus the category, status, Party group and member type filters.

    Whitespace separates words that must all occur. Which rows pass is computed in one
    Python pass over the source's precomputed ``search_keys``; the model then only holds
    ``_visible`` (source row numbers) and is reset. This replaces a
    ``QSortFilterProxyModel``, which calls back into Python once per member on every
    keystroke and rebuilds its mapping: at 10,000 members that alone used most of the
    50 ms a keystroke may take.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._source: RosterTableModel | None = None
        self._words: tuple[str, ...] = ()
        #: Field position → the code a row must have there (category, status, group, type).
        self._codes: dict[int, object] = {}
        self._mask: list[bool] | None = None   # the codes' test per row; None: no such filter
        self._visible: list[int] = []

    def setSourceModel(self, source: RosterTableModel) -> None:  # noqa: N802 (Qt name)
        self._source = source
        source.rows_replaced.connect(self._rows_replaced)
        self._rows_replaced()

    def sourceModel(self) -> RosterTableModel | None:  # noqa: N802 (Qt name)
        return self._source

    def set_text(self, text: str) -> None:
        words = tuple(text.lower().split())
        if words != self._words:
            self._words = words
            self._refilter(codes_changed=False)

    def set_category(self, category: str | None) -> None:
        self._set_code(FIELD_CATEGORY, category)

    def set_status(self, status: str | None) -> None:
        self._set_code(FIELD_STATUS, status)

    def set_group(self, group: object) -> None:
        """A group's id, :data:`NO_GROUP` for members in no group, or None for every group."""
        self._set_code(FIELD_GROUP_ID, group)

    def set_member_type(self, member_type: str | None) -> None:
        """"full" (正式), "probationary" (预备) or None for both."""
        self._set_code(FIELD_TYPE, member_type)

    def _set_code(self, field: int, value: object) -> None:
        if self._codes.get(field) == value:
            return
        if value is None:
            self._codes.pop(field, None)
        else:
            self._codes[field] = value
        self._refilter(codes_changed=True)

    def _rows_replaced(self) -> None:
        self._refilter(codes_changed=True)

    def _refilter(self, *, codes_changed: bool) -> None:
        self.beginResetModel()
        self._visible = self._compute(codes_changed=codes_changed)
        self.endResetModel()

    def _compute(self, *, codes_changed: bool) -> list[int]:
        source = self._source
        if source is None:
            return []
        if codes_changed:
            # NO_GROUP stands for the None a row holds when the member is in no group.
            codes = [(field, None if value is NO_GROUP else value) for field, value in self._codes.items()]
            if not codes:
                self._mask = None
            elif len(codes) == 1:
                (field, value), = codes
                self._mask = [r[field] == value for r in source.rows]
            else:
                self._mask = [all(r[field] == value for field, value in codes) for r in source.rows]
        keys, mask, words = source.search_keys, self._mask, self._words
        if not words:
            return list(range(len(keys))) if mask is None else [i for i, m in enumerate(mask) if m]
        if len(words) == 1:
            word = words[0]
            if mask is None:
                return [i for i, k in enumerate(keys) if word in k]
            return [i for i, k in enumerate(keys) if mask[i] and word in k]
        return [i for i, k in enumerate(keys) if (mask is None or mask[i]) and all(w in k for w in words)]

    # -- Qt model interface --------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and self._source is not None:
            return self._source.headerData(section, orientation, role)
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._source.rows[self._visible[index.row()]]
        if role == _DISPLAY:
            return row[index.column()]
        if role == _FOREGROUND:
            return _INACTIVE_BRUSH if row[FIELD_STATUS] != "active" else None
        if role == _MEMBER_ID:
            return row[FIELD_MEMBER_ID]
        return None

    def multiData(self, index: QModelIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802, N803
        # The view's delegate asks for ~7 roles per visible cell in one call; answering them all
        # here costs one Python call per cell instead of one per role.
        row = self._source.rows[self._visible[index.row()]]
        for role_data in roleDataSpan:
            role = role_data.role()
            if role == _DISPLAY:
                role_data.setData(row[index.column()])
            elif role == _FOREGROUND and row[FIELD_STATUS] != "active":
                role_data.setData(_INACTIVE_BRUSH)
            elif role == _MEMBER_ID:
                role_data.setData(row[FIELD_MEMBER_ID])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts its tuples in Python and announces the new order (rows_replaced).
        if self._source is not None:
            self._source.sort(column, order)

    def mapToSource(self, index: QModelIndex) -> QModelIndex:  # noqa: N802 (Qt name)
        if not index.isValid():
            return QModelIndex()
        return self._source.index(self._visible[index.row()], index.column())

    def member_id(self, proxy_row: int) -> uuid.UUID:
        return self._source.rows[self._visible[proxy_row]][FIELD_MEMBER_ID]
