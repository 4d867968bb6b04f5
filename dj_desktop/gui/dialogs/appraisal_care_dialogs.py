"""Forms of the appraisal and care archives: a member's appraisal of a year (linked to its meeting, the
cap on 优秀 shown, no grade for a probationary member, the follow-up of 基本合格/不合格), a care-ledger
entry, a visit, aid received. All save through the generic record service (the book's rules check them)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.services import appraisal_choices
from dj_desktop.core.vocabularies.appraisal_care import (
    CARE_CATEGORIES, FOLLOW_UP_GRADES, GRADES, OCCASIONS, VOTE_FIELDS)
from dj_desktop.gui.dialogs.points_dialogs import _date_edit, _RecordDialog
from dj_desktop.gui.dialogs.record_widgets import fill_member_combo, index_of


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


def _text_box(parent: QWidget, text: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text, parent)
    box.setMaximumHeight(70)
    return box


def _amount(edit: QLineEdit) -> Decimal:
    """The amount typed in yuan (empty is 0); the book's rules check its range and decimals."""
    text = edit.text().strip() or "0"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError({"amount": _("Enter the amount in yuan as a number, e.g. 300.00.")})
    return amount


def _amount_edit(parent: QWidget, value) -> QLineEdit:
    edit = QLineEdit(str(value) if value not in (None, "") else "", parent)
    edit.setPlaceholderText(_("e.g. 300.00"))
    return edit


class _Dialog(_RecordDialog):
    def __init__(self, services: Services, *, branch_id: uuid.UUID, record_id: uuid.UUID | None = None,
                 preset: dict | None = None, today: date | None = None, parent: QWidget | None = None):
        super().__init__(services, branch_id=branch_id, record_id=record_id, preset=preset, today=today,
                         parent=parent)
        selected, missing = self.initial.get("member_id"), ""
        if selected is not None and all(pid != selected for pid, _name in self._people):
            try:     # a saved record of a member no longer in the branch today: shown by name
                missing = services.members.get(selected).name
            except UserError:
                missing = ""
        fill_member_combo(self.member_box, self._people, selected=selected, missing_label=missing)
        self.setMinimumWidth(460)

    def _rows(self, rows) -> None:
        for label, widget, key in rows:
            self.form.addRow(label, widget)
            self.fields[key] = widget
        self._finish()


