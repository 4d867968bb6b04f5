"""The roster tab for a new secretary: filters by Party group and member type, removal of a member
entered by mistake (reason, history, restore, records kept), the import/export/print buttons and
the printed 花名册 (masked for display)."""

from __future__ import annotations

import re

import pypdf
from PySide6.QtWidgets import QMessageBox

from dj_desktop.gui.models.roster import NO_GROUP
from dj_desktop.gui.tabs.roster import RosterTab


def _tab(main_window) -> RosterTab:
    tab = main_window.tab(RosterTab)
    main_window.tabs.setCurrentWidget(tab)
    return tab


def _choose(combo, data) -> None:
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == data))


def test_filters_by_party_group_and_member_type(main_window, gui_services):
    tab = _tab(main_window)
    active = gui_services.members.roster(tab.branch_id)
    group = gui_services.organisation.groups(tab.branch_id)[0]
    _choose(tab.group, group.id)
    assert set(tab.visible_names()) == {m.name for m in active if m.group_id == group.id}
    _choose(tab.member_type, "probationary")
    expected = {m.name for m in active if m.group_id == group.id and m.member_type == "probationary"}
    assert expected and set(tab.visible_names()) == expected
    assert f"{len(expected)}" in tab.count_label.text()
    _choose(tab.group, None)
    assert set(tab.visible_names()) == {m.name for m in active if m.member_type == "probationary"}
    tab.group.setCurrentIndex(tab.group.count() - 1)
    assert tab.group.currentData() is NO_GROUP
    assert set(tab.visible_names()) == {m.name for m in active if m.group_id is None
                                        and m.member_type == "probationary"}


def test_a_member_entered_by_mistake_is_removed_with_a_reason_and_restored(
        main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    branch = tab.branch_id
    meetings = gui_services.meetings.list(branch)
    attended = {a.member_id for m in meetings[:5] for a in gui_services.meetings.get(m.id).attendance}
    member = next(m for m in gui_services.members.roster(branch) if m.id in attended)
    meeting = next(m for m in meetings[:5] if member.id in {a.member_id for a in
                                                           gui_services.meetings.get(m.id).attendance})
    assert tab.select_member(member.id)
    assert tab.actions.remove_button.isEnabled()

    # The dialog asks for a reason; an empty one is refused with a message and nothing is removed.
    seen: list = []
    answer_modal(lambda d: (seen.append(d.labelText()), d.setTextValue(""), d.accept()))
    warnings: list = []
    original = QMessageBox.warning
    QMessageBox.warning = lambda parent, title, text, *a: warnings.append(text)
    try:
        assert not tab.actions.remove_selected()
    finally:
        QMessageBox.warning = original
    assert "转出" in seen[0] and member.name in seen[0]
    assert warnings and "原因" in warnings[0]
    assert member.name in tab.visible_names()

    answer_modal(lambda d: (d.setTextValue("重复录入"), d.accept()))
    assert tab.actions.remove_selected()
    assert member.name not in tab.visible_names()
    assert member.name in tab.message_label.text()
    # Every record that names the member is kept.
    assert member.id in {a.member_id for a in gui_services.meetings.get(meeting.id).attendance}

    dialog = tab.actions.show_removed()
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (0, 1, 3)] == [member.name, member.id_number, "重复录入"]
    dialog.table.selectRow(0)
    assert dialog.restore_selected(reason="删错了")
    assert dialog.table.rowCount() == 0 and dialog.empty_hint.is_shown()
    dialog.close()
    assert tab.selected_member_id() == member.id
    history = [(h.action, h.reason) for h in gui_services.members.detail(member.id).history]
    assert history[-2:] == [("delete", "重复录入"), ("restore", "删错了")]


def test_the_roster_tab_prints_the_roster_in_full_and_masked(main_window, gui_services):
    tab = _tab(main_window)
    for button in (tab.actions.import_button, tab.actions.export_button, tab.actions.print_button):
        assert button.isVisibleTo(tab) and button.isEnabled()
    shown: list = []
    tab.actions.present = shown.append
    active = gui_services.members.roster(tab.branch_id)
    tab.actions.print_roster(masked=False)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(shown[-1]).pages)
    assert "党员花名册" in text and all(m.id_number in text for m in active)
    assert shown[-1].name.startswith("党员花名册-")

    tab.actions.print_roster(masked=True)
    reader = pypdf.PdfReader(shown[-1])
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    text = "".join(p.extract_text() for p in reader.pages)
    assert all(m.name in text for m in active)
    assert not re.search(r"\d{17}[\dX]", text) and not any(m.id_number in text for m in active)
    assert "公示" in shown[-1].name


def test_the_selected_member_file_prints_in_full_and_masked(main_window, gui_services):
    tab = _tab(main_window)
    shown: list = []
    tab.actions.present = shown.append
    tab.table.selectRow(0)
    member = gui_services.members.get(tab.selected_member_id())
    assert all(a.isEnabled() for a in tab.actions.member_file_actions)
    tab.actions.member_file_actions[0].trigger()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(shown[-1]).pages)
    assert "党员档案（一人一档）" in text and member.name in text and member.id_number in text
    assert "参加会议" in text and "党费收缴" in text and member.name in shown[-1].name
    tab.actions.member_file_actions[1].trigger()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(shown[-1]).pages)
    assert member.id_number not in text and member.id_number[-4:] in text and "脱敏版" in text
    assert not re.search(r"\d{17}[\dX]", text) and (not member.phone or member.phone not in text)
    tab.table.clearSelection()
    assert not any(a.isEnabled() for a in tab.actions.member_file_actions)


def test_saving_a_member_selects_it_and_confirms(main_window, answer_modal, type_text, qtbot):
    from dj_desktop.core.rules.id_number import make_id_number
    from datetime import date
    tab = _tab(main_window)
    _choose(tab.member_type, "probationary")  # the new full member is hidden by this filter at first

    def fill(dialog) -> None:
        type_text(dialog.edits["name"], "新党员")
        dialog.edits["id_number"].setText(make_id_number("110101", date(1990, 3, 4), 21, gender="male"))
        dialog.edits["joined_on"].setText("2015-07-01")
        dialog.edits["full_member_on"].setText("2016-07-01")
        dialog.save()

    answer_modal(fill)
    tab.add_member()
    assert tab.selected_member_id() is not None
    assert tab.visible_names()[tab.table.selectionModel().selectedRows()[0].row()] == "新党员"
    assert "新党员" in tab.message_label.text()
