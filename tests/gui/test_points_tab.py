"""The 党员积分 tab over a small branch: a practice activity and a pledge review added through the
real dialogs change the member's points and rank in the month's table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

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


def test_sign_off_exemption_year_ranking_and_pledges_from_the_tab(qtbot, db, services, tmp_path):
    import pypdf
    world = build_world(db)
    tab = PointsTab(services)
    qtbot.addWidget(tab)
    tab.today = lambda: TODAY
    tab.actions.inform = lambda text: None
    saved: list = []
    tab.choose_path = lambda kind, title, name: str(tmp_path / name) if not saved.append(name) else ""
    tab.show_month(date(2026, 11, 1))

    _select(tab, "钱一")
    tab.actions.sign_button.click()
    row = next(i for i, r in enumerate(tab.rows) if r.name == "钱一")
    assert tab.table.item(row, 6).text() == "2026年11月28日" and "已确认" in tab.actions.message

    _select(tab, "孙二")
    dialog = tab.actions.exempt()
    qtbot.addWidget(dialog)
    assert dialog.reason_box.count() >= 1 and "长期患病" in dialog.reason_box.itemText(1)
    assert dialog.save() is False and dialog.banner.text()                     # no reason given
    dialog.reason_box.setCurrentText("长期患病、行动不便")
    assert dialog.save() is True
    assert tab.row_of("孙二").exempt and tab.row_of("孙二").rank is None

    tab.actions.year_button.click()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / saved[-1]).pages)
    assert "党员年度积分排名表" in text and "本年度积分最高" in text

    _select(tab, "钱一")
    tab.actions.sheet_button.click()
    assert "承诺书" in tab.actions.message                                     # none recorded yet: said so
    services.records.create("pledges", {"branch_id": world.branch, "member_id": world.members["钱一"], "year": 2026,
                                        "items": "每月走访结对户", "published_on": date(2026, 3, 1)}, today=TODAY)
    tab.actions.sheet_button.click()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / saved[-1]).pages)
    assert "党员承诺书" in text and "每月走访结对户" in text
    tab.actions.board_button.click()
    (notice,) = [n for n in services.notices.list(branch_id=world.branch) if n.kind == "pledges"]
    assert notice.stage == "proposed" and "党务公开" in tab.actions.message
