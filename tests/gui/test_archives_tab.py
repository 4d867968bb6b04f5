"""The 档案 tab's 民主评议 and 关爱服务 sections over a small branch: a year's appraisal recorded through
the real form (linked to the appraisal meeting, no grade for a probationary member, the cap shown, the
follow-up of 基本合格) and listed; a visit, a ledger entry and aid recorded, listed and summed up."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from dj_desktop.core.i18n import set_language
from dj_desktop.core.models import Meeting
from dj_desktop.gui.archives.appraisal import AppraisalSection
from dj_desktop.gui.archives.care import CareSection
from dj_desktop.gui.tabs.archives import ArchivesTab
from tests.core.manual_world import build_world

TODAY = date(2026, 11, 28)


def _pick(box, value):
    box.setCurrentIndex(next(i for i in range(box.count()) if box.itemData(i) == value))


def _section(tab, cls):
    section = next(s for s in tab.sections if isinstance(s, cls))
    section.today = lambda: TODAY
    section.year_box.setValue(2026)
    return section


def test_record_an_appraisal_a_visit_and_aid(qtbot, db, services, type_text, tmp_path, monkeypatch):
    set_language("zh_CN")
    world = build_world(db)
    tab = ArchivesTab(services)
    qtbot.addWidget(tab)
    tab.refresh()
    assert [tab.pages.tabText(i) for i in range(tab.pages.count())][-2:] == ["民主评议", "关爱服务"]
    section = _section(tab, AppraisalSection)
    assert section.list.rowCount() == 0 and section.list.empty_hint

    with db.sessions.begin() as s:
        s.add_all([Meeting(branch_id=world.branch, kind="committee_meeting", held_on=date(2026, 11, 10)),
                   Meeting(branch_id=world.branch, kind="appraisal_meeting", held_on=date(2026, 11, 20))])
    dialog = section.edit()
    qtbot.addWidget(dialog)
    # Only the meeting of an appraisal kind is offered; choosing it sets the appraisal date.
    assert dialog.meeting_box.count() == 2 and "2026-11-20" in dialog.meeting_box.itemText(1)
    # A year earlier, the members of that year are offered (冯转出 left the branch on 2026-03-01).
    def names():
        return [dialog.member_box.itemText(i) for i in range(dialog.member_box.count())]
    assert "冯转出" not in names()
    dialog.year_box.setValue(2025)
    assert "冯转出" in names()
    dialog.year_box.setValue(2026)
    dialog.date_edit.setText("")
    dialog.meeting_box.setFocus()
    qtbot.keyClick(dialog.meeting_box, Qt.Key.Key_Down)
    assert dialog.date_edit.text() == "2026-11-20"
    _pick(dialog.member_box, world.members["吴预备"])
    assert not dialog.grade_box.isEnabled() and dialog.grade_box.currentData() == ""
    assert "预备党员" in dialog.grade_note.text() and not dialog.plan_edit.isEnabled()
    _pick(dialog.member_box, world.members["钱一"])
    assert dialog.grade_box.isEnabled() and "30%" in dialog.grade_note.text() and "最多 2 人" in dialog.grade_note.text()
    dialog.grade_box.setCurrentIndex(dialog.grade_box.findData("basic"))
    assert dialog.plan_edit.isEnabled()
    type_text(dialog.self_edit, "按时参加组织生活")
    dialog.votes["votes_basic"].setValue(7)
    type_text(dialog.talk_edit, "2026-11-19")
    assert dialog.save() is False and "谈话" in dialog.banner.text()
    dialog.talk_edit.setText("2026-11-21")
    type_text(dialog.plan_edit, "每月参加组织生活")
    assert dialog.save() is True
    assert section.list.rowCount() == 1 and section.list.records[0].values["meeting_id"] is not None
    assert section.list.texts(1) == ["钱一"] and "基本合格" in section.list.texts(section.list.columnCount() - 1)
    assert "1 名党员" in section.cap_label.text() and "已评优秀 0 人" in section.cap_label.text()
    # Opened again, the form shows the saved member and meeting (ids compared by value, not identity).
    again = section.edit(section.list.records[0].id)
    qtbot.addWidget(again)
    assert again.member_box.currentText() == "钱一" and again.meeting_box.currentIndex() == 1
    assert again.plan_edit.toPlainText() == "每月参加组织生活" and again.plan_edit.isEnabled()

    care = _section(tab, CareSection)
    dialog = care.edit_visit()
    qtbot.addWidget(dialog)
    _pick(dialog.member_box, world.members["孙二"])
    dialog.date_edit.setDate(QDate(2026, 6, 30))
    dialog.occasion_box.setCurrentIndex(dialog.occasion_box.findData("july_first"))
    type_text(dialog.amount_edit, "300.5")
    assert dialog.save() is False and "走访人" in dialog.banner.text()
    type_text(dialog.visitors_edit, "王书记")
    assert dialog.save() is True
    assert care.visits.rowCount() == 1 and "300.5" in care.visits.texts(5)[0]

    # Aid only for a member on the care ledger: refused, the member listed through the form, then kept.
    dialog = care.edit_aid()
    qtbot.addWidget(dialog)
    _pick(dialog.member_box, world.members["孙二"])
    dialog.date_edit.setDate(QDate(2026, 4, 20))
    type_text(dialog.source_edit, "街道党工委")
    type_text(dialog.given_edit, "米面油")
    type_text(dialog.amount_edit, "-5")
    assert dialog.save() is False and "金额" in dialog.banner.text()
    dialog.amount_edit.setText("1000")
    assert dialog.save() is False and "关爱台账" in dialog.banner.text()
    ledger = care.edit_ledger()
    qtbot.addWidget(ledger)
    _pick(ledger.member_box, world.members["孙二"])
    ledger.listed_edit.setDate(QDate(2026, 4, 20))
    type_text(ledger.situation_edit, "因病致贫")
    assert ledger.save() is True and care.ledger.rowCount() == 1
    assert dialog.save() is True
    assert care.aid.rowCount() == 1 and care.aid.texts(3) == ["米面油"]
    assert "帮扶 1 次" in care.summary.text() and "1000.00" in care.summary.text()
    # A visit entered by mistake is deleted with a reason; the aid selected before is left alone.
    care.aid.selectRow(0)
    care.visits.selectRow(0)
    assert care.aid.selected_record() is None
    assert care.delete_selected(reason="") is False and "原因" in care.message.text()
    assert care.delete_selected(reason="误录") is True and "孙二" in care.message.text()
    assert care.visits.rowCount() == 0 and care.aid.rowCount() == 1

    # Both printouts from the section's button (the file dialog answered with a path).
    import dj_desktop.gui.file_dialogs as file_dialogs
    for current, name in ((section, "appraisal.pdf"), (care, "care.pdf")):
        target = str(tmp_path / name)
        monkeypatch.setattr(file_dialogs, "choose_save_file", lambda *_a, _t=target: _t)
        current.pdf_button.click()
        assert (tmp_path / name).stat().st_size > 1000
