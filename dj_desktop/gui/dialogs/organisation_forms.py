"""Small forms of the organisation tab: a new unit, a committee term, a seat, a building."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Sequence

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from dj_desktop.core.i18n import _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.organisation import COMMITTEE_ROLES, ORG_KINDS, SETTINGS_KINDS
from dj_desktop.core.errors import ValidationError
from dj_desktop.core.rules.dates import parse_optional_date, parse_user_date
from dj_desktop.core.rules.records_start import check_records_start


class _Form(QDialog):
    """A form with an error line; ``check()`` returns an error text or "" to accept."""

    def __init__(self, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)

    def finish(self) -> None:
        self.form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def check(self) -> str:
        return ""

    def _try_accept(self) -> None:
        problem = self.check()
        self.error.setText(problem)
        if not problem:
            self.accept()


def combo(parent: QWidget, items: Sequence[tuple[object, str]]) -> QComboBox:
    box = QComboBox(parent)
    for value, text in items:
        box.addItem(text, value)
    return box


def select_data(box: QComboBox, value: object) -> bool:
    """Select the item holding ``value``; ``findData`` cannot compare Python objects such as UUIDs."""
    index = next((i for i in range(box.count()) if box.itemData(i) == value), -1)
    if index >= 0:
        box.setCurrentIndex(index)
    return index >= 0


class UnitForm(_Form):
    """Name, kind, setting and founding date of a new unit under a chosen parent."""

    def __init__(self, *, kinds: Sequence[str], parent_name: str, parent: QWidget | None = None):
        super().__init__(_("Add organisation"), parent)
        self.form.addRow(_("Under"), QLabel(parent_name or _("(top level)"), self))
        self.name = QLineEdit(self)
        self.form.addRow(_("Organisation name"), self.name)
        self.kind = combo(self, [(k, vocab.label(ORG_KINDS, k)) for k in kinds])
        self.form.addRow(_("Kind"), self.kind)
        self.setting = combo(self, vocab.choices(SETTINGS_KINDS))
        self.form.addRow(_("Setting"), self.setting)
        self.founded = QLineEdit(self)
        self.founded.setPlaceholderText(_("e.g. 2019-07-01"))
        self.form.addRow(_("Founded on"), self.founded)
        self.founded_on: date | None = None
        self.finish()

    def check(self) -> str:
        if not self.name.text().strip():
            return _("Enter the name of the organisation.")
        try:
            self.founded_on = parse_optional_date(self.founded.text())
        except ValueError as exc:
            return str(exc)
        return ""


class UnitDetailsForm(_Form):
    """A unit's setting and founding date; for a branch also its record-keeping start date
    (台账起始日期), moved earlier to backfill past years."""

    def __init__(self, unit, *, today: date, parent: QWidget | None = None):
        super().__init__(_("Organisation details"), parent)
        self.today = today
        self.is_branch = unit.kind == "branch"
        self.form.addRow(_("Organisation name"), QLabel(unit.name, self))
        self.setting = combo(self, vocab.choices(SETTINGS_KINDS))
        select_data(self.setting, unit.setting)
        self.form.addRow(_("Setting"), self.setting)
        self.founded = QLineEdit(unit.founded_on.isoformat() if unit.founded_on else "", self)
        self.founded.setPlaceholderText(_("e.g. 2019-07-01"))
        self.form.addRow(_("Founded on"), self.founded)
        self.records = QLineEdit(self)
        if self.is_branch:
            start = unit.records_start
            self.records.setText(start.isoformat() if start else "")
            self.records.setPlaceholderText(today.isoformat())
            self.records.setToolTip(_("Reminders start from this day. Move it earlier to enter past years."))
            self.form.addRow(_("Record-keeping start date"), self.records)
        self.founded_on: date | None = unit.founded_on
        self.records_start: date | None = None
        self.finish()

    def check(self) -> str:
        try:
            self.founded_on = parse_optional_date(self.founded.text())
            if self.founded_on is not None and self.founded_on > self.today:
                return _("The founding date cannot be in the future.")
            self.records_start = parse_optional_date(self.records.text()) if self.is_branch else None
            if self.records_start is not None:
                check_records_start(self.records_start, founded_on=self.founded_on, today=self.today)
        except ValidationError as exc:
            return "\n".join(exc.problems.values())
        except ValueError as exc:
            return str(exc)
        return ""


class TermForm(_Form):
    """A new committee term: election day and, optionally, a different end day."""

    def __init__(self, *, parent: QWidget | None = None):
        super().__init__(_("New committee term"), parent)
        self.elected = QLineEdit(date.today().isoformat(), self)
        self.form.addRow(_("Elected on"), self.elected)
        self.ends = QLineEdit(self)
        self.ends.setPlaceholderText(_("empty: by the term rule"))
        self.form.addRow(_("Ends on"), self.ends)
        self.elected_on: date | None = None
        self.ends_on: date | None = None
        self.finish()

    def check(self) -> str:
        try:
            self.elected_on = parse_user_date(self.elected.text())
            self.ends_on = parse_optional_date(self.ends.text())
        except ValueError as exc:
            return str(exc)
        return ""


class SeatForm(_Form):
    """A member and the role they take in the current term."""

    def __init__(self, *, members: Sequence[tuple[uuid.UUID, str]], parent: QWidget | None = None):
        super().__init__(_("Add a committee seat"), parent)
        self.member = combo(self, members)
        self.form.addRow(_("Member"), self.member)
        self.role = combo(self, vocab.choices(COMMITTEE_ROLES))
        self.form.addRow(_("Role"), self.role)
        self.finish()

    def check(self) -> str:
        return "" if self.member.currentData() is not None else _("Choose a member.")


class BuildingForm(_Form):
    """A building of a grid area and the Party group that covers it."""

    def __init__(self, *, areas: Sequence[tuple[uuid.UUID, str]], groups: Sequence[tuple[uuid.UUID, str]],
                 parent: QWidget | None = None):
        super().__init__(_("Add a building"), parent)
        self.area = combo(self, areas)
        self.form.addRow(_("Grid area"), self.area)
        self.name = QLineEdit(self)
        self.form.addRow(_("Building"), self.name)
        self.group = combo(self, [(None, _("(no group)")), *groups])
        self.form.addRow(_("Covering Party group"), self.group)
        self.finish()

    def check(self) -> str:
        if self.area.currentData() is None:
            return _("Add a grid area first.")
        return "" if self.name.text().strip() else _("Enter the building's name.")
