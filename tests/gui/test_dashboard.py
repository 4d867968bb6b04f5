"""The 首页 dashboard, driven through its widgets: reminders by month, and a double-click that opens
the dialog which settles a reminder (a meeting with attendance and a photo, or a talk)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox

from dj_desktop.core.i18n import _
from dj_desktop.gui.dialogs.decisions_table import DecisionLine
from dj_desktop.gui.dialogs.meeting_dialog import MeetingDialog
from dj_desktop.gui.dialogs.talk_dialog import TalkDialog
from dj_desktop.gui.tabs.dashboard import DashboardTab


def _dashboard(main_window) -> DashboardTab:
    tab = main_window.tabs.widget(0)
    assert isinstance(tab, DashboardTab)  # registered first: the window opens on it
    main_window.tabs.setCurrentWidget(tab)
    tab.refresh()
    return tab


def _member(reminder):
    """The member a reminder is about: the record it opens, or the one a new record is for."""
    target = reminder.target
    return target.record_id if target.action == "open" else target.preset["talkee_id"]


def _double_click(qtbot, tab: DashboardTab, predicate):
    """Double-click the first row whose reminder satisfies ``predicate``; returns that reminder."""
    for row in range(tab.model.rowCount()):
        reminder = tab.model.reminder(row)
        if predicate(reminder):
            index = tab.model.index(row, 0)
            tab.view.scrollTo(index)
            pos = tab.view.visualRect(index).center()
            # An item view only takes a double-click on the row it saw pressed first.
            qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
            qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
            return reminder
    pytest.fail("no reminder of that kind in the demo data")


def _keys(tab: DashboardTab) -> set[tuple[str, str, date]]:
    return {(r.kind, r.subject, r.due) for r in tab.model.reminders()}


def _write_png(path) -> None:
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#c62828"))
    assert image.save(str(path), "PNG")


def test_reminders_are_listed_and_counted_by_month(main_window, gui_services):
    tab = _dashboard(main_window)
    reminders = gui_services.reminders.reminders(date.today())
    assert tab.model.rowCount() == len(reminders) > 0
    counts = tab.month_counts()
    overdue = sum(r.status == "overdue" for r in reminders)
    assert counts[None] == (overdue, len(reminders) - overdue)
    by_month = {k: v for k, v in counts.items() if k is not None}
    assert sum(o + d for o, d in by_month.values()) == len(reminders)
    for mc in gui_services.reminders.counts_by_month(date.today()):
        assert by_month[(mc.year, mc.month)] == (mc.overdue, mc.due)
    # Choosing a month narrows the list to reminders due in that month.
    month = next(iter(by_month))
    row = list(counts).index(month)
    tab.months.selectRow(row)
    shown = tab.model.reminders()
    assert shown and all((r.due.year, r.due.month) == month for r in shown)
    assert len(shown) == sum(by_month[month])
    assert _("{overdue} overdue, {due} due soon").format(
        overdue=overdue, due=len(reminders) - overdue) == tab.summary.text()


def test_meeting_entered_through_the_dialog_clears_its_reminder(qtbot, type_text, main_window, gui_services, tmp_path):
    tab = _dashboard(main_window)
    reminder = _double_click(qtbot, tab, lambda r: (r.target.book, r.target.action) == ("meetings", "create")
                             and r.kind == r.target.preset["kind"])
    dialog = tab.active_dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    assert dialog.kind() == reminder.target.preset["kind"]
    held_on = dialog.date_edit.date().toPython()
    assert held_on <= reminder.due

    type_text(dialog.place_edit, "党员活动室")
    dialog.host_box.setCurrentIndex(1)
    dialog.recorder_box.setCurrentIndex(2)
    type_text(dialog.theme_edit, "研究发展党员工作")
    dialog.hours_spin.setValue(2)
    if dialog.kind() == "party_lesson":
        type_text(dialog.lesson_title_edit, "学习新党章")
        type_text(dialog.lecturer_box.lineEdit(), "县委党校张老师")

    # Attendance: pre-filled with who should attend on that date; mark the first one absent, sick.
    dialog.pages.setCurrentWidget(dialog.attendance)
    attendance = dialog.attendance
    lines = attendance.lines()
    assert len(lines) >= 3 and all(line.present for line in lines)
    attendance.present_box(0).click()
    reason = attendance.reason_box(0)
    assert reason.isEnabled()
    reason.setCurrentIndex(reason.findData("sick_leave"))
    assert attendance.quorum().met  # one absent still leaves a majority

    dialog.pages.setCurrentIndex(2)
    type_text(dialog.minutes_edit, "会议研究了本季度发展党员工作。")
    qtbot.mouseClick(dialog.decisions.add_button, Qt.MouseButton.LeftButton)
    text_edit = dialog.decisions.table.cellWidget(0, 0)
    type_text(text_edit, "确定两名入党积极分子")

    photo = tmp_path / "meeting-photo.png"
    _write_png(photo)
    dialog.pages.setCurrentWidget(dialog.attachments)
    dialog.attachments.add_files([photo])
    thumb = dialog.attachments.thumbnail(0)
    assert not thumb.isNull() and max(thumb.width(), thumb.height()) <= 120
    assert thumb.pixelColor(thumb.width() // 2, thumb.height() // 2).red() > 150

    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.banner.text()

    saved = gui_services.meetings.get(dialog.meeting_id)
    assert saved.kind == reminder.target.preset["kind"] and saved.held_on == held_on
    assert saved.place == "党员活动室" and saved.theme == "研究发展党员工作"
    absent = [a for a in saved.attendance if not a.present]
    assert [(a.member_id, a.absence_reason) for a in absent] == [(lines[0].member_id, "sick_leave")]
    assert [d.text for d in saved.decisions] == ["确定两名入党积极分子"]
    assert [(a.filename, a.content_type, a.width) for a in saved.attachments] == [
        ("meeting-photo.png", "image/png", 640)]
    assert saved.attachments[0].path.read_bytes() == photo.read_bytes()

    # The dashboard refreshed itself when the dialog closed: that reminder is gone, others remain.
    keys = _keys(tab)
    assert (reminder.kind, reminder.subject, reminder.due) not in keys
    assert keys


def test_talk_reminder_opens_a_talk_with_that_member(qtbot, type_text, main_window, gui_services):
    tab = _dashboard(main_window)
    reminder = _double_click(qtbot, tab, lambda r: r.kind == "talks")
    dialog = tab.active_dialog
    assert isinstance(dialog, TalkDialog)
    assert dialog.talkee_box.currentData() == _member(reminder)
    secretary = next(i for i in range(1, dialog.talker_box.count())
                     if dialog.talker_box.itemData(i) != _member(reminder))
    dialog.talker_box.setCurrentIndex(secretary)
    type_text(dialog.topic_edit, "了解思想和家庭情况")
    type_text(dialog.summary_edit, "本人身体尚可，希望支部多组织学习。")
    assert dialog.save(), dialog.banner.text()
    assert not dialog.isVisible()
    assert (reminder.kind, reminder.subject, reminder.due) not in _keys(tab)
    talks = gui_services.talks.list(reminder.target.branch_id, member_id=_member(reminder))
    new = [t for t in talks if t.topic == "了解思想和家庭情况"]
    assert [(t.talkee_id, t.held_on) for t in new] == [(_member(reminder), dialog.saved.held_on)]


def test_quorum_not_met_is_shown_and_saving_is_still_allowed(qtbot, main_window, gui_services):
    tab = _dashboard(main_window)
    branch_id = gui_services.organisation.first_branch().id
    dialog = MeetingDialog(gui_services, branch_id=branch_id, kind="general_meeting",
                           on=date(date.today().year - 1, 12, 10), parent=tab)
    qtbot.addWidget(dialog)
    attendance = dialog.attendance
    lines = attendance.lines()
    voting = [line for line in lines if line.counts]
    assert len(voting) > 10
    for line in lines[: len(lines) - len(voting) // 2 + 1]:
        attendance.set_absent(line.member_id, reason="personal_leave")
    result = attendance.quorum()
    assert not result.met and result.needed == len(voting) // 2 + 1
    assert attendance.quorum_label.text() == _(
        "Quorum NOT met: {present} of {entitled} entitled members present, at least {needed} needed. "
        "The meeting can be saved, but its decisions are not valid.").format(
        present=result.present, entitled=result.entitled, needed=result.needed)
    assert "未达到" in attendance.quorum_label.text()
    assert not dialog.decisions.invalid_label.isHidden()
    dialog.decisions.add_line(DecisionLine(text="通过年度计划"))
    assert dialog.save(), dialog.banner.text()
    saved = gui_services.meetings.get(dialog.meeting_id)
    assert not saved.quorum.met and saved.decisions and not saved.decisions[0].valid

    # Marking enough people present again clears the warning.
    attendance.mark_all_present()
    assert attendance.quorum().met and dialog.decisions.invalid_label.isHidden()


def test_refused_save_keeps_everything_typed(qtbot, type_text, main_window, gui_services, tmp_path):
    tab = _dashboard(main_window)
    branch_id = gui_services.organisation.first_branch().id
    dialog = MeetingDialog(gui_services, branch_id=branch_id, kind="party_lesson",
                           on=date(date.today().year - 1, 6, 1), parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.minutes_edit, "学习党章第一章")
    # A Party lesson needs a title and a lecturer: the service refuses, in Chinese, naming both.
    assert not dialog.save()
    assert dialog.isVisible() and dialog.meeting_id is None
    assert _("Enter the title of the Party lesson.") in dialog.banner.text()
    assert "党课" in dialog.banner.text()
    assert dialog.lesson_title_edit.styleSheet()
    assert dialog.minutes_edit.toPlainText() == "学习党章第一章"

    type_text(dialog.lesson_title_edit, "学习新党章")
    type_text(dialog.lecturer_box.lineEdit(), "县委党校张老师")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really an image" * 20)
    dialog.attachments.add_files([broken])
    # The meeting is saved, the damaged photo is refused, and the dialog keeps it listed.
    assert not dialog.save()
    assert dialog.meeting_id is not None and dialog.isVisible()
    assert "broken.png" in dialog.banner.text()
    assert dialog.attachments.new_files() == [broken]
    saved = gui_services.meetings.get(dialog.meeting_id)
    assert saved.lecturer_name == "县委党校张老师" and saved.lecturer_id is None
    assert saved.minutes == "学习党章第一章" and saved.attachments == ()
    # Removing the bad file and saving again closes the dialog and does not create a second meeting.
    dialog.attachments.list.item(0).setSelected(True)
    dialog.attachments.remove_selected()
    assert dialog.save()
    lessons = gui_services.meetings.list(branch_id, year=date.today().year - 1, kind="party_lesson")
    assert [m.id for m in lessons if m.title == "学习新党章"] == [saved.id]


def test_member_reminder_shows_the_member_in_the_roster(qtbot, main_window):
    from dj_desktop.gui.tabs.roster import RosterTab
    tab = _dashboard(main_window)
    reminder = _double_click(qtbot, tab, lambda r: (r.target.book, r.target.action) == ("members", "open"))
    roster = main_window.tabs.currentWidget()
    assert isinstance(roster, RosterTab)
    assert roster.selected_member_id() == _member(reminder)
