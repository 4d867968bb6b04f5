"""The 党员积分 tab over a small branch: a practice activity and a pledge review added through the
real dialogs change the member's points and rank in the month's table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from dj_desktop.gui.tabs.points import PointsTab
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def _select(tab, name):
    row = next(i for i, r in enumerate(tab.rows) if r.name == name)
    tab.table.selectRow(row)


def test_practice_and_pledge_review_change_points_and_rank(qtbot, db, services, type_text):
    world = build_world(db)
    services.records.create("practice", {"branch_id": world.branch, "member_id": world.members["钱一"],
                                         "done_on": date(2026, 11, 3), "kind": "volunteer", "title": "助老"},
                            today=TODAY)
    tab = PointsTab(services)
    qtbot.addWidget(tab)
    tab.today = lambda: TODAY
    tab.show_month(date(2026, 11, 1))
    assert tab.table.horizontalHeaderItem(5).text() == "总分"
    assert (tab.row_of("钱一").rank, tab.row_of("孙二").rank, tab.row_of("孙二").total) == (1, 2, 60)

    # A practice activity for 孙二 through the dialog: first refused (no activity text), then saved.
    _select(tab, "孙二")
    dialog = tab.add_practice()
    qtbot.addWidget(dialog)
    dialog.date_edit.setDate(QDate(2026, 11, 20))
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("pairing"))
    assert dialog.save() is False and "请填写活动内容" in dialog.banner.text()
    type_text(dialog.title_edit, "结对帮扶")
    assert dialog.save() is True
    assert (tab.row_of("孙二").total, tab.row_of("孙二").rank, tab.row_of("钱一").rank) == (62, 1, 1)
    assert tab.selected_member() == world.members["孙二"]        # the selection follows the member

    # 孙二's pledge made public, then its year-end review recorded as kept: +5 and first place alone.
    dialog = tab.edit_pledge()
    qtbot.addWidget(dialog)
    type_text(dialog.items_edit, "每月结对走访")
    type_text(dialog.dates["published_on"], "2026-03-01")
    type_text(dialog.dates["end_review_on"], "2026-11-25")
    assert dialog.save() is False and "年终践诺情况" not in dialog.banner.text() and dialog.banner.text()
    dialog.statuses["end"].setCurrentIndex(dialog.statuses["end"].findData("kept"))
    type_text(dialog.dates["end_review_on"], "x")
    assert dialog.save() is False and "YYYY-MM-DD" in dialog.banner.text()      # nothing saved
    dialog.dates["end_review_on"].setText("2026-11-25")
    assert dialog.save() is True
    assert (tab.row_of("孙二").total, tab.row_of("孙二").rank, tab.row_of("钱一").rank) == (67, 1, 2)
    assert tab.row_of("孙二").automatic == 7
