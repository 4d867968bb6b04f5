"""Forms of the practice archive and the pledges: one practice activity, one member's yearly pledge
with its mid-year and year-end reviews. Both save through the generic record service."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDoubleSpinBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.points import PLEDGE_STATUSES, PRACTICE_KINDS
from dj_desktop.gui.dialogs.record_widgets import FormDialog, fill_member_combo


def _date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _hours(parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(0, 744)
    box.setDecimals(1)
    return box


class _RecordDialog(FormDialog):
    """A record of one book saved through the generic record service (create, or update when it exists);
    subclasses give ``values()``. The banner, field marks and save/cancel are ``FormDialog``'s."""

    book = ""

    def __init__(self, services: Services, *, branch_id: uuid.UUID, record_id: uuid.UUID | None,
                 preset: dict | None, today: date | None, parent: QWidget | None):
        super().__init__(parent)
        today = today or date.today()
        self.services, self.branch_id, self.record_id, self.today = services, branch_id, record_id, today
        #: The saved record's values, or the preset of a new one (a reminder's, e.g. the member).
        self.initial = (dict(services.records.get(self.book, record_id).values) if record_id is not None
                        else dict(preset or {}))
        self.member_box = QComboBox(self)
        self._people = [(m.id, m.name) for m in services.members.members_on(branch_id, today)]

    def _finish(self) -> None:
        self.finish()

    def values(self) -> dict:
        raise NotImplementedError

    def write(self) -> uuid.UUID:
        values = self.values()
        if self.record_id is None:
            self.record_id = self.services.records.create(self.book, values, today=self.today).id
        else:
            self.services.records.update(self.book, self.record_id, values, today=self.today)
        return self.record_id


class PracticeDialog(_RecordDialog):
    """A new practice activity (``preset`` may name the member and the kind), or an existing one."""

    book = "practice"

    def __init__(self, services: Services, *, branch_id: uuid.UUID, record_id: uuid.UUID | None = None,
                 preset: dict | None = None, today: date | None = None, parent: QWidget | None = None):
        super().__init__(services, branch_id=branch_id, record_id=record_id, preset=preset, today=today,
                         parent=parent)
        today, values = self.today, self.initial
        self.setWindowTitle(_("Practice activity"))
        self.date_edit = _date_edit(self, values.get("done_on") or today)
        self.kind_box = QComboBox(self)
        for code, label in PRACTICE_KINDS.items():
            self.kind_box.addItem(_(label), code)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(values.get("kind", "volunteer"))))
        self.title_edit = QLineEdit(values.get("title", ""), self)
        self.title_edit.setPlaceholderText(_("e.g. cleaned up the neighbourhood, studied the Party constitution"))
        self.service_box, self.study_box = _hours(self), _hours(self)
        self.service_box.setValue(values.get("service_hours") or 0)
        self.study_box.setValue(values.get("study_hours") or 0)
        fill_member_combo(self.member_box, self._people, selected=values.get("member_id"))
        for label, widget, key in ((_("Member"), self.member_box, "member_id"), (_("Date"), self.date_edit, "done_on"),
                                   (_("Kind"), self.kind_box, "kind"), (_("Activity"), self.title_edit, "title"),
                                   (_("Service hours"), self.service_box, "service_hours"),
                                   (_("Study hours"), self.study_box, "study_hours")):
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self._finish()

    def values(self) -> dict:
        return {"branch_id": self.branch_id, "member_id": self.member_box.currentData(),
                "done_on": self.date_edit.date().toPython(), "kind": self.kind_box.currentData(),
                "title": self.title_edit.text().strip(), "service_hours": self.service_box.value(),
                "study_hours": self.study_box.value()}


class PledgeDialog(_RecordDialog):
    """A member's pledge for a year: items, the day made public, the mid-year and year-end reviews."""

    book = "pledges"

    def __init__(self, services: Services, *, branch_id: uuid.UUID, record_id: uuid.UUID | None = None,
                 preset: dict | None = None, today: date | None = None, parent: QWidget | None = None):
        super().__init__(services, branch_id=branch_id, record_id=record_id, preset=preset, today=today,
                         parent=parent)
        today, values = self.today, self.initial
        self.setWindowTitle(_("Pledge"))
        fill_member_combo(self.member_box, self._people, selected=values.get("member_id"))
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, today.year + 1)
        self.year_box.setValue(values.get("year") or today.year)
        self.items_edit = QPlainTextEdit(values.get("items", ""), self)
        self.dates: dict[str, QLineEdit] = {}
        self.statuses: dict[str, QComboBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        rows = [(_("Member"), self.member_box, "member_id"), (_("Year"), self.year_box, "year"),
                (_("Pledge items"), self.items_edit, "items")]
        for key, label in (("published_on", _("Made public on")), ("mid_review_on", _("Mid-year review")),
                           ("end_review_on", _("Year-end review"))):
            edit = QLineEdit(values[key].isoformat() if values.get(key) else "", self)
            edit.setPlaceholderText("YYYY-MM-DD")
            self.dates[key] = edit
            rows.append((label, edit, key))
            if key != "published_on":
                stage = key.split("_")[0]
                status = QComboBox(self)
                status.addItem("", "")
                for code, text in PLEDGE_STATUSES.items():
                    status.addItem(_(text), code)
                status.setCurrentIndex(max(0, status.findData(values.get(f"{stage}_status", ""))))
                comment = QLineEdit(values.get(f"{stage}_comment", ""), self)
                self.statuses[stage], self.comments[stage] = status, comment
                rows += [(_("Fulfilment"), status, f"{stage}_status"), (_("Comment"), comment, f"{stage}_comment")]
        for label, widget, key in rows:
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self._finish()

    def values(self) -> dict:
        out = {"branch_id": self.branch_id, "member_id": self.member_box.currentData(), "year": self.year_box.value(),
               "items": self.items_edit.toPlainText().strip()}
        problems = {}
        for key, edit in self.dates.items():
            text = edit.text().strip()
            try:
                out[key] = date.fromisoformat(text) if text else None
            except ValueError:
                problems[key] = _("Enter the date as YYYY-MM-DD (e.g. 2026-03-01), or leave it empty.")
        for stage in ("mid", "end"):
            out[f"{stage}_status"] = self.statuses[stage].currentData() or ""
            out[f"{stage}_comment"] = self.comments[stage].text().strip()
        if problems:
            raise ValidationError(problems)
        return out
