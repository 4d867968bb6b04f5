"""Dialogs of the 发展党员 section: a new applicant, and the next step of a person (date, people,
sponsors, the deciding meeting, the vote). A refusal is shown in red inside the dialog, in the
rule's own words; nothing typed is lost."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox,
    QVBoxLayout, QWidget,
)

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.development import StepInput, StepRefused, Votes
from dj_desktop.core.services import Services


def _date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def full_member_names(services: Services, branch_id: uuid.UUID, on: date) -> list[str]:
    """Names of the branch's full members on ``on`` (sponsors and contact persons are chosen from them)."""
    return sorted({m.name for m in services.members.members_on(branch_id, on)
                   if m.full_member_on is not None and m.full_member_on <= on})


def roster_combo(parent: QWidget, names: list[str], first: str | None = None) -> QComboBox:
    """An editable combobox of roster names: choose one, or type a name the roster does not hold."""
    box = QComboBox(parent)
    if first is not None:
        box.addItem(first)                # a prompt item, for the "add from the roster" picker
    else:
        box.setEditable(True)
        box.addItem("")
        box.lineEdit().setPlaceholderText(_("choose from the roster or type"))
    box.addItems(names)
    return box


class _RefusableDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def attempt(self, work: Callable[[], object]) -> None:
        try:
            self.result_value = work()
        except (StepRefused, ValueError) as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def save(self) -> None:
        raise NotImplementedError


class ApplicantDialog(_RefusableDialog):
    def __init__(self, services: Services, branch_id: uuid.UUID, today: date, parent: QWidget | None = None):
        super().__init__(parent, _("New applicant"))
        self.services, self.branch_id, self.today = services, branch_id, today
        self.name = QLineEdit(self)
        self.id_number = QLineEdit(self)
        self.applied = _date_edit(self, today)
        self.rules = QComboBox(self)
        self.rules.addItem(_("In effect on the application day"), None)
        for version in services.rulesets.versions("development"):
            self.rules.addItem(version.version, version.version)
        self.form.addRow(_("Name"), self.name)
        self.form.addRow(_("ID number"), self.id_number)
        self.form.addRow(_("Applied on"), self.applied)
        self.form.addRow(_("Rule version"), self.rules)

    def save(self) -> None:
        self.attempt(lambda: self.services.development.add(
            self.branch_id, name=self.name.text(), id_number=self.id_number.text().strip(),
            applied_on=self.applied.date().toPython(), rules_version=self.rules.currentData(), today=self.today))


class StepDialog(_RefusableDialog):
    """The next step of one person; only the fields the step needs are shown."""

    def __init__(self, services: Services, person, today: date, parent: QWidget | None = None):
        rules = services.development.rules(person.id)
        no = person.next_step.no
        step = rules.step(no)
        super().__init__(parent, _("Step {no}: {name}").format(no=no, name=step.name))
        self.services, self.person, self.today, self.no, self.step = services, person, today, no, step
        bounds = _("Allowed: {earliest} to {latest}").format(
            earliest=person.next_step.earliest or "…", latest=person.next_step.latest or "…")
        self.form.addRow(QLabel(f"{step.article}\n{bounds}", self))
        suggested = person.next_step.earliest or today
        self.on = _date_edit(self, min(max(suggested, date(1950, 1, 1)), today))
        self.form.addRow(_("Date"), self.on)
        self.people = QLineEdit(self)
        self.people.setPlaceholderText(_("names, separated by 、"))
        full = full_member_names(services, person.branch_id, today)
        self.pick_person = roster_combo(self, full, _("Add from the roster…"))
        self.pick_person.activated.connect(self._add_person)
        self.sponsor1, self.sponsor2 = roster_combo(self, full), roster_combo(self, full)
        self.meeting = QComboBox(self)
        self.entitled, self.present, self.in_favour = (QSpinBox(self) for _i in range(3))
        if step.people:
            people_row = QHBoxLayout()
            people_row.addWidget(self.people, 1)
            people_row.addWidget(self.pick_person)
            self.form.addRow(_("People involved"), people_row)
        if step.sponsors:
            self.form.addRow(_("First sponsor"), self.sponsor1)
            self.form.addRow(_("Second sponsor"), self.sponsor2)
        if step.meeting:
            self.meeting.addItem(_("Choose the meeting…"), None)
            for m in services.meetings.list(person.branch_id):
                self.meeting.addItem(f"{m.held_on.isoformat()} {m.title}", m.id)
            self.form.addRow(_("Meeting"), self.meeting)
        if step.votes:
            for label, box in ((_("Entitled to vote"), self.entitled), (_("Present"), self.present),
                               (_("In favour"), self.in_favour)):
                box.setRange(0, 9999)
                self.form.addRow(label, box)
        self.note = QLineEdit(self)
        self.form.addRow(_("Note"), self.note)
        for widget, used in ((self.people, step.people), (self.pick_person, step.people),
                             (self.sponsor1, step.sponsors), (self.sponsor2, step.sponsors),
                             (self.meeting, step.meeting), (self.entitled, step.votes), (self.present, step.votes),
                             (self.in_favour, step.votes)):
            if not used:
                widget.hide()               # not in the form: it would float over the dialog's corner

    def given(self) -> StepInput:
        people = tuple(p.strip() for p in self.people.text().replace(",", "、").replace("，", "、").split("、")
                       if p.strip())
        sponsors = tuple(s.currentText().strip() for s in (self.sponsor1, self.sponsor2) if s.currentText().strip())
        votes = Votes(self.entitled.value(), self.present.value(), self.in_favour.value()) if self.step.votes else None
        return StepInput(on=self.on.date().toPython(), people=people, sponsors=sponsors, votes=votes,
                         note=self.note.text())

    def _add_person(self, index: int) -> None:
        """A name chosen from the roster is appended to the people (others can still be typed)."""
        name = self.pick_person.itemText(index) if index > 0 else ""
        names = [n for n in self.people.text().replace(",", "、").replace("，", "、").split("、") if n.strip()]
        if name and name not in names:
            self.people.setText("、".join([*names, name]))
        self.pick_person.setCurrentIndex(0)

    def save(self) -> None:
        meeting = self.meeting.currentData() if self.step.meeting else None
        self.attempt(lambda: self.services.development.record_step(self.person.id, self.no, self.given(),
                                                                   today=self.today, meeting_id=meeting))
