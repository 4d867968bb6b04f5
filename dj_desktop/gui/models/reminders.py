"""Table model of the reminders on the dashboard (首页): overdue in red, due soon in amber.

State: ``_rows`` holds the :class:`Reminder` values the service returned, in its order
(overdue first, then by due date); ``_month`` optionally narrows them to one due month.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dj_desktop.core.i18n import N_, _
from dj_desktop.gui.models.base import HeadedTableModel

if TYPE_CHECKING:
    from dj_desktop.core.rules.cadence import Reminder  # the runtime import waits for the first refresh

COL_STATUS, COL_DUE, COL_BRANCH, COL_KIND, COL_SUBJECT, COL_MESSAGE = range(6)
HEADERS = (N_("Status"), N_("Due"), N_("Branch"), N_("Reminder"), N_("Subject"), N_("What to do"))

STATUS_LABELS = {"overdue": N_("Overdue"), "due": N_("Due soon")}

#: Role returning the :class:`Reminder` of a row.
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 1

_BRUSHES = {"overdue": QBrush(QColor("#b00020")), "due": QBrush(QColor("#9a6700"))}


class ReminderTableModel(HeadedTableModel):
    def __init__(self, kind_labels: Mapping[str, str] | Callable[[], Mapping[str, str]], parent=None):
        """``kind_labels``: ``{reminder kind: translated label}`` from the book registry, or a function
        giving it, called when the first row is shown (the registry then loads after the window shows)."""
        super().__init__(HEADERS, parent)
        self._labels_source = kind_labels
        self._labels: dict[str, str] | None = None
        self._all: list[Reminder] = []
        self._rows: list[Reminder] = []
        self._month: tuple[int, int] | None = None

    def set_reminders(self, reminders: Sequence[Reminder]) -> None:
        self.beginResetModel()
        self._all = list(reminders)
        self._apply_filter()
        self.endResetModel()

    def set_month(self, month: tuple[int, int] | None) -> None:
        """Show only reminders due in ``(year, month)``; ``None`` shows all."""
        self.beginResetModel()
        self._month = month
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        if self._month is None:
            self._rows = list(self._all)
        else:
            self._rows = [r for r in self._all if (r.due.year, r.due.month) == self._month]

    def _kind_labels(self) -> dict[str, str]:
        if self._labels is None:
            source = self._labels_source
            self._labels = dict(source() if callable(source) else source)
        return self._labels

    def reminder(self, row: int) -> Reminder:
        return self._rows[row]

    def reminders(self) -> list[Reminder]:
        return list(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_STATUS:
                return _(STATUS_LABELS.get(r.status, r.status))
            if col == COL_DUE:
                return r.due.isoformat()
            if col == COL_BRANCH:
                return r.branch_name
            if col == COL_KIND:
                return self._kind_labels().get(r.kind, r.kind)
            if col == COL_SUBJECT:
                return r.subject
            return r.message
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.message
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_STATUS, COL_DUE):
            return _BRUSHES.get(r.status)
        if role == REMINDER_ROLE:
            return r
        return None
