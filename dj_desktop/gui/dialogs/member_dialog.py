"""Add or edit one member; every change is checked by ``MemberService.validate`` as it is typed.

A field the user has typed into (or every field, after a refused save) turns red when it has
an error and shows the (Chinese) message beside it, on the same line, so no field below ever
moves; the full text is in the message's tooltip and in the fixed summary line at the bottom.
Nothing is red before the user has typed (amber warnings show at once): the summary then names
the fields still to fill in.
Save stays disabled while any error remains. Warnings show in amber and do not block saving.
A valid ID number fills the birth date and gender when those are empty.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.member import CATEGORIES, EDUCATION_LEVELS, GENDERS, MANAGEMENT
from dj_desktop.core.rules.dates import parse_optional_date
from dj_desktop.core.rules.id_number import parse_id_number
from dj_desktop.core.rules.problems import Problem
from dj_desktop.core.services import Services
from dj_desktop.core.services.member_records import MemberInput, MemberRow

ERROR_STYLE = "border: 1px solid #c62828; background: #fff3f3;"
ERROR_TEXT_STYLE = "color: #c62828;"
WARNING_TEXT_STYLE = "color: #9a6700;"

#: Line-edit fields in form order: (field, label).
_TEXT_FIELDS = (
    ("name", N_("Name")), ("id_number", N_("ID number")), ("birth_date", N_("Birth date")),
    ("ethnicity", N_("Ethnicity")), ("native_place", N_("Native place")), ("work_unit", N_("Work unit")),
    ("post", N_("Post")), ("phone", N_("Phone")), ("address", N_("Address")),
    ("joined_on", N_("Joined the Party on")), ("full_member_on", N_("Full member since")),
)
_DATE_FIELDS = ("birth_date", "joined_on", "full_member_on")


class ElidedLabel(QLabel):
    """One line of text, cut with "…" when it does not fit; the whole text is its tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width()))


