"""The change history of one meeting record (who changed what, when, and the reason given)."""

from __future__ import annotations

from datetime import timezone

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services.records import HistoryEntry
from dj_desktop.core.vocabularies.history import HISTORY_ACTIONS
from dj_desktop.gui.empty_hint import empty_hint


#: Meeting fields as the dialog labels them; others are shown by their name.
FIELD_LABELS = {
    "kind": N_("Kind"), "held_on": N_("Date"), "starts_at": N_("Starts at"), "ends_at": N_("Ends at"),
    "place": N_("Place"), "host_id": N_("Host"), "recorder_id": N_("Recorder"), "lecturer_id": N_("Lecturer"),
    "lecturer_name": N_("Lecturer"), "lesson_title": N_("Lesson title"), "theme": N_("Theme / subject"),
    "group_id": N_("Party group"), "minutes": N_("Minutes"), "study_hours": N_("Study hours"),
    "notes": N_("Notes"), "deleted": N_("Deleted"),
}
HEADERS = (N_("When"), N_("What happened"), N_("Fields changed"), N_("Reason"))
_SHORT = 40


def describe_changes(changes: dict) -> str:
    """``place: 会议室 → 活动室; minutes: …`` with long texts shortened."""
    parts = []
    for field, values in changes.items():
        label = _(FIELD_LABELS[field]) if field in FIELD_LABELS else field
        if field.endswith("_id") or field in ("minutes", "deleted"):
            parts.append(label)  # ids and long texts say nothing useful in a one-line summary
            continue
        old, new = (values + [None, None])[:2] if isinstance(values, list) else (None, values)
        parts.append(f"{label}: {_shorten(old)} → {_shorten(new)}")
    return "; ".join(parts)


def _shorten(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


class RecordHistoryDialog(QDialog):
    def __init__(self, entries: list[HistoryEntry], *, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("History of {record}").format(record=title))
        self.resize(860, 420)
        self.table = QTableWidget(len(entries), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([_(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        empty_hint(self.table, _("No changes recorded for this record."))
        for row, entry in enumerate(entries):
            # Stored times are UTC; show the computer's local time.
            when = entry.at.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
            values = (when, _(HISTORY_ACTIONS.get(entry.action, entry.action)),
                      describe_changes(entry.changes) if entry.action == "update" else "", entry.reason)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
