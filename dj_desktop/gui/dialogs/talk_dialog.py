"""Record or edit one heart-to-heart talk (谈心谈话): both people, date, place, topic and summary."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QFormLayout, QLineEdit, QPlainTextEdit,
    QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.services import Services
from dj_desktop.core.services.meeting_records import TalkInput, TalkRecord
from dj_desktop.gui.dialogs.record_widgets import ErrorBanner, fill_member_combo, mark_fields, save_cancel_buttons


class TalkDialog(QDialog):
    """``talk_id`` edits a talk; otherwise ``talkee_id``/``talker_id`` preset a new one."""

    def __init__(self, services: Services, *, branch_id: uuid.UUID, talk_id: uuid.UUID | None = None,
                 talker_id: uuid.UUID | None = None, talkee_id: uuid.UUID | None = None,
                 on: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.branch_id = branch_id
        self.talk_id = talk_id
        self.saved: TalkRecord | None = None
        self.resize(560, 460)
        self.banner = ErrorBanner(self)
        self.date_edit = QDateEdit(QDate(on or date.today()), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.talker_box, self.talkee_box = QComboBox(self), QComboBox(self)
        self.place_edit = QLineEdit(self)
        self.topic_edit = QLineEdit(self)
        self.topic_edit.setPlaceholderText(_("e.g. work and family situation, ideas and worries"))
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setPlaceholderText(_("What was talked about, what the member asked for, "
                                               "what was agreed"))
        form = QFormLayout()
        form.addRow(_("Date"), self.date_edit)
        form.addRow(_("Talk led by"), self.talker_box)
        form.addRow(_("Talk with"), self.talkee_box)
        form.addRow(_("Place"), self.place_edit)
        form.addRow(_("Topic"), self.topic_edit)
        form.addRow(_("Summary"), self.summary_edit)
        buttons = save_cancel_buttons(self, on_save=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        self.fields = {"held_on": self.date_edit, "talker_id": self.talker_box,
                       "talkee_id": self.talkee_box, "topic": self.topic_edit}
        if talk_id is not None:
            record = services.talks.get(talk_id)
            self.setWindowTitle(_("Heart-to-heart talk — {name}").format(name=record.talkee_name))
            self.date_edit.setDate(QDate(record.held_on))
            talker_id, talkee_id = record.talker_id, record.talkee_id
            self.place_edit.setText(record.place)
            self.topic_edit.setText(record.topic)
            self.summary_edit.setPlainText(record.summary)
        else:
            self.setWindowTitle(_("New heart-to-heart talk"))
        self._refresh_people(talker_id=talker_id, talkee_id=talkee_id)
        self.date_edit.dateChanged.connect(lambda _d: self._refresh_people(
            talker_id=self.talker_box.currentData(), talkee_id=self.talkee_box.currentData()))

    def _refresh_people(self, *, talker_id: uuid.UUID | None, talkee_id: uuid.UUID | None) -> None:
        on = self.date_edit.date().toPython()
        people = [(m.id, m.name) for m in self.services.members.members_on(self.branch_id, on)]
        missing = _("(not in the branch on this date)")
        fill_member_combo(self.talker_box, people, selected=talker_id, missing_label=missing)
        fill_member_combo(self.talkee_box, people, selected=talkee_id, missing_label=missing)

    def talk_input(self) -> TalkInput:
        return TalkInput(branch_id=self.branch_id, held_on=self.date_edit.date().toPython(),
                         talker_id=self.talker_box.currentData(), talkee_id=self.talkee_box.currentData(),
                         place=self.place_edit.text().strip(), topic=self.topic_edit.text().strip(),
                         summary=self.summary_edit.toPlainText())

    def save(self) -> bool:
        problems = {}
        if self.talker_box.currentData() is None:
            problems["talker_id"] = _("Choose who led the talk.")
        if self.talkee_box.currentData() is None:
            problems["talkee_id"] = _("Choose the member the talk was with.")
        if problems and not self.topic_edit.text().strip():
            # Say everything that is missing at once, as the service would.
            problems["topic"] = _("Enter the topic of the talk.")
        try:
            if problems:
                raise ValidationError(problems)
            data = self.talk_input()
            if self.talk_id is None:
                self.saved = self.services.talks.create(data)
                self.talk_id = self.saved.id
            else:
                self.saved = self.services.talks.update(self.talk_id, data)
        except UserError as exc:
            self.banner.show_error(exc)
            mark_fields(self.fields, exc)
            return False
        self.accept()
        return True
