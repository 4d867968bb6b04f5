"""The Party-group manual tab driven like a secretary would, in the real window over a small branch
kept in a real SQLite file: appoint a leader, add a study session, a post and a feedback card (each
first refused with a Chinese message, nothing lost), then print the year's book."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton
from pypdf import PdfReader

from dj_desktop.core.db import open_database
from dj_desktop.core.models import Member
from dj_desktop.core.services import build_services
from dj_desktop.gui.app import build_window, install_font
from dj_desktop.gui.tabs.group_manual import GroupManualTab

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from manual_world import build_world  # noqa: E402


def _click(qtbot, tab, text):
    [button] = [b for b in tab.findChildren(QPushButton) if b.text() == text and b.isVisibleTo(tab)]
    button.click()
    return tab.active_dialog


def _choose(combo, name):
    combo.setCurrentIndex(combo.findText(name))


def test_group_manual_tab_end_to_end(qtbot, qapp, db_path, job_runner, preferences, type_text):
    db = open_database(db_path)
    world = build_world(db)
    with db.sessions.begin() as s:
        s.get(Member, world.members["孙二"]).management = "co"
    services = build_services(db)
    install_font(qapp)
    window = build_window(services, preferences=preferences, job_runner=job_runner)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab(GroupManualTab)
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    _choose(tab.group_box, "第一党小组")
    tab.year_spin.setValue(2026)
    assert {tab.members_table.item(r, 0).text() for r in range(tab.members_table.rowCount())} >= {"钱一", "冯转出"}

    # A probationary member cannot lead the group; a full member can.
    tab.sections.setCurrentIndex(0)
    dialog = _click(qtbot, tab, "任命组长/副组长…")
    _choose(dialog.member_box, "吴预备")
    dialog.date_edit.setDate(QDate(2026, 3, 1))
    assert not dialog.save() and "预备党员不能担任" in dialog.banner.text() and dialog.isVisible()
    _choose(dialog.member_box, "钱一")
    assert dialog.save()
    assert [tab.officers_table.item(0, c).text() for c in range(3)] == ["党小组组长", "钱一", "2026-03-01"]

    # Group meetings are the branch manual's records: a new one opens the meeting form for this group.
    tab.sections.setCurrentIndex(1)
    dialog = _click(qtbot, tab, "新建党小组会…")
    assert (dialog.kind_box.currentData(), dialog.group_box.currentData()) == ("group_meeting", world.group1)
    dialog.reject()

    # A study session: the topic is required, then saved.
    tab.sections.setCurrentIndex(2)
    dialog = _click(qtbot, tab, "新增…")
    dialog.widgets["held_on"].setDate(QDate(2026, 5, 12))
    assert not dialog.save() and "请填写学习内容" in dialog.banner.text()
    type_text(dialog.widgets["topic"], "学习党章")
    dialog.widgets["hours"].setValue(1.5)
    assert dialog.save()
    assert tab.study_table.rowCount() == 1 and tab.study_table.item(0, 1).text() == "学习党章"

    # A post: a holder who had left the group is refused, the reversed dates too; the typed post stays.
    tab.sections.setCurrentIndex(4)
    dialog = _click(qtbot, tab, "新增…")
    type_text(dialog.widgets["post"], "邻里互助岗")
    _choose(dialog.widgets["member_id"], "冯转出")
    dialog.widgets["started_on"].setDate(QDate(2026, 6, 1))
    dialog.ended.setChecked(True)
    dialog.widgets["ended_on"].setDate(QDate(2026, 5, 1))
    assert not dialog.save()
    assert "不是“第一党小组”的成员" in dialog.banner.text() and "早于开始日期" in dialog.banner.text()
    _choose(dialog.widgets["member_id"], "孙二")
    dialog.ended.setChecked(False)
    assert dialog.save() and dialog.widgets["post"].text() == "邻里互助岗"
    assert [tab.posts_table.item(0, c).text() for c in range(4)] == ["邻里互助岗", "孙二", "2026-06-01", "至今"]

    # The co-managed member's feedback card must name the home organisation it goes to.
    tab.sections.setCurrentIndex(5)
    assert tab.co_table.rowCount() == 1 and tab.co_table.item(0, 0).text() == "孙二"
    tab.co_table.selectRow(0)
    dialog = _click(qtbot, tab, "反馈卡…")
    dialog.widgets["on"].setDate(QDate(2026, 6, 30))
    dialog.widgets["assessment"].setCurrentIndex(dialog.widgets["assessment"].findText("良好"))
    dialog.widgets["content"].setPlainText("积极参加社区志愿服务")
    assert not dialog.save() and "原单位党组织" in dialog.banner.text()
    type_text(dialog.widgets["home_unit"], "区税务局机关党支部")
    assert dialog.save()
    assert [tab.cards_table.item(0, c).text() for c in (1, 2, 3)] == ["反馈卡", "孙二", "区税务局机关党支部"]

    # The year's book, written off the UI thread (synchronous here) and handed to the preview.
    shown = []
    tab.printing.present = lambda path, print_it: shown.append(path)
    tab.printing.book(print_it=False)
    text = "\n".join(p.extract_text() for p in PdfReader(shown[0]).pages)
    assert "党小组手册" in text and "学习党章" in text and "邻里互助岗" in text and "致：区税务局机关党支部" in text
    tab.cards_table.selectRow(0)
    tab.printing.card(print_it=False)
    assert "联管党员 · 反馈卡" in "".join(p.extract_text() for p in PdfReader(shown[1]).pages)
    window.close()
    services.db.dispose()
