"""Add or edit one record of the Party-group manual's books (study session, duty area, post, a
co-managed member's card) through the generic record service; the book's checks speak in the banner."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit,
    QSpinBox, QVBoxLayout, QWidget,
)

from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.group_manual import ASSESSMENTS, CARD_KINDS
from dj_desktop.gui.dialogs.record_widgets import ErrorBanner, fill_member_combo, mark_fields, save_cancel_buttons


@dataclass(frozen=True)
class Field:
    key: str
    label: str          # N_ string
    kind: str           # text, long, date, end_date, member, hours, count, assessment


FIELDS: dict[str, tuple[Field, ...]] = {
    "group_study": (Field("held_on", N_("Date"), "date"), Field("topic", N_("Study topic"), "text"),
                    Field("leader_id", N_("Led by"), "member"), Field("hours", N_("Study hours"), "hours"),
                    Field("attendees", N_("Present"), "count"), Field("place", N_("Place"), "text"),
                    Field("notes", N_("Notes"), "long")),
    "duty_areas": (Field("name", N_("Duty area"), "text"), Field("member_id", N_("Responsible member"), "member"),
                   Field("scope", N_("Buildings and households"), "long"), Field("duties", N_("Duties"), "long"),
                   Field("started_on", N_("From"), "date"), Field("ended_on", N_("Until"), "end_date")),
    "group_posts": (Field("post", N_("Post"), "text"), Field("member_id", N_("Held by"), "member"),
                    Field("duties", N_("Duties"), "long"), Field("started_on", N_("Since"), "date"),
                    Field("ended_on", N_("Until"), "end_date")),
}
_CARD_FIELDS = {
    "registration": (Field("member_id", N_("Member"), "member"), Field("on", N_("Date"), "date"),
                     Field("home_unit", N_("Home organisation"), "text"),
                     Field("home_contact", N_("Contact at the home organisation"), "text"),
                     Field("content", N_("Service the member offers"), "long")),
    "activity": (Field("member_id", N_("Member"), "member"), Field("on", N_("Date"), "date"),
                 Field("home_unit", N_("Home organisation"), "text"), Field("content", N_("Activity"), "long"),
                 Field("hours", N_("Hours"), "hours")),
    "feedback": (Field("member_id", N_("Member"), "member"), Field("on", N_("Date"), "date"),
                 Field("home_unit", N_("Addressed to (home organisation)"), "text"),
                 Field("home_contact", N_("Contact at the home organisation"), "text"),
                 Field("assessment", N_("Assessment"), "assessment"), Field("content", N_("Feedback"), "long")),
}


def fields_for(book: str, card: str | None = None) -> tuple[Field, ...]:
    return _CARD_FIELDS[card or "registration"] if book == "co_managed_cards" else FIELDS[book]


class GroupRecordDialog(QDialog):
    """``record_id`` edits a record; otherwise a new one of ``book`` in ``group_id`` (``card`` for cards).
    ``people`` are the members to choose from; ``preset`` fills fields of a new record."""

    def __init__(self, services: Services, *, book: str, branch_id: uuid.UUID, group_id: uuid.UUID,
                 people: Sequence[tuple[uuid.UUID, str]], record_id: uuid.UUID | None = None,
                 card: str | None = None, preset: dict[str, Any] | None = None, today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.book, self.record_id = services, book, record_id
        self.base = {"branch_id": branch_id, "group_id": group_id}
        values: dict[str, Any] = dict(preset or {})
        if record_id is not None:
            values = dict(services.records.get(book, record_id).values)
            card = values.get("card", card)
        self.card = card
        if book == "co_managed_cards":
            self.base["card"] = card
        self.today = today or date.today()
        self.saved = None
        self.banner = ErrorBanner(self)
        self.widgets: dict[str, QWidget] = {}
        self.ended: QCheckBox | None = None
        form = QFormLayout()
        for f in fields_for(book, card):
            widget = self._widget(f, values.get(f.key), people)
            form.addRow(_(f.label), widget if f.kind != "end_date" else self._end_row(widget, values.get(f.key)))
        title = _(CARD_KINDS[card]) if book == "co_managed_cards" else services.records.book(book).noun
        self.setWindowTitle((_("Edit: {what}") if record_id else _("New: {what}")).format(what=title))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form, 1)
        layout.addWidget(save_cancel_buttons(self, on_save=self.save))
        self.resize(520, 420)

    def _widget(self, f: Field, value: Any, people) -> QWidget:
        if f.kind in ("date", "end_date"):
            w = QDateEdit(QDate(value if isinstance(value, date) else self.today), self)
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        elif f.kind == "member":
            w = QComboBox(self)
            fill_member_combo(w, people, selected=value, missing_label=_("(not in the group)"))
        elif f.kind == "hours":
            w = QDoubleSpinBox(self)
            w.setRange(0, 24)
            w.setSingleStep(0.5)
            w.setValue(float(value or 0))
        elif f.kind == "count":
            w = QSpinBox(self)
            w.setRange(0, 9999)
            w.setValue(int(value or 0))
        elif f.kind == "assessment":
            w = QComboBox(self)
            w.addItem("", "")
            for code, text in vocab.choices(ASSESSMENTS):
                w.addItem(text, code)
            w.setCurrentIndex(max(0, w.findData(value or "")))
        elif f.kind == "long":
            w = QPlainTextEdit(self)
            w.setPlainText(value or "")
            w.setFixedHeight(70)
        else:
            w = QLineEdit(self)
            w.setText(value or "")
        self.widgets[f.key] = w
        return w

    def _end_row(self, edit: QWidget, value: Any) -> QWidget:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.ended = QCheckBox(_("Ended on"), row)
        self.ended.setChecked(isinstance(value, date))
        edit.setEnabled(self.ended.isChecked())
        self.ended.toggled.connect(edit.setEnabled)
        box.addWidget(self.ended)
        box.addWidget(edit, 1)
        return row

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.base)
        for f in fields_for(self.book, self.card):
            w = self.widgets[f.key]
            if f.kind == "end_date":
                out[f.key] = w.date().toPython() if self.ended and self.ended.isChecked() else None
            elif f.kind == "date":
                out[f.key] = w.date().toPython()
            elif f.kind in ("member", "assessment"):
                out[f.key] = w.currentData()
            elif f.kind == "hours":
                out[f.key] = float(w.value())
            elif f.kind == "count":
                out[f.key] = int(w.value())
            elif f.kind == "long":
                out[f.key] = w.toPlainText().strip()
            else:
                out[f.key] = w.text().strip()
        return out

    def save(self) -> bool:
        try:
            if self.record_id is None:
                self.saved = self.services.records.create(self.book, self.values())
                self.record_id = self.saved.id
            else:
                self.saved = self.services.records.update(self.book, self.record_id, self.values())
        except UserError as exc:
            self.banner.show_error(exc)
            mark_fields(self.widgets, exc)
            return False
        self.accept()
        return True