class AppraisalDialog(_Dialog):
    """A member's democratic appraisal of a year, linked to the meeting that held it; a probationary
    member's grade stays empty, the cap on 优秀 is shown, the follow-up opens for 基本合格/不合格."""

    book = "appraisals"

    def __init__(self, services: Services, **kwargs):
        super().__init__(services, **kwargs)
        v = self.initial
        self.setWindowTitle(_("Democratic appraisal"))
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, self.today.year)
        self.year_box.setValue(v.get("year") or self.today.year)
        self.meeting_box = QComboBox(self)
        self.meeting_days: dict = {}
        # A new appraisal of an earlier year has no date until one is typed or its meeting chosen.
        self.date_edit = _date_line(self, v.get("appraised_on") or (
            self.today if self.year_box.value() == self.today.year or self.record_id else None))
        self.self_edit = QPlainTextEdit(v.get("self_assessment", ""), self)
        self.votes: dict[str, QSpinBox] = {}
        rows = [(_("Member"), self.member_box, "member_id"), (_("Year"), self.year_box, "year"),
                (_("Appraisal meeting"), self.meeting_box, "meeting_id"),
                (_("Appraised on"), self.date_edit, "appraised_on"),
                (_("Self-assessment"), self.self_edit, "self_assessment")]
        for grade, field in VOTE_FIELDS.items():
            box = QSpinBox(self)
            box.setRange(0, 10000)
            box.setValue(v.get(field) or 0)
            self.votes[field] = box
            rows.append((_("Votes: {grade}").format(grade=_(GRADES[grade])), box, field))
        self.grade_box = _combo(self, GRADES, v.get("grade", ""), blank=_("(probationary: not graded)"))
        self.grade_note = QLabel(self)
        self.grade_note.setWordWrap(True)
        self.talk_edit = _date_line(self, v.get("talk_on"))
        self.plan_edit = _text_box(self, v.get("improvement_plan", ""))
        self.outcome_edit = _text_box(self, v.get("outcome", ""))
        rows += [(_("Grade"), self.grade_box, "grade"), ("", self.grade_note, "grade_note"),
                 (_("Follow-up talk"), self.talk_edit, "talk_on"),
                 (_("Improvement plan"), self.plan_edit, "improvement_plan"),
                 (_("Outcome"), self.outcome_edit, "outcome")]
        self._rows(rows)
        self._fill_meetings(v.get("meeting_id"))
        if self.year_box.value() < self.today.year:
            self._fill_members()
        self.year_box.valueChanged.connect(lambda _y: (self._fill_members(),
                                                       self._fill_meetings(self.meeting_box.currentData()),
                                                       self._update()))
        self.meeting_box.activated.connect(lambda _i: self._meeting_chosen())
        self.member_box.currentIndexChanged.connect(lambda _i: self._update())
        self.date_edit.editingFinished.connect(self._update)
        self.grade_box.currentIndexChanged.connect(lambda _i: self._update())
        self._update()

    def _fill_members(self) -> None:
        """The members of the branch at the end of the year appraised (or today, for this year)."""
        on = min(date(self.year_box.value(), 12, 31), self.today)
        people = [(m.id, m.name) for m in self.services.members.members_on(self.branch_id, on)]
        selected = self.member_box.currentData()
        fill_member_combo(self.member_box, people, selected=selected,
                          missing_label=self.member_box.currentText() if selected is not None else "")

    def _fill_meetings(self, selected) -> None:
        self.meeting_box.clear()
        self.meeting_box.addItem(_("(no meeting linked)"), None)
        meetings = appraisal_choices.appraisal_meetings(self.services, self.branch_id, self.year_box.value())
        self.meeting_days = {m.id: m.held_on for m in meetings}
        for m in meetings:
            title = m.kind_label if m.title == m.kind_label else f"{m.kind_label} {m.title}"
            self.meeting_box.addItem(f"{m.held_on.isoformat()} {title}", m.id)
        self.meeting_box.setCurrentIndex(max(0, index_of(self.meeting_box, selected)))

    def _meeting_chosen(self) -> None:
        held_on = self.meeting_days.get(self.meeting_box.currentData())
        if held_on is not None:
            self.date_edit.setText(held_on.isoformat())
            self._update()

    def _day(self) -> date:
        """The day the member's standing is judged on: the appraisal date, else 31 December; never after today."""
        try:
            day = date.fromisoformat(self.date_edit.text().strip())
        except ValueError:
            day = date(self.year_box.value(), 12, 31)
        return min(day, self.today)

    def _update(self) -> None:
        member_id, day = self.member_box.currentData(), self._day()
        on_probation = appraisal_choices.probationary(self.services, member_id, day)
        if on_probation:
            self.grade_box.setCurrentIndex(0)
            self.grade_note.setText(_("A probationary member on this day: appraised, not graded."))
        else:
            try:
                self.grade_note.setText(appraisal_choices.quota(self.services, self.branch_id, self.year_box.value(),
                                                                day, member_id).text())
            except UserError as exc:
                self.grade_note.setText(str(exc))
        self.grade_box.setEnabled(not on_probation)
        follow_up = self.grade_box.currentData() in FOLLOW_UP_GRADES or any(
            (self.talk_edit.text().strip(), self.plan_edit.toPlainText().strip(),
             self.outcome_edit.toPlainText().strip()))
        for widget in (self.talk_edit, self.plan_edit, self.outcome_edit):
            widget.setEnabled(follow_up)

    def values(self) -> dict:
        problems: dict[str, str] = {}
        out = {"branch_id": self.branch_id, "member_id": self.member_box.currentData(), "year": self.year_box.value(),
               "meeting_id": self.meeting_box.currentData(),
               "appraised_on": _optional_date(self.date_edit, "appraised_on", problems),
               "self_assessment": self.self_edit.toPlainText().strip(), "grade": self.grade_box.currentData(),
               "talk_on": _optional_date(self.talk_edit, "talk_on", problems),
               "improvement_plan": self.plan_edit.toPlainText().strip(),
               "outcome": self.outcome_edit.toPlainText().strip(),
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
        self.amount_edit = _amount_edit(self, v.get("amount"))
        self.note_edit = QLineEdit(v.get("note", ""), self)
        self._rows([(_("Member"), self.member_box, "member_id"), (_("Date"), self.date_edit, "visited_on"),
                    (_("Occasion"), self.occasion_box, "occasion"), (_("Visited by"), self.visitors_edit, "visitors"),
                    (_("Given"), self.given_edit, "given"), (_("Amount (yuan)"), self.amount_edit, "amount"),
                    (_("Note"), self.note_edit, "note")])

    def values(self) -> dict:
        return {"branch_id": self.branch_id, "member_id": self.member_box.currentData(),
                "visited_on": self.date_edit.date().toPython(), "occasion": self.occasion_box.currentData(),
                "visitors": self.visitors_edit.text().strip(), "given": self.given_edit.text().strip(),
                "amount": _amount(self.amount_edit), "note": self.note_edit.text().strip()}


class AidDialog(_Dialog):
    """Aid a member on the care ledger received: when, from whom, what, how much in yuan."""

    book = "care_aid"

    def __init__(self, services: Services, **kwargs):
        super().__init__(services, **kwargs)
        v = self.initial
        self.setWindowTitle(_("Aid received"))
        self.date_edit = _date_edit(self, v.get("received_on") or self.today)
        self.source_edit = QLineEdit(v.get("source", ""), self)
        self.source_edit.setPlaceholderText(_("e.g. 县委组织部党内关怀帮扶资金, 街道党工委"))
        self.given_edit = QLineEdit(v.get("given", ""), self)
        self.given_edit.setPlaceholderText(_("e.g. 慰问金, 米面油, 医疗救助"))
        self.amount_edit = _amount_edit(self, v.get("amount"))
        self.note_edit = QLineEdit(v.get("note", ""), self)
        self._rows([(_("Member"), self.member_box, "member_id"), (_("Date"), self.date_edit, "received_on"),
                    (_("Aid from"), self.source_edit, "source"), (_("What was received"), self.given_edit, "given"),
                    (_("Amount (yuan)"), self.amount_edit, "amount"), (_("Note"), self.note_edit, "note")])

    def values(self) -> dict:
        return {"branch_id": self.branch_id, "member_id": self.member_box.currentData(),
                "received_on": self.date_edit.date().toPython(), "source": self.source_edit.text().strip(),
                "given": self.given_edit.text().strip(), "amount": _amount(self.amount_edit),
                "note": self.note_edit.text().strip()}
