"""The organisation tab: units, committee term and seats with the rule warnings, the grid."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QInputDialog

from dj_desktop.gui.dialogs.organisation_forms import BuildingForm, SeatForm, TermForm, UnitForm, select_data
from dj_desktop.core.vocabularies.organisation import child_kinds
from dj_desktop.gui.tabs.organisation import OrganisationTab


def _tab(main_window) -> OrganisationTab:
    tab = main_window.tab(OrganisationTab)
    main_window.tabs.setCurrentWidget(tab)
    return tab


def _tree_names(tab: OrganisationTab) -> set[str]:
    return {item.text(0) for item in tab._all_items()}


def test_tree_shows_the_demo_branch_and_its_groups(main_window, gui_services):
    tab = _tab(main_window)
    branch = gui_services.organisation.first_branch()
    names = _tree_names(tab)
    assert branch.name in names
    assert {g.name for g in gui_services.organisation.groups(branch.id)} <= names
    assert tab.current_unit_id() == branch.id
    assert branch.name in tab.details.text()
    # The demo's current committee is listed with its roles.
    term = gui_services.organisation.current_term(branch.id)
    assert tab.seats.rowCount() == len(term.current_seats(date.today())) > 0
    assert "书记" in {tab.seats.item(r, 1).text() for r in range(tab.seats.rowCount())}


def test_child_kinds_follow_the_allowed_parents():
    assert child_kinds("branch") == ["group"]
    assert "branch" in child_kinds("general_branch")
    assert child_kinds("group") == []


def test_add_and_rename_a_group(qtbot, type_text, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    branch = gui_services.organisation.first_branch()

    def fill(form):
        assert isinstance(form, UnitForm)
        type_text(form.name, "第五党小组")
        type_text(form.founded, "2020-05-04")
        form._try_accept()
    answer_modal(fill)
    assert tab.add_unit()
    group = next(g for g in gui_services.organisation.groups(branch.id) if g.name == "第五党小组")
    assert group.founded_on == date(2020, 5, 4)
    assert "第五党小组" in _tree_names(tab)

    tab.select_unit(group.id)

    def rename(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("第五党小组（新区）")
        dialog.accept()
    answer_modal(rename)
    assert tab.rename_unit()
    assert gui_services.organisation.get_unit(group.id).name == "第五党小组（新区）"
    assert "第五党小组（新区）" in _tree_names(tab)


def test_unit_form_refuses_an_unreadable_founding_date(qtbot, type_text):
    form = UnitForm(kinds=["group"], parent_name="某支部")
    qtbot.addWidget(form)
    type_text(form.name, "第六党小组")
    type_text(form.founded, "2020年13月1日")
    form._try_accept()
    assert form.result() == 0
    assert form.error.text()


def test_new_term_and_seat_show_the_rule_warnings(qtbot, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    org = gui_services.organisation
    branch = org.first_branch()
    # A fresh group with no term: its tab shows no seats.
    group = org.add_unit("测试党小组", kind="group", parent_id=branch.id)
    tab.refresh()
    tab.select_unit(group.id)
    assert tab.seats.rowCount() == 0

    # A new branch term today, then a deputy secretary seat: warnings come from committee_check.
    tab.select_unit(branch.id)

    def term(form):
        assert isinstance(form, TermForm)
        form.elected.setText(date.today().isoformat())
        form._try_accept()
    answer_modal(term)
    assert tab.new_term()
    new_term = org.current_term(branch.id)
    assert new_term.elected_on == date.today() and not new_term.seats
    assert tab.seats.rowCount() == 0

    member = gui_services.members.roster(branch.id)[0]
    boxes: list = []

    def seat(form):
        assert isinstance(form, SeatForm)
        assert select_data(form.member, member.id)
        assert select_data(form.role, "secretary")
        boxes.append(answer_modal(lambda box: (boxes.append(box.text()), box.accept())))
        form._try_accept()
    answer_modal(seat)
    assert tab.add_seat()
    assert tab.seats.rowCount() == 1
    assert tab.seats.item(0, 0).text() == member.name
    assert tab.seats.item(0, 1).text() == "书记"
    # One seat in a branch of 7+ full members: the committee rule warns, in a box and on the tab.
    expected = [p.message for p in org.committee_check(branch.id)]
    assert any("3" in m and "5" in m for m in expected)
    assert all(m in tab.warnings.text() for m in expected)
    assert any("3" in str(b) and "5" in str(b) for b in boxes[1:])

    tab.seats.selectRow(0)
    assert tab.end_seat()
    assert org.current_term(branch.id).seats[0].ended_on == date.today()


def test_add_a_building_with_its_covering_group(qtbot, type_text, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    org = gui_services.organisation
    branch = org.first_branch()
    group = org.groups(branch.id)[0]

    def area(dialog):
        dialog.setTextValue("北片区")
        dialog.accept()
    answer_modal(area)
    assert tab.add_area()
    area_row = next(a for a in org.grid(branch.id) if a.name == "北片区")

    def building(form):
        assert isinstance(form, BuildingForm)
        assert select_data(form.area, area_row.id)
        type_text(form.name, "12号楼")
        assert select_data(form.group, group.id)
        form._try_accept()
    answer_modal(building)
    assert tab.add_building()
    saved = next(b for a in org.grid(branch.id) for b in a.buildings if b.name == "12号楼")
    assert saved.group_id == group.id
    shown = [(tab.grid.topLevelItem(i).child(j).text(0), tab.grid.topLevelItem(i).child(j).text(1))
             for i in range(tab.grid.topLevelItemCount()) for j in range(tab.grid.topLevelItem(i).childCount())]
    assert ("12号楼", group.name) in shown


def test_change_the_group_covering_a_building(qtbot, main_window, gui_services, answer_modal):
    tab = _tab(main_window)
    org = gui_services.organisation
    branch = org.first_branch()
    building = org.grid(branch.id)[0].buildings[0]
    other = next(g for g in org.groups(branch.id) if g.id != building.group_id)
    item = next(tab.grid.topLevelItem(0).child(j) for j in range(tab.grid.topLevelItem(0).childCount())
                if tab.grid.topLevelItem(0).child(j).text(0) == building.name)
    tab.grid.setCurrentItem(item)

    def choose(dialog):
        dialog.setTextValue(other.name)
        dialog.accept()
    answer_modal(choose)
    assert tab.change_covering_group()
    assert next(b for b in org.grid(branch.id)[0].buildings if b.id == building.id).group_id == other.id


def test_branch_details_move_the_record_keeping_start_date(qtbot, type_text, main_window, gui_services,
                                                           answer_modal):
    tab = _tab(main_window)
    branch = gui_services.organisation.first_branch()
    tab.select_unit(branch.id)
    assert branch.records_start.isoformat() in tab.details.text()
    tab.today = lambda: date(2026, 11, 28)
    problems: list[str] = []

    def fill(form):
        assert form.records.text() == branch.records_start.isoformat()
        form.records.clear()
        type_text(form.records, "2026-11-29")          # the day after "today": refused, form stays open
        form._try_accept()
        problems.append(form.error.text())
        assert form.result() == 0 and form.isVisible()
        form.records.clear()
        type_text(form.records, "1999-12-31")          # before the sane minimum
        form._try_accept()
        problems.append(form.error.text())
        form.records.clear()
        type_text(form.records, "2021-01-01")
        form._try_accept()
    answer_modal(fill)
    try:
        assert tab.edit_unit()
        assert "未来" in problems[0] and "2000" in problems[1]
        assert gui_services.organisation.get_unit(branch.id).records_start == date(2021, 1, 1)
        assert "2021-01-01" in tab.details.text()
    finally:
        gui_services.organisation.update_unit(branch.id, setting=branch.setting, founded_on=branch.founded_on,
                                              records_start=branch.records_start)
