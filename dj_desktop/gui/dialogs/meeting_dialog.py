"""Record or edit one meeting of the branch manual (三会一课, 主题党日, 组织生活会, 民主评议).

The dialog keeps everything typed until a save succeeds: a refused save shows the
service's messages in a banner and leaves every field as it was.
"""

from __future__ import annotations

import uuid
from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDoubleSpinBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QTabWidget, QTimeEdit, QVBoxLayout, QWidget,
)

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core import vocabularies as vocab
from dj_desktop.core.vocabularies.member import MEMBER_TYPES
from dj_desktop.core.services import Services
from dj_desktop.core.services.meeting_records import (
    AttendanceInput, DecisionInput, ExpectedAttendee, MeetingDetail, MeetingInput,
)
from dj_desktop.gui.dialogs.attachment_strip import AttachmentItem, AttachmentStrip, save_strip
from dj_desktop.gui.dialogs.attendance_table import AttendanceTable, AttendeeLine
from dj_desktop.gui.dialogs.decisions_table import DecisionLine, DecisionsTable
from dj_desktop.gui.dialogs.meeting_people import committee_first, committee_posts, post_label, secretary
from dj_desktop.gui.dialogs.record_widgets import ErrorBanner, fill_member_combo, mark_fields, save_cancel_buttons
from dj_desktop.gui.combo_data import index_of

MEETING_TABLE = "meeting"


