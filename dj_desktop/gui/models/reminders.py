"""Table model of the reminders on the dashboard (首页): overdue in red, due soon in amber.

State: ``_rows`` holds the :class:`Reminder` values the service returned, in its order
(overdue first, then by due date); ``_month`` optionally narrows them to one due month.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS
from dj_desktop.core.rules.cadence import Reminder
from dj_desktop.gui.models.base import HeadedTableModel

COL_STATUS, COL_DUE, COL_BRANCH, COL_KIND, COL_SUBJECT, COL_MESSAGE = range(6)
HEADERS = (N_("Status"), N_("Due"), N_("Branch"), N_("Reminder"), N_("Subject"), N_("What to do"))

#: Reminder kinds that are not meeting kinds.
OTHER_KINDS = {
    "secretary_lesson": N_("Secretary's Party lesson"),
    "talks": N_("Heart-to-heart talk"),
    "study_hours": N_("Study hours"),
    "political_birthday": N_("Political birthday"),
    "term_ending": N_("Committee term ending"),
}
STATUS_LABELS = {"overdue": N_("Overdue"), "due": N_("Due soon")}

#: Role returning the :class:`Reminder` of a row.
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 1

_BRUSHES = {"overdue": QBrush(QColor("#b00020")), "due": QBrush(QColor("#9a6700"))}


def kind_label(kind: str) -> str:
    label = MEETING_KINDS.get(kind) or OTHER_KINDS.get(kind)
    return _(label) if label else kind


class ReminderTableModel(HeadedTableModel):
    def __init__(self, parent=None):
        super().__init__(HEADERS, parent)
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
                return kind_label(r.kind)
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
