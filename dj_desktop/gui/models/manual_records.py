"""Table model of the branch manual tab: meetings, talks, plans and summaries of one year, in date order.

State: ``_rows`` holds one :class:`ManualRow` per record (built by the ``row_from_*``
functions from what the services return); the model never fetches anything itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services.meeting_records import MeetingSummary, PlanRecord, TalkRecord
from dj_desktop.gui.models.base import HeadedTableModel

COL_DATE, COL_KIND, COL_TITLE, COL_ATTENDANCE, COL_QUORUM, COL_FILES = range(6)
HEADERS = (N_("Date"), N_("Kind"), N_("Subject"), N_("Attendance"), N_("Quorum"), N_("Attachments"))

#: What a row is; decides which dialog edits it and which service deletes it.
#: Record types are the keys of the books in the registry.
MEETING, TALK, PLAN = "meetings", "talks", "plans"

_RED = QBrush(QColor("#b00020"))
_GREY = QBrush(QColor("#8a8a8a"))


@dataclass(frozen=True)
class ManualRow:
    record_type: str
    id: uuid.UUID
    day: date | None
    kind: str            # meeting kind, "talk", or the plan kind
    kind_label: str
    title: str
    attendance: str = ""
    quorum_met: bool | None = None
    attachments: int = 0
    deleted: bool = False
    year: int = 0


def row_from_meeting(m: MeetingSummary, group_names: dict | None = None) -> ManualRow:
    """A group meeting shows its 党小组 in the kind column (第一党小组 · 党小组会)."""
    group = (group_names or {}).get(m.group_id) if m.group_id else None
    kind_label = _("{group} · {kind}").format(group=group, kind=m.kind_label) if group else m.kind_label
    return ManualRow(MEETING, m.id, m.held_on, m.kind, kind_label, m.title,
                     attendance=_("{present}/{expected}").format(present=m.present, expected=m.expected),
                     quorum_met=m.quorum_met, attachments=m.attachment_count, deleted=m.deleted,
                     year=m.held_on.year)


def row_from_talk(t: TalkRecord) -> ManualRow:
    title = _("{talker} with {talkee}: {topic}").format(talker=t.talker_name, talkee=t.talkee_name,
                                                       topic=t.topic)
    return ManualRow(TALK, t.id, t.held_on, "talk", _("Heart-to-heart talk"), title, deleted=t.deleted,
                     year=t.held_on.year)


def row_from_plan(p: PlanRecord) -> ManualRow:
    return ManualRow(PLAN, p.id, p.adopted_on, p.kind, p.kind_label, p.title or p.kind_label, year=p.year)


class ManualRecordModel(HeadedTableModel):
    def __init__(self, parent=None):
        super().__init__(HEADERS, parent)
        self._rows: list[ManualRow] = []

    def set_rows(self, rows: Sequence[ManualRow]) -> None:
        self.beginResetModel()
        # Plans have no date until adopted: they sort to the top of their year.
        self._rows = sorted(rows, key=lambda r: (r.day or date(r.year or 1, 1, 1), r.record_type != PLAN))
        self.endResetModel()

    def row(self, index: int) -> ManualRow:
        return self._rows[index]

    def rows(self) -> list[ManualRow]:
        return list(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DATE:
                return r.day.isoformat() if r.day else str(r.year)
            if col == COL_KIND:
                return r.kind_label
            if col == COL_TITLE:
                return r.title
            if col == COL_ATTENDANCE:
                return r.attendance
            if col == COL_QUORUM:
                if r.quorum_met is None:
                    return ""
                return _("Met") if r.quorum_met else _("NOT met")
            if col == COL_FILES:
                return str(r.attachments) if r.attachments else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.deleted:
                return _GREY
            if col == COL_QUORUM and r.quorum_met is False:
                return _RED
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_QUORUM and r.quorum_met is False:
            return _("Fewer than the required number were present: the decisions of this meeting are not valid.")
        return None
