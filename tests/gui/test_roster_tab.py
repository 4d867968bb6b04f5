"""The roster tab, driven through its widgets: filter as you type, add and edit members by typing."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt

from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.gui.dialogs.member_detail import MemberDetailDialog
from dj_desktop.gui.dialogs.member_dialog import MemberDialog
from dj_desktop.gui.models.roster import COL_GROUP, COL_ID_NUMBER, COL_NAME, COL_PHONE
from dj_desktop.gui.tabs.roster import RosterTab


def _tab(main_window) -> RosterTab:
    tab = main_window.tab(RosterTab)
    main_window.tabs.setCurrentWidget(tab)
    return tab


def _column(tab: RosterTab, column: int) -> list[str]:
    return [tab.proxy.index(r, column).data() for r in range(tab.proxy.rowCount())]


def test_table_lists_the_active_members_of_the_branch(main_window, gui_services):
    tab = _tab(main_window)
    active = gui_services.members.roster(tab.branch_id)
    assert tab.proxy.rowCount() == len(active) > 30
    assert sorted(_column(tab, COL_NAME)) == sorted(m.name for m in active)
    assert "第一党小组" in _column(tab, COL_GROUP)
    assert str(len(active)) in tab.count_label.text()


def test_typing_filters_by_name_id_number_phone_and_group(qtbot, type_text, main_window, gui_services):
    tab = _tab(main_window)
    members = gui_services.members.roster(tab.branch_id)
    target = members[5]

    type_text(tab.search, target.name)
    names = tab.visible_names()
    assert target.name in names
    assert all(target.name in n for n in names)
    assert len(names) < len(members)

    tab.search.clear()
    type_text(tab.search, target.id_number[-8:])
    assert _column(tab, COL_ID_NUMBER) == [target.id_number]

    tab.search.clear()
    type_text(tab.search, target.phone)
    assert target.phone in _column(tab, COL_PHONE)
    assert len(_column(tab, COL_PHONE)) == sum(target.phone in m.phone for m in members)

    tab.search.clear()
    type_text(tab.search, "第二党小组")
    expected = sorted(m.name for m in members if m.group_name == "第二党小组")
    assert sorted(tab.visible_names()) == expected and expected

    # Two words must both occur (group and surname).
    surname = next(m.name[0] for m in members if m.group_name == "第二党小组")
    type_text(tab.search, f" {surname}")
    assert sorted(tab.visible_names()) == sorted(
        m.name for m in members if m.group_name == "第二党小组" and surname in m.name)

    tab.search.clear()
    type_text(tab.search, "没有这个人")
    assert tab.proxy.rowCount() == 0
    assert "0" in tab.count_label.text()


def test_category_and_status_filters(main_window, gui_services):
    tab = _tab(main_window)
    everyone = gui_services.members.roster(tab.branch_id, include_left=True)
    tab.category.setCurrentIndex(tab.category.findData("retired"))
    assert sorted(tab.visible_names()) == sorted(
        m.name for m in everyone if m.category == "retired" and m.status == "active")
    tab.category.setCurrentIndex(tab.category.findData(None))
    tab.status.setCurrentIndex(tab.status.findData(None))
    assert tab.proxy.rowCount() == len(everyone)
    left = [m for m in everyone if m.status != "active"]
    assert left, "the demo has members who left"
    tab.status.setCurrentIndex(tab.status.findData(left[0].status))
    assert left[0].name in tab.visible_names()
    assert all(m.status == left[0].status for m in everyone if m.name in tab.visible_names())


def test_sorting_by_clicking_a_column(qtbot, type_text, main_window):
    tab = _tab(main_window)
    tab.table.sortByColumn(COL_ID_NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = _column(tab, COL_ID_NUMBER)
    assert numbers == sorted(numbers)
    tab.table.sortByColumn(COL_ID_NUMBER, Qt.SortOrder.DescendingOrder)
    assert _column(tab, COL_ID_NUMBER) == sorted(numbers, reverse=True)
    type_text(tab.search, "第三")  # the filter keeps the sort
    shown = _column(tab, COL_ID_NUMBER)
    assert shown == sorted(shown, reverse=True) and len(shown) < len(numbers)


def _type_new_member(type_text, dialog: MemberDialog, *, name: str, id_number: str, joined: str) -> None:
    type_text(dialog.edits["name"], name)
    type_text(dialog.edits["id_number"], id_number)
    type_text(dialog.edits["joined_on"], joined)
    type_text(dialog.edits["phone"], "13912345678")


def test_add_member_through_the_dialog(qtbot, type_text, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    number = make_id_number("110101", date(1990, 5, 17), 321, gender="female")
    seen = answer_modal(lambda d: (
        _type_new_member(type_text, d, name="欧阳新苗", id_number=number, joined="2015年7月1日"),
        qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert seen and isinstance(seen[0], MemberDialog)
    dialog = seen[0]
    # The ID number filled birth date and gender.
    assert dialog.edits["birth_date"].text() == "1990-05-17"
    assert dialog.gender.currentData() == "female"

    saved = gui_services.members.find_by_id_number(number)
    assert saved is not None and saved.name == "欧阳新苗" and saved.joined_on == date(2015, 7, 1)
    assert saved.gender == "female" and saved.phone == "13912345678"
    # The table shows the new member, selected.
    assert tab.selected_member_id() == saved.id
    type_text(tab.search, "欧阳")
    assert tab.visible_names() == ["欧阳新苗"]


def test_invalid_id_number_shows_the_message_and_disables_save(qtbot, type_text, main_window):
    tab = _tab(main_window)
    dialog = tab.member_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    good = make_id_number("110101", date(1985, 1, 2), 12, gender="male")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    _type_new_member(type_text, dialog, name="张三", id_number=bad, joined="2010-07-01")
    message = dialog.field_message("id_number")
    assert message and "校验" in message  # the Chinese message from MemberService.validate
    assert "c62828" in dialog.edits["id_number"].styleSheet()
    assert not dialog.save_button.isEnabled()

    # Correcting the last digit clears the error and enables Save.
    qtbot.keyClick(dialog.edits["id_number"], Qt.Key.Key_Backspace)
    type_text(dialog.edits["id_number"], good[-1])
    assert dialog.field_message("id_number") == ""
    assert dialog.save_button.isEnabled()

    # A date nobody can read is an error too, on its own field.
    dialog.edits["joined_on"].clear()
    type_text(dialog.edits["joined_on"], "2010年13月")
    assert dialog.field_message("joined_on")
    assert not dialog.save_button.isEnabled()


def test_warning_is_shown_but_does_not_block_saving(qtbot, type_text, main_window):
    tab = _tab(main_window)
    dialog = tab.member_dialog()
    qtbot.addWidget(dialog)
    number = make_id_number("110101", date(1980, 3, 3), 40, gender="male")
    _type_new_member(type_text, dialog, name="李四", id_number=number, joined="2024-01-01")
    # Probationary for more than a year without a full-member date: a warning, not an error.
    assert not [p for p in dialog.problems if p.is_error]
    warning = next(p for p in dialog.problems if p.field == "full_member_on")
    assert not warning.is_error
    assert dialog.field_message("full_member_on") == warning.message
    assert "转正" in warning.message
    assert "c62828" not in dialog.edits["full_member_on"].styleSheet()
    assert dialog.save_button.isEnabled()


def test_edit_keeps_history(qtbot, type_text, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    member = gui_services.members.roster(tab.branch_id)[3]
    assert tab.select_member(member.id)

    def change_phone(dialog):
        dialog.edits["phone"].clear()
        type_text(dialog.edits["phone"], "13000000001")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    answer_modal(change_phone)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)

    assert gui_services.members.get(member.id).phone == "13000000001"
    history = gui_services.members.detail(member.id).history
    assert history[-1].action == "update"
    assert history[-1].changes["phone"] == [member.phone, "13000000001"]

    detail = MemberDetailDialog(gui_services, member_id=member.id, parent=main_window)
    qtbot.addWidget(detail)
    log = [detail.history.item(r, 2).text() for r in range(detail.history.rowCount())]
    assert any("13000000001" in line and member.phone in line for line in log)
    assert detail.field_labels["phone"].text() == "13000000001"


def test_detail_dialog_records_a_transfer_out(qtbot, type_text, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    member = gui_services.members.roster(tab.branch_id)[0]
    detail = MemberDetailDialog(gui_services, member_id=member.id, parent=main_window)
    qtbot.addWidget(detail)

    def fill(dialog):
        dialog.on.setText("2026-01-15")
        type_text(dialog.other, "中共某某镇委员会")
        dialog.accept_button.click()
    answer_modal(fill)
    assert detail.transfer_out()
    row = gui_services.members.get(member.id)
    assert row.status == "transferred_out" and row.left_on == date(2026, 1, 15)
    events = [detail.events.item(r, 2).text() for r in range(detail.events.rowCount())]
    assert "中共某某镇委员会" in events
    assert not detail.buttons["transfer_out"].isEnabled()
    # Back in the roster, the member is gone from the "in the branch" view.
    tab.after_change()
    assert member.id not in {tab.proxy.member_id(r) for r in range(tab.proxy.rowCount())}


def test_member_ids_are_uuids_in_the_model(main_window):
    tab = _tab(main_window)
    assert isinstance(tab.proxy.member_id(0), uuid.UUID)


def test_transfer_in_records_where_the_member_comes_from(qtbot, type_text, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    number = make_id_number("110101", date(1979, 9, 9), 77, gender="male")

    def fill(dialog):
        assert dialog.transfer_in
        _type_new_member(type_text, dialog, name="转入者", id_number=number, joined="2005-07-01")
        type_text(dialog.edits["full_member_on"], "2006-07-01")
        assert not dialog.save_button.isEnabled()  # where from and when are still missing
        assert dialog.field_message("other_organisation") == ""  # not typed into yet: no red
        assert "转入" in dialog.general.text()  # the summary names what is still needed
        type_text(dialog.edits["other_organisation"], "中共某某公司委员会")
        type_text(dialog.edits["arrived_on"], "2025-03-01")
        assert dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    seen = answer_modal(fill)
    qtbot.mouseClick(tab.transfer_in_button, Qt.MouseButton.LeftButton)
    assert seen
    saved = gui_services.members.find_by_id_number(number)
    assert saved.arrived_on == date(2025, 3, 1) and saved.joined_on == date(2005, 7, 1)
    events = gui_services.members.detail(saved.id).events
    assert any(e.kind == "transferred_in" and e.other_organisation == "中共某某公司委员会" for e in events)
