"""Forms of the appraisal and care archives: a member's appraisal of a year, a care-ledger entry, a visit.
All save through the generic record service (the book's rules check them)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.appraisal_care import CARE_CATEGORIES, GRADES, OCCASIONS, VOTE_FIELDS
from dj_desktop.gui.dialogs.points_dialogs import _date_edit, _RecordDialog
from dj_desktop.gui.dialogs.record_widgets import fill_member_combo


def _combo(parent: QWidget, table: dict, current: str, *, blank: str | None = None) -> QComboBox:
    box = QComboBox(parent)
    if blank is not None:
        box.addItem(blank, "")
    for code, label in table.items():
        box.addItem(_(label), code)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def _optional_date(edit: QLineEdit, key: str, problems: dict) -> date | None:
    text = edit.text().strip()
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        problems[key] = _("Enter the date as YYYY-MM-DD (e.g. 2026-03-01), or leave it empty.")
        return None


def _date_line(parent: QWidget, value: date | None) -> QLineEdit:
    edit = QLineEdit(value.isoformat() if value else "", parent)
    edit.setPlaceholderText("YYYY-MM-DD")
    return edit


class _Dialog(_RecordDialog):
    def __init__(self, services: Services, *, branch_id: uuid.UUID, record_id: uuid.UUID | None = None,
                 preset: dict | None = None, today: date | None = None, parent: QWidget | None = None):
        super().__init__(services, branch_id=branch_id, record_id=record_id, preset=preset, today=today,
                         parent=parent)
        fill_member_combo(self.member_box, self._people, selected=self.initial.get("member_id"))

    def _rows(self, rows) -> None:
        for label, widget, key in rows:
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self._finish()


class AppraisalDialog(_Dialog):
    """A member's democratic appraisal of a year; probationary members leave the grade empty."""

    book = "appraisals"

    def __init__(self, services: Services, **kwargs):
        super().__init__(services, **kwargs)
        v = self.initial
        self.setWindowTitle(_("Democratic appraisal"))
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, self.today.year)
        self.year_box.setValue(v.get("year") or self.today.year)
        self.date_edit = _date_line(self, v.get("appraised_on") or self.today)
        self.self_edit = QPlainTextEdit(v.get("self_assessment", ""), self)
        self.votes: dict[str, QSpinBox] = {}
        rows = [(_("Member"), self.member_box, "member_id"), (_("Year"), self.year_box, "year"),
                (_("Appraised on"), self.date_edit, "appraised_on"),
                (_("Self-assessment"), self.self_edit, "self_assessment")]
        for grade, field in VOTE_FIELDS.items():
            box = QSpinBox(self)
            box.setRange(0, 10000)
            box.setValue(v.get(field) or 0)
            self.votes[field] = box
            rows.append((_("Votes: {grade}").format(grade=_(GRADES[grade])), box, field))
        self.grade_box = _combo(self, GRADES, v.get("grade", ""), blank=_("(probationary: not graded)"))
        self.talk_edit = _date_line(self, v.get("talk_on"))
        self.plan_edit = QLineEdit(v.get("improvement_plan", ""), self)
        self.outcome_edit = QLineEdit(v.get("outcome", ""), self)
        rows += [(_("Grade"), self.grade_box, "grade"), (_("Follow-up talk"), self.talk_edit, "talk_on"),
                 (_("Improvement plan"), self.plan_edit, "improvement_plan"),
                 (_("Outcome"), self.outcome_edit, "outcome")]
        self._rows(rows)

    def values(self) -> dict:
        problems: dict[str, str] = {}
        out = {"branch_id": self.branch_id, "member_id": self.member_box.currentData(), "year": self.year_box.value(),
               "appraised_on": _optional_date(self.date_edit, "appraised_on", problems),
               "self_assessment": self.self_edit.toPlainText().strip(), "grade": self.grade_box.currentData(),
               "talk_on": _optional_date(self.talk_edit, "talk_on", problems),
               "improvement_plan": self.plan_edit.text().strip(), "outcome": self.outcome_edit.text().strip(),
               **{field: box.value() for field, box in self.votes.items()}}
        if problems:
            raise ValidationError(problems)
        return out


class CareMemberDialog(_Dialog):
    """A member put on (or taken off) the ledger of elderly, ill and hardship members."""

    book = "care_members"

    def __init__(self, services: Services, **kwargs):
        super().__init__(services, **kwargs)
        v = self.initial
        self.setWindowTitle(_("Care ledger"))
        self.category_box = _combo(self, CARE_CATEGORIES, v.get("category", "elderly"))
        self.situation_edit = QPlainTextEdit(v.get("situation", ""), self)
        self.listed_edit = _date_edit(self, v.get("listed_on") or self.today)
        self.removed_edit = _date_line(self, v.get("removed_on"))
        self._rows([(_("Member"), self.member_box, "member_id"), (_("Category"), self.category_box, "category"),
                    (_("Situation"), self.situation_edit, "situation"), (_("Listed on"), self.listed_edit, "listed_on"),
                    (_("Left the ledger on"), self.removed_edit, "removed_on")])

    def values(self) -> dict:
        problems: dict[str, str] = {}
        out = {"branch_id": self.branch_id, "member_id": self.member_box.currentData(),
               "category": self.category_box.currentData(), "situation": self.situation_edit.toPlainText().strip(),
               "listed_on": self.listed_edit.date().toPython(),
               "removed_on": _optional_date(self.removed_edit, "removed_on", problems)}
        if problems:
            raise ValidationError(problems)
        return out


class VisitDialog(_Dialog):
    """A visit to a member: when, who went, the occasion, what was given and its amount in yuan."""

    book = "care_visits"

    def __init__(self, services: Services, **kwargs):
        super().__init__(services, **kwargs)
        v = self.initial
        self.setWindowTitle(_("Care visit"))
        self.date_edit = _date_edit(self, v.get("visited_on") or self.today)
        self.occasion_box = _combo(self, OCCASIONS, v.get("occasion", "other"))
        self.visitors_edit = QLineEdit(v.get("visitors", ""), self)
        self.given_edit = QLineEdit(v.get("given", ""), self)
        self.amount_edit = QLineEdit(str(v.get("amount") or ""), self)
        self.amount_edit.setPlaceholderText(_("e.g. 300.00"))
        self.note_edit = QLineEdit(v.get("note", ""), self)
        self._rows([(_("Member"), self.member_box, "member_id"), (_("Date"), self.date_edit, "visited_on"),
                    (_("Occasion"), self.occasion_box, "occasion"), (_("Visited by"), self.visitors_edit, "visitors"),
                    (_("Given"), self.given_edit, "given"), (_("Amount (yuan)"), self.amount_edit, "amount"),
                    (_("Note"), self.note_edit, "note")])

    def values(self) -> dict:
        text = self.amount_edit.text().strip() or "0"
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError({"amount": _("Enter the amount in yuan as a number, e.g. 300.00.")}) from None
        return {"branch_id": self.branch_id, "member_id": self.member_box.currentData(),
                "visited_on": self.date_edit.date().toPython(), "occasion": self.occasion_box.currentData(),
                "visitors": self.visitors_edit.text().strip(), "given": self.given_edit.text().strip(),
                "amount": amount, "note": self.note_edit.text().strip()}
