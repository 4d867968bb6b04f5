"""Forms of the notice board (党务公开): propose an item (提出), and do its next step — secrecy review
(保密审查), approval (审批) or posting (实施) with the posting period. Both save through
``services.notices``, which refuses a step out of order with the reason."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.vocabularies.notices import NOTICE_KINDS, NOTICE_STEPS
from dj_desktop.gui.dialogs.record_widgets import FormDialog

if TYPE_CHECKING:  # the service module loads on first use, not at start-up
    from dj_desktop.core.services.notices import Notice

#: The step that follows each stage.
NEXT_STEP = {"proposed": "reviewed", "reviewed": "approved", "approved": "posted"}


def _date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> date:
    return edit.date().toPython()


class ProposeDialog(FormDialog):
    """提出: a new item of the board, with its kind, title, text, who proposes it and when."""

    def __init__(self, services: Services, *, branch_id: uuid.UUID, today: date, by: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Propose a notice item"))
        self.services, self.branch_id, self.today = services, branch_id, today
        self.kind_box = QComboBox(self)
        for key, label in NOTICE_KINDS.items():
            self.kind_box.addItem(_(label), key)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(120)
        self.body_edit = QPlainTextEdit(self)
        self.by_edit = QLineEdit(by, self)
        self.on_edit = _date_edit(self, today)
        self.fields = {"kind": self.kind_box, "title": self.title_edit, "proposed_by": self.by_edit,
                       "proposed_on": self.on_edit}
        for label, widget in ((_("Kind"), self.kind_box), (_("Title"), self.title_edit),
                              (_("Text"), self.body_edit), (_("Proposed by"), self.by_edit),
                              (_("Proposed on"), self.on_edit)):
            self.form.addRow(label, widget)
        self.finish()

    def write(self) -> Notice:
        return self.services.notices.propose(
            branch_id=self.branch_id, kind=self.kind_box.currentData(), title=self.title_edit.text(),
            body=self.body_edit.toPlainText(), by=self.by_edit.text(), on=_day(self.on_edit), today=self.today)


class StepDialog(FormDialog):
    """The item's next step: who did it and when; posting also asks for the last day on the board."""

    def __init__(self, services: Services, notice: Notice, *, today: date, by: str = "",
                 parent: QWidget | None = None):
        self.step = NEXT_STEP[notice.stage]
        super().__init__(parent)
        self.setWindowTitle(_("{step}: {title}").format(step=_(NOTICE_STEPS[self.step]), title=notice.title))
        self.services, self.notice_id, self.today = services, notice.id, today
        self.by_edit = QLineEdit(by, self)
        self.on_edit = _date_edit(self, today)
        self.form.addRow(_("Step"), QLabel(_(NOTICE_STEPS[self.step]), self))
        self.form.addRow(_("Done by"), self.by_edit)
        self.form.addRow(_("Done on"), self.on_edit)
        self.fields = {f"{self.step}_by": self.by_edit, f"{self.step}_on": self.on_edit}
        self.until_edit: QDateEdit | None = None
        if self.step == "posted":
            self.until_edit = _date_edit(self, today + timedelta(days=6))
            self.form.addRow(_("On the board until"), self.until_edit)
            self.fields["post_until"] = self.until_edit
        self.finish()

    def write(self) -> Notice:
        until = _day(self.until_edit) if self.until_edit is not None else None
        return self.services.notices.advance(self.notice_id, self.step, by=self.by_edit.text(),
                                             on=_day(self.on_edit), post_until=until, today=self.today)
