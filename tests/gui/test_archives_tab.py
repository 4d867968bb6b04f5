"""The 档案 tab's 民主评议 and 关爱服务 sections over a small branch: a year's appraisal recorded through
the real form (a probationary member's grade refused first) and listed; a visit recorded and listed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from dj_desktop.core.i18n import set_language
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


def test_record_an_appraisal_and_a_visit(qtbot, db, services, type_text, tmp_path, monkeypatch):
    set_language("zh_CN")
    world = build_world(db)
    tab = ArchivesTab(services)
    qtbot.addWidget(tab)
    tab.refresh()
    assert [tab.pages.tabText(i) for i in range(tab.pages.count())][-2:] == ["民主评议", "关爱服务"]
    section = _section(tab, AppraisalSection)
    assert section.list.rowCount() == 0 and section.list.empty_hint

    dialog = section.edit()
    qtbot.addWidget(dialog)
    _pick(dialog.member_box, world.members["吴预备"])
    dialog.grade_box.setCurrentIndex(dialog.grade_box.findData("qualified"))
    dialog.date_edit.setText("2026-11-20")
    assert dialog.save() is False and "预备党员" in dialog.banner.text()
    _pick(dialog.member_box, world.members["钱一"])
    type_text(dialog.self_edit, "按时参加组织生活")
    dialog.votes["votes_qualified"].setValue(7)
    assert dialog.save() is True
    assert section.list.rowCount() == 1
    assert section.list.texts(1) == ["钱一"] and "合格" in section.list.texts(section.list.columnCount() - 1)

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

    # Both printouts from the section's button (the file dialog answered with a path).
    import dj_desktop.gui.file_dialogs as file_dialogs
    for current, name in ((section, "appraisal.pdf"), (care, "care.pdf")):
        target = str(tmp_path / name)
        monkeypatch.setattr(file_dialogs, "choose_save_file", lambda *_a, _t=target: _t)
        current.pdf_button.click()
        assert (tmp_path / name).stat().st_size > 1000
