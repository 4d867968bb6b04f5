"""Every empty list says what to do instead of showing a blank grid (gui/empty_hint.py): the main window
of a new branch, tab by tab, and the roster as members arrive and a search finds nobody."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from dj_desktop.core.services.member_records import MemberInput
from dj_desktop.gui.app import build_window
from dj_desktop.gui.empty_hint import EmptyHint, button_name
from dj_desktop.gui.preferences import Preferences
from dj_desktop.gui.tabs.roster import RosterTab
from dj_desktop.gui.workers import SynchronousRunner


def empty_views_without_a_hint(window) -> list[str]:
    """Item views that list nothing and do not say what to do (the PDF preview's page list aside)."""
    bad = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if isinstance(view, QHeaderView) or model is None or model.rowCount() or not view.isVisibleTo(window):
            continue
        hint = getattr(view, "empty_hint", None)
        if not isinstance(hint, EmptyHint) or not hint.is_shown() or not hint.label.text().strip():
            bad.append(f"{type(view.parent()).__name__}.{type(view).__name__}")
    return bad


def test_a_new_branch_window_says_what_to_do_in_every_empty_list(qtbot, services, tmp_path, type_text):
    branch = services.organisation.create_first_branch("新建社区党支部", founded_on=date(2020, 1, 1))
    window = build_window(services, preferences=Preferences(tmp_path / "prefs.ini"), job_runner=SynchronousRunner())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        assert empty_views_without_a_hint(window) == [], window.tabs.tabText(index)

    roster = window.tab(RosterTab)
    window.tabs.setCurrentWidget(roster)
    hint = roster.table.empty_hint
    assert hint.is_shown() and "还没有党员" in hint.label.text()
    assert button_name(roster.actions.import_button) in hint.label.text()
    centre = hint.label.geometry().center()
    assert abs(centre.x() - roster.table.viewport().width() // 2) <= 2

    services.members.add(branch.id, MemberInput(name="张三", id_number="110101198001010010",
                                                joined_on=date(2005, 7, 1)), today=date(2026, 11, 28))
    roster.refresh()
    assert roster.proxy.rowCount() == 1 and not hint.is_shown()
    type_text(roster.search, "李四")
    assert roster.proxy.rowCount() == 0 and hint.is_shown() and "没有符合" in hint.label.text()
    roster.search.clear()
    assert not hint.is_shown()