class FieldRow(QWidget):
    """An input widget with its message beside it: the row's height never changes."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.message = ElidedLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(editor, 3)
        layout.addWidget(self.message, 2)
        # The red frame of an error must not change the editor's height (a style sheet's border
        # replaces the native frame and its size): rows keep the height they were built with.
        if not isinstance(editor, QPlainTextEdit):
            editor.setFixedHeight(editor.sizeHint().height())

    def show_problem(self, problem: Problem | None) -> None:
        if problem is None:
            self.editor.setStyleSheet("")
            self.message.set_full_text("")
            return
        self.editor.setStyleSheet(ERROR_STYLE if problem.is_error else "")
        self.message.setStyleSheet(ERROR_TEXT_STYLE if problem.is_error else WARNING_TEXT_STYLE)
        self.message.set_full_text(problem.message)


class MemberDialog(QDialog):
    def __init__(self, services: Services, *, branch_id: uuid.UUID, groups: Sequence[tuple[uuid.UUID, str]] = (),
                 buildings: Sequence[tuple[uuid.UUID, str]] = (), member: MemberRow | None = None,
                 transfer_in: bool = False, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._branch_id, self._member, self._today = services, branch_id, member, today
        self.transfer_in = transfer_in and member is None
        self.saved_member_id: uuid.UUID | None = None
        self.problems: list[Problem] = []
        self.setWindowTitle(_("Edit member") if member else
                            _("Receive a transferred member") if self.transfer_in else _("Add member"))
        self.rows: dict[str, FieldRow] = {}
        self.edits: dict[str, QLineEdit] = {}
        #: Fields the user has changed; only these show their problems until a save is tried.
        self.touched: set[str] = set()
        self.save_tried = False
        self._labels: dict[str, str] = {}
        self._auto_filled: dict[str, str] = {}

        form = QFormLayout()
        if self.transfer_in:
            # 转入: where the relationship comes from and the day it arrived here.
            for name, label in (("other_organisation", _("Transferred in from")),
                                ("arrived_on", _("Arrived in this branch on"))):
                edit = QLineEdit(self)
                edit.setObjectName(name)
                self.edits[name] = edit
                self._add_row(form, name, label, edit)
            self.edits["arrived_on"].setPlaceholderText(_("e.g. 2019-07-01"))
        for name, label in _TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            if name in _DATE_FIELDS:
                edit.setPlaceholderText(_("e.g. 2019-07-01"))
            self.edits[name] = edit
            self._add_row(form, name, _(label), edit)
            if name == "id_number":
                self.gender = self._combo([("", _("From the ID number"))] + vocab.choices(GENDERS))
                self._add_row(form, "gender", _("Gender"), self.gender)
        self.education = QComboBox(self)
        self.education.setEditable(True)
        self.education.addItems([""] + [_(level) for level in EDUCATION_LEVELS])
        self._add_row(form, "education", _("Education"), self.education)
        self.group = self._combo([(None, _("(no group)"))] + list(groups))
        self._add_row(form, "group_id", _("Party group"), self.group)
        self.building = self._combo([(None, _("(no building)"))] + list(buildings))
        self._add_row(form, "building_id", _("Building"), self.building)
        self.category = self._combo(vocab.choices(CATEGORIES))
        self._add_row(form, "category", _("Category"), self.category)
        self.management = self._combo(vocab.choices(MANAGEMENT))
        self._add_row(form, "management", _("Management"), self.management)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(60)
        self._add_row(form, "notes", _("Notes"), self.notes)

        self.general = QLabel(self)
        self.general.setWordWrap(True)
        # Room for three lines, always: a message appearing here moves nothing.
        self.general.setFixedHeight(self.general.fontMetrics().lineSpacing() * 3 + 6)
        self.general.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        holder = QWidget(self)
        holder.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.resize(760, 720)

        if member is not None:
            self._load(member)
        else:
            self.edits["ethnicity"].setText("汉族")  # the roster's usual default
        for name, edit in self.edits.items():
            edit.textChanged.connect(lambda _text, n=name: self._changed(n))
        for name, combo in (("gender", self.gender), ("group_id", self.group), ("building_id", self.building),
                            ("category", self.category), ("management", self.management)):
            combo.currentIndexChanged.connect(lambda _i, n=name: self._changed(n))
        self.education.currentTextChanged.connect(lambda _t: self._changed("education"))
        self.notes.textChanged.connect(lambda: self._changed("notes"))
        self.validate()

    # -- building ------------------------------------------------------------------------
    def _combo(self, items: Sequence[tuple[object, str]]) -> QComboBox:
        combo = QComboBox(self)
        for value, text in items:
            combo.addItem(text, value)
        return combo

    def _add_row(self, form: QFormLayout, name: str, label: str, editor: QWidget) -> None:
        row = FieldRow(editor, self)
        self.rows[name] = row
        self._labels[name] = label
        form.addRow(label, row)

    def _load(self, m: MemberRow) -> None:
        for name, _label in _TEXT_FIELDS:
            value = getattr(m, name)
            self.edits[name].setText(value.isoformat() if isinstance(value, date) else (value or ""))
        _select(self.gender, m.gender)
        _select(self.group, m.group_id)
        _select(self.building, m.building_id)
        _select(self.category, m.category)
        _select(self.management, m.management)
        self.education.setCurrentText(m.education)
        self.notes.setPlainText(m.notes)

    # -- validation ----------------------------------------------------------------------
    def _changed(self, name: str) -> None:
        self.touched.add(name)
        self._fill_from_id_number()
        self.validate()

    def _fill_from_id_number(self) -> None:
        try:
            info = parse_id_number(self.edits["id_number"].text())
        except ValueError:
            return
        birth = self.edits["birth_date"]
        # Fill only what is empty or was filled by us before (the user's own entry wins).
        if not birth.text() or birth.text() == self._auto_filled.get("birth_date"):
            text = info.birth_date.isoformat()
            self._auto_filled["birth_date"] = text
            if birth.text() != text:
                birth.blockSignals(True)
                birth.setText(text)
                birth.blockSignals(False)
        if self.gender.currentData() in ("", self._auto_filled.get("gender")):
            self._auto_filled["gender"] = info.gender
            self.gender.blockSignals(True)
            _select(self.gender, info.gender)
            self.gender.blockSignals(False)

    def current_input(self) -> tuple[MemberInput | None, list[Problem]]:
        """The form as a :class:`MemberInput`, or None with the date fields that cannot be read."""
        dates: dict[str, date | None] = {}
        problems: list[Problem] = []
        for name in _DATE_FIELDS:
            try:
                dates[name] = parse_optional_date(self.edits[name].text())
            except ValueError as exc:
                problems.append(Problem(name, str(exc)))
        arrived = None
        if self.transfer_in:
            try:
                arrived = parse_optional_date(self.edits["arrived_on"].text())
            except ValueError as exc:
                problems.append(Problem("arrived_on", str(exc)))
        if problems:
            return None, problems
        text = {name: self.edits[name].text() for name, _label in _TEXT_FIELDS if name not in _DATE_FIELDS}
        kept = self._member
        if kept is not None:
            arrived = kept.arrived_on
        data = MemberInput(
            **text, **dates, gender=self.gender.currentData() or "", education=self.education.currentText().strip(),
            group_id=self.group.currentData(), building_id=self.building.currentData(),
            category=self.category.currentData(), management=self.management.currentData(),
            notes=self.notes.toPlainText(),
            # An edit keeps the arrival date; the type follows the full-member date.
            arrived_on=arrived,
        )
        return data, []

    def validate(self) -> list[Problem]:
        data, problems = self.current_input()
        if data is not None:
            problems = self._services.members.validate(
                self._branch_id, data, member_id=self._member.id if self._member else None, today=self._today())
            problems += self._transfer_problems(data)
        self._show(problems)
        return problems

    def _transfer_problems(self, data: MemberInput) -> list[Problem]:
        if not self.transfer_in:
            return []
        problems = []
        if not self.edits["other_organisation"].text().strip():
            problems.append(Problem("other_organisation", _("Enter the organisation the member comes from.")))
        if data.arrived_on is None:
            problems.append(Problem("arrived_on", _("Enter the day the member's relationship arrived in this branch.")))
        return problems

    def _show(self, problems: list[Problem]) -> None:
        self.problems = problems
        first: dict[str, Problem] = {}
        for p in problems:
            # An error outranks a warning on the same field.
            if p.field not in first or (p.is_error and not first[p.field].is_error):
                first[p.field] = p
        # Warnings (amber) show at once; errors (red) only where the user has typed, or after Save.
        shown = {name: p for name, p in first.items()
                 if not p.is_error or self.save_tried or name in self.touched}
        for name, row in self.rows.items():
            row.show_problem(shown.get(name))
        general = [p for p in problems if p.field not in self.rows]
        lines = [p.message for p in general] + [p.message for p in shown.values() if p.is_error]
        hidden = [name for name, p in first.items() if p.is_error and name not in shown and name in self.rows]
        if lines:
            self.general.setText("\n".join(lines))
            self.general.setStyleSheet(ERROR_TEXT_STYLE if any(p.is_error for p in general) or any(
                p.is_error for p in shown.values()) else WARNING_TEXT_STYLE)
        elif hidden:
            # Nothing typed there yet: say what is still needed, without red.
            self.general.setText(_("Still to fill in: {fields}.").format(
                fields="、".join(self._labels[name] for name in hidden)))
            self.general.setStyleSheet("")
        else:
            self.general.clear()
        self.save_button.setEnabled(not any(p.is_error for p in problems))

    def field_message(self, name: str) -> str:
        return self.rows[name].message.full_text

    # -- saving --------------------------------------------------------------------------
    def save(self) -> None:
        self.save_tried = True
        problems = self.validate()
        data, _unused = self.current_input()
        if data is None or any(p.is_error for p in problems):
            return
        try:
            if self.transfer_in:
                self.saved_member_id = self._services.members.transfer_in(
                    self._branch_id, data, on=data.arrived_on,
                    from_organisation=self.edits["other_organisation"].text(), today=self._today())
            elif self._member is None:
                self.saved_member_id = self._services.members.add(self._branch_id, data, today=self._today())
            else:
                self._services.members.update(self._member.id, data, today=self._today())
                self.saved_member_id = self._member.id
        except ValidationError as exc:
            self._show([Problem(field, message) for field, message in exc.problems.items()])
            return
        self.accept()


def _select(combo: QComboBox, value: object) -> None:
    index = next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)
    if index >= 0:
        combo.setCurrentIndex(index)
