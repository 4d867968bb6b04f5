"""Dialog errors for a new secretary: nothing red before typing, and a message never moves the fields below."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.gui.tabs.roster import RosterTab


def _dialog(qtbot, main_window):
    tab = main_window.tab(RosterTab)
    main_window.tabs.setCurrentWidget(tab)
    dialog = tab.member_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_nothing_is_red_before_the_user_has_typed(qtbot, main_window):
    dialog = _dialog(qtbot, main_window)
    assert all(dialog.field_message(name) == "" for name in dialog.rows)
    assert all("c62828" not in row.editor.styleSheet() for row in dialog.rows.values())
    assert not dialog.save_button.isEnabled()
    # The summary says, without red, what is still needed.
    assert "还需填写" in dialog.general.text() and "姓名" in dialog.general.text()
    assert "c62828" not in dialog.general.styleSheet()
    dialog.close()


def test_an_error_message_leaves_the_next_field_where_it_was(qtbot, main_window, type_text):
    dialog = _dialog(qtbot, main_window)
    below = dialog.edits["birth_date"]
    before = below.mapTo(dialog, below.rect().topLeft())
    good = make_id_number("110101", date(1985, 1, 2), 12, gender="male")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    type_text(dialog.edits["id_number"], bad)
    qtbot.wait(20)
    assert "校验" in dialog.field_message("id_number")  # the error shows beside the field
    assert dialog.rows["id_number"].message.isVisible()
    assert below.mapTo(dialog, below.rect().topLeft()) == before
    assert "校验" in dialog.general.text()  # and in full in the fixed summary line
    # Fields not typed into still show nothing.
    assert dialog.field_message("joined_on") == ""
    dialog.close()


def test_save_tried_shows_every_error(qtbot, main_window, type_text):
    dialog = _dialog(qtbot, main_window)
    type_text(dialog.edits["name"], "王")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.field_message("id_number") and dialog.field_message("joined_on")
    dialog.close()


def test_meeting_dialog_lists_the_committee_first_and_the_host_is_the_secretary(qtbot, main_window, gui_services):
    from dj_desktop.gui.dialogs.meeting_dialog import MeetingDialog
    from dj_desktop.gui.dialogs.meeting_people import committee_posts
    branch = gui_services.organisation.first_branch().id
    day = date.today()
    posts = committee_posts(gui_services, branch, day)
    secretary = next(m for m, role in posts.items() if role == "secretary")
    dialog = MeetingDialog(gui_services, branch_id=branch, kind="general_meeting", on=day, parent=main_window)
    qtbot.addWidget(dialog)
    assert dialog.host_box.currentData() == secretary
    assert "书记" in dialog.host_box.currentText()
    first = [dialog.recorder_box.itemData(i) for i in range(1, len(posts) + 1)]
    assert set(first) == set(posts)
    lines = dialog.attendance.lines()
    assert {l.member_id for l in lines[:len(posts)]} == set(posts) and "书记" in lines[0].role
    # The decision pickers are wide enough for a name and a status.
    table = dialog.decisions.table
    metrics = table.fontMetrics()
    assert table.columnWidth(1) >= metrics.horizontalAdvance("欧阳某某") + 30
    assert table.columnWidth(3) >= metrics.horizontalAdvance("未落实") + 30
    dialog.close()


def test_a_saved_meeting_is_selected_and_confirmed(qtbot, main_window):
    from dj_desktop.gui.tabs.manual import ManualTab
    tab = main_window.tab(ManualTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.year_spin.setValue(date.today().year)
    dialog = tab.new_meeting("committee_meeting")
    dialog.place_edit.setText("党群服务中心")
    dialog.theme_edit.setText("研究第四季度工作")
    for i in range(dialog.attendance.table.rowCount()):
        pass
    assert dialog.save(), dialog.banner.text()
    row = tab.selected_row()
    assert row is not None and row.id == dialog.saved.id
    assert "已保存" in tab.message_label.text()


def test_group_meetings_show_their_party_group_in_the_manual_list(main_window, gui_services):
    from dj_desktop.gui.tabs.manual import ManualTab
    tab = main_window.tab(ManualTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.year_spin.setValue(date.today().year - 1)
    groups = {g.name for g in gui_services.organisation.groups(tab.branch_id)}
    group_rows = [r for r in tab.model.rows() if r.kind == "group_meeting"]
    assert group_rows and all(any(r.kind_label.startswith(g) for g in groups) for r in group_rows)


def test_the_monthly_report_names_the_party_group_of_a_group_meeting(gui_services, tmp_path):
    import pypdf

    from dj_desktop.reports.pdf.tabular import write_report
    branch = gui_services.organisation.first_branch()
    meeting = next(m for m in gui_services.meetings.list(branch.id, year=date.today().year - 1)
                   if m.kind == "group_meeting" and m.group_id)
    group = next(g.name for g in gui_services.organisation.groups(branch.id) if g.id == meeting.group_id)
    path = tmp_path / "month.pdf"
    write_report(gui_services.printing.monthly_report(branch_id=branch.id, month=f"{meeting.held_on:%Y-%m}"), path)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    assert group in text
