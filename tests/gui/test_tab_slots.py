"""The tab bar at start lists every tab module's tab in order, and a tab is built when first shown."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.i18n import _
from dj_desktop.gui.tabs import TABS, discovered_tab_classes, tab_module
from dj_desktop.gui.tabs.dashboard import DashboardTab
from dj_desktop.gui.tabs.notices import NoticesTab


def test_the_tab_list_names_every_tab_module_in_order_with_its_title():
    classes = discovered_tab_classes()
    assert [module for module, _title in TABS] == [tab_module(cls) for cls in classes]
    assert [_(title) for _module, title in TABS] == [cls.title() for cls in classes]


def test_a_tab_is_built_when_first_shown_in_its_place(main_window):
    tabs = main_window.tabs
    assert isinstance(tabs.widget(0), DashboardTab)
    index = [module for module, _title in TABS].index("notices")
    assert main_window.slots.built(NoticesTab) is None
    tabs.setCurrentIndex(index)
    notices = tabs.currentWidget()
    assert isinstance(notices, NoticesTab) and tabs.indexOf(notices) == index
    assert tabs.tabText(index) == "党务公开" and main_window.slots.built(NoticesTab) is notices
    assert main_window.tab(NoticesTab) is notices and tabs.count() == len(TABS)


def test_the_dashboard_fills_off_the_ui_thread_and_keeps_the_newest_result(qtbot, qapp, gui_services, preferences):
    from dj_desktop.gui.app import build_window
    from dj_desktop.gui.workers import ThreadPoolRunner
    runner = ThreadPoolRunner()
    window = build_window(gui_services, preferences=preferences, job_runner=runner)
    qtbot.addWidget(window)
    dashboard = window.tab(DashboardTab)
    dashboard.today = lambda: date(2026, 11, 28)
    dashboard.refresh()
    assert dashboard.summary.text() == "正在计算提醒…"            # the window is already usable
    assert dashboard.view.empty_hint.text() == "正在计算提醒…"     # not "nothing is due" meanwhile
    dashboard.refresh()                                          # a second refresh: only its result shows
    qtbot.waitUntil(lambda: "逾期" in dashboard.summary.text(), timeout=30_000)
    assert runner.wait_all(30_000) and dashboard._generation == 2
    assert dashboard.model.rowCount() > 0 and "正在计算" not in dashboard.view.empty_hint.text()
    assert "2026-11-28" in dashboard.heading.text()
