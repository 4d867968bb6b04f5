"""A new branch's first hour: with no members the dashboard shows the first steps, not overdue meetings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from dj_desktop.core.services.member_records import MemberInput
from dj_desktop.gui.tabs.dashboard import DashboardTab
from dj_desktop.gui.workers import SynchronousRunner


def test_an_empty_branch_gets_the_guide_then_reminders(qtbot, services):
    branch = services.organisation.create_first_branch("新建社区党支部", founded_on=date(2020, 1, 1))
    tab = DashboardTab(services)
    tab.job_runner = SynchronousRunner()     # no window around it: fill at once
    qtbot.addWidget(tab)
    tab.today = lambda: date(2026, 11, 28)
    tab.refresh()
    assert not tab.guide.isHidden() and tab.model.rowCount() == 0
    assert services.reminders.reminders(date(2026, 11, 28)) == []
    assert "Excel" in tab.guide.import_button.text() or "导入" in tab.guide.import_button.text()

    services.members.add(branch.id, MemberInput(name="张三", id_number="110101198001010010",
                                                joined_on=date(2005, 7, 1), full_member_on=date(2006, 7, 1)),
                         today=date(2026, 11, 28))
    tab.refresh()
    assert tab.guide.isHidden() and tab.model.rowCount() > 0
    kinds = {tab.model.reminder(r).kind for r in range(tab.model.rowCount())}
    assert "too_few_members" in kinds


def test_the_guide_buttons_open_the_tabs(qtbot, main_window, gui_services):
    tab = main_window.tab(DashboardTab)
    qtbot.mouseClick(tab.guide.organisation_button, Qt.MouseButton.LeftButton)
    assert type(main_window.tabs.currentWidget()).__name__ == "OrganisationTab"