class MeetingDialog(QDialog):
    """``meeting_id`` edits an existing meeting; otherwise ``kind``/``group_id`` preset a new one."""

    def __init__(self, services: Services, *, branch_id: uuid.UUID, meeting_id: uuid.UUID | None = None,
                 kind: str | None = None, group_id: uuid.UUID | None = None, on: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.branch_id = branch_id
        self.meeting_id = meeting_id
        self.saved: MeetingDetail | None = None
        self.resize(900, 680)
        self._build()
        if meeting_id is not None:
            self._load(services.meetings.get(meeting_id))
        else:
            self.setWindowTitle(_("New meeting record"))
            # Preset quietly: the attendance list is loaded once, for the final kind, group and date.
            for widget in (self.kind_box, self.group_box, self.date_edit):
                widget.blockSignals(True)
            self._select(self.kind_box, kind or "committee_meeting")
            self._select(self.group_box, group_id)
            self.date_edit.setDate(QDate(on or date.today()))
            for widget in (self.kind_box, self.group_box, self.date_edit):
                widget.blockSignals(False)
            self._refresh_people()
        self._update_kind_fields()

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = ErrorBanner(self)
        self.kind_box = QComboBox(self)
        for key, label in self.services.meetings.kinds():
            self.kind_box.addItem(label, key)
        self.group_box = QComboBox(self)
        for group in self.services.organisation.groups(self.branch_id):
            self.group_box.addItem(group.name, group.id)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit = QTimeEdit(QTime(9, 0), self)
        self.end_edit = QTimeEdit(QTime(11, 0), self)
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        self.place_edit = QLineEdit(self)
        self.host_box, self.recorder_box = QComboBox(self), QComboBox(self)
        self.lecturer_box = QComboBox(self)
        self.lecturer_box.setEditable(True)
        self.lecturer_box.lineEdit().setPlaceholderText(_("A member, or type a guest speaker's name"))
        self.lesson_title_edit = QLineEdit(self)
        self.theme_edit = QLineEdit(self)
        self.hours_spin = QDoubleSpinBox(self)
        self.hours_spin.setRange(0, 24)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setSuffix(_(" h"))
        self.minutes_edit = QPlainTextEdit(self)
        self.minutes_edit.setPlaceholderText(_("Agenda, who spoke and what was said"))
        self.notes_edit = QLineEdit(self)
        self.attendance = AttendanceTable(self)
        self.decisions = DecisionsTable(self)
        self.attachments = AttachmentStrip(open_stored=self._stored_path, parent=self)

        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, text, widget in (
            ("kind", _("Kind"), self.kind_box), ("group_id", _("Party group"), self.group_box),
            ("held_on", _("Date"), self.date_edit), ("starts_at", _("Starts at"), self.start_edit),
            ("ends_at", _("Ends at"), self.end_edit), ("place", _("Place"), self.place_edit),
            ("host_id", _("Host"), self.host_box), ("recorder_id", _("Recorder"), self.recorder_box),
            ("lecturer", _("Lecturer"), self.lecturer_box),
            ("lesson_title", _("Lesson title"), self.lesson_title_edit),
            ("theme", _("Theme / subject"), self.theme_edit),
            ("study_hours", _("Study hours"), self.hours_spin), ("notes", _("Notes"), self.notes_edit),
        ):
            self.labels[key] = QLabel(text, self)
            form.addRow(self.labels[key], widget)
        basics = QWidget(self)
        basics.setLayout(form)
        record = QWidget(self)
        record_layout = QVBoxLayout(record)
        record_layout.addWidget(QLabel(_("Minutes"), record))
        record_layout.addWidget(self.minutes_edit, 2)
        record_layout.addWidget(QLabel(_("Decisions and follow-up"), record))
        record_layout.addWidget(self.decisions, 1)
        self.pages = QTabWidget(self)
        self.pages.addTab(basics, _("Basic details"))
        self.pages.addTab(self.attendance, _("Attendance"))
        self.pages.addTab(record, _("Minutes and decisions"))
        self.pages.addTab(self.attachments, _("Photos and attachments"))
        self.buttons = save_cancel_buttons(self, on_save=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.fields = {"kind": self.kind_box, "group_id": self.group_box, "held_on": self.date_edit,
                       "ends_at": self.end_edit, "host_id": self.host_box, "recorder_id": self.recorder_box,
                       "lecturer": self.lecturer_box, "lecturer_id": self.lecturer_box,
                       "lesson_title": self.lesson_title_edit, "theme": self.theme_edit,
                       "study_hours": self.hours_spin}
        self.kind_box.currentIndexChanged.connect(self._on_kind_changed)
        self.group_box.currentIndexChanged.connect(self._refresh_people)
        self.date_edit.dateChanged.connect(self._refresh_people)
        self.attendance.changed.connect(self._on_attendance_changed)

    # --- state ------------------------------------------------------------------------------
    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        index = index_of(combo, value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def kind(self) -> str:
        return self.kind_box.currentData()

    def _on_kind_changed(self) -> None:
        self._update_kind_fields()
        self._refresh_people()

    def _update_kind_fields(self) -> None:
        kind = self.kind()
        for key, visible in (("group_id", kind == "group_meeting"), ("lecturer", kind == "party_lesson"),
                             ("lesson_title", kind == "party_lesson")):
            self.labels[key].setVisible(visible)
            self.fields[key].setVisible(visible)
        self.labels["theme"].setText(_("Theme") if kind == "themed_day" else _("Theme / subject"))
        self.attendance.set_kind(kind)
        self._on_attendance_changed()

    def _refresh_people(self) -> None:
        """Who should attend on the chosen date, keeping marks already made for the same people."""
        on = self.date_edit.date().toPython()
        group_id = self.group_box.currentData() if self.kind() == "group_meeting" else None
        expected = self.services.meetings.expected_attendees(self.branch_id, kind=self.kind(), on=on,
                                                             group_id=group_id)
        self.posts = committee_posts(self.services, self.branch_id, on)
        expected = committee_first(expected, self.posts, key=lambda e: e.member_id)
        marks = {line.member_id: line for line in self.attendance.lines()}
        self.attendance.set_lines([self._line(e, marks.get(e.member_id)) for e in expected])
        members = committee_first([(m.id, m.name) for m in self.services.members.members_on(self.branch_id, on)],
                                  self.posts)
        labelled = [(member_id, f"{name}（{post_label(self.posts[member_id])}）" if member_id in self.posts
                     else name) for member_id, name in members]
        missing = _("(not in the branch on this date)")
        for combo in (self.host_box, self.recorder_box):
            fill_member_combo(combo, labelled, selected=combo.currentData(), missing_label=missing)
        if self.meeting_id is None and self.host_box.currentData() is None:
            # A new record: the secretary usually chairs.
            chair = secretary(self.posts)
            # findData compares Python objects by identity: look for an equal UUID instead.
            index = next((i for i in range(self.host_box.count()) if chair and self.host_box.itemData(i) == chair), -1)
            if index >= 0:
                self.host_box.setCurrentIndex(index)
        lecturer_id, guest = self.lecturer_box.currentData(), self.lecturer_box.currentText()
        fill_member_combo(self.lecturer_box, members, selected=lecturer_id, missing_label=missing)
        if lecturer_id is None and guest:
            self.lecturer_box.setEditText(guest)
        self.decisions.set_people(members)

    def _line(self, attendee: ExpectedAttendee, mark: AttendeeLine | None) -> AttendeeLine:
        counts = attendee.votes or self.kind() == "committee_meeting"
        role = vocab.label(MEMBER_TYPES, attendee.member_type)
        post = post_label(getattr(self, "posts", {}).get(attendee.member_id))
        if post:
            role = f"{post}、{role}"
        if mark is None:
            return AttendeeLine(member_id=attendee.member_id, name=attendee.name, role=role, counts=counts)
        return AttendeeLine(member_id=attendee.member_id, name=attendee.name, role=role, counts=counts,
                            present=mark.present, reason=mark.reason, note=mark.note)

    def _on_attendance_changed(self) -> None:
        self.decisions.set_valid(self.attendance.quorum().met)

    def _stored_path(self, attachment_id: uuid.UUID):
        return self.services.attachments.viewable_copy(attachment_id)

    # --- loading and saving -----------------------------------------------------------------
    def _load(self, detail: MeetingDetail) -> None:
        self.setWindowTitle(_("Meeting record — {kind} {day}").format(kind=detail.kind_label,
                                                                      day=detail.held_on.isoformat()))
        for widget in (self.kind_box, self.group_box, self.date_edit):
            widget.blockSignals(True)
        self._select(self.kind_box, detail.kind)
        self._select(self.group_box, detail.group_id)
        self.date_edit.setDate(QDate(detail.held_on))
        for widget in (self.kind_box, self.group_box, self.date_edit):
            widget.blockSignals(False)
        if detail.starts_at:
            self.start_edit.setTime(QTime(detail.starts_at))
        if detail.ends_at:
            self.end_edit.setTime(QTime(detail.ends_at))
        self.place_edit.setText(detail.place)
        self.lesson_title_edit.setText(detail.lesson_title)
        self.theme_edit.setText(detail.theme)
        self.hours_spin.setValue(detail.study_hours)
        self.minutes_edit.setPlainText(detail.minutes)
        self.notes_edit.setText(detail.notes)
        self.attendance.set_lines([AttendeeLine(
            member_id=a.member_id, name=a.name, role="", counts=a.votes, present=a.present,
            reason=a.absence_reason, note=a.absence_note) for a in detail.attendance])
        for combo, selected in ((self.host_box, detail.host_id), (self.recorder_box, detail.recorder_id),
                                (self.lecturer_box, detail.lecturer_id)):
            fill_member_combo(combo, [], selected=selected)
        self._refresh_people()
        if detail.lecturer_id is None and detail.lecturer_name:
            self.lecturer_box.setEditText(detail.lecturer_name)
        self._show_decisions(detail)
        self.attachments.set_stored([AttachmentItem(filename=a.filename, content_type=a.content_type,
                                                    attachment_id=a.id) for a in detail.attachments])

    def _show_decisions(self, detail: MeetingDetail) -> None:
        self.decisions.set_lines([DecisionLine(
            text=d.text, responsible_id=d.responsible_id, due_on=d.due_on, follow_up_status=d.follow_up_status,
            follow_up_note=d.follow_up_note, id=d.id) for d in detail.decisions])

    def meeting_input(self) -> MeetingInput:
        kind = self.kind()
        lecturer_id = self.lecturer_box.currentData() if kind == "party_lesson" else None
        typed = self.lecturer_box.currentText().strip()
        if lecturer_id is not None and typed != self.lecturer_box.itemText(self.lecturer_box.currentIndex()):
            lecturer_id = None  # the user typed over a member's name: a guest speaker
        decisions = self.decisions.lines()
        return MeetingInput(
            branch_id=self.branch_id, kind=kind, held_on=self.date_edit.date().toPython(),
            starts_at=_time(self.start_edit), ends_at=_time(self.end_edit),
            place=self.place_edit.text().strip(), host_id=self.host_box.currentData(),
            recorder_id=self.recorder_box.currentData(), lecturer_id=lecturer_id,
            lecturer_name=typed if kind == "party_lesson" and lecturer_id is None else "",
            lesson_title=self.lesson_title_edit.text().strip() if kind == "party_lesson" else "",
            theme=self.theme_edit.text().strip(),
            group_id=self.group_box.currentData() if kind == "group_meeting" else None,
            minutes=self.minutes_edit.toPlainText(), study_hours=self.hours_spin.value(),
            notes=self.notes_edit.text().strip(),
            attendance=tuple(AttendanceInput(member_id=l.member_id, present=l.present,
                                             absence_reason=l.reason, absence_note=l.note)
                             for l in self.attendance.lines()),
            decisions=tuple(DecisionInput(text=d.text, responsible_id=d.responsible_id, due_on=d.due_on,
                                          follow_up_status=d.follow_up_status,
                                          follow_up_note=d.follow_up_note, id=d.id)
                            for d in decisions))

    def save(self) -> bool:
        """Save the meeting, then its attachments; stays open (nothing lost) when anything is refused."""
        try:
            data = self.meeting_input()
            if self.meeting_id is None:
                self.saved = self.services.meetings.create(data)
                self.meeting_id = self.saved.id
            else:
                self.saved = self.services.meetings.update(self.meeting_id, data)
        except UserError as exc:
            self.banner.show_error(exc)
            mark_fields(self.fields, exc)
            return False
        mark_fields(self.fields, None)
        self._show_decisions(self.saved)  # saved decisions now have ids: a second save updates them
        if not self._save_attachments():
            return False
        self.banner.clear_error()
        self.accept()
        return True

    def _save_attachments(self) -> bool:
        """Link new files and unlink removed ones; files that fail stay listed with the reason."""
        problems = save_strip(self.services, self.attachments, MEETING_TABLE, self.meeting_id, branch_id=self.branch_id,
                              removed_reason=_("Removed in the meeting dialog"))
        if problems:
            # The meeting itself is saved: from now on the dialog edits it.
            self.setWindowTitle(_("Meeting record — {kind} {day}").format(
                kind=self.saved.kind_label, day=self.saved.held_on.isoformat()))
            self.banner.show_error(UserError(
                _("The meeting was saved, but some attachments were not:") + "\n" + "\n".join(problems)))
            self.pages.setCurrentWidget(self.attachments)
            return False
        return True


def _time(edit: QTimeEdit) -> time | None:
    value = edit.time()
    return value.toPython() if value.isValid() else None
