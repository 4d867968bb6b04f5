"""The 考核手册 tab driven through its widgets over a real SQLite file (the demo copy, whose last year
is submitted): open an item's evidence, the frozen version, a new version, a bad score refused with a
message, save, submit, print the handbook."""

from __future__ import annotations

from datetime import date

import pypdf
from PySide6.QtCore import Qt

from dj_desktop.gui.dialogs.meeting_dialog import MeetingDialog
from dj_desktop.gui.tabs.assessment import COL_AUTO, COL_COMMENT, COL_EVIDENCE, COL_SCORE, AssessmentTab

LAST_YEAR = str(date.today().year - 1)
LEFT = Qt.MouseButton.LeftButton
MANUAL = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
          "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}


def _row(tab, item_id):
    return next(i for i, item in enumerate(tab.sheet.items) if item.id == item_id)


def test_score_a_year_open_its_evidence_submit_and_print(main_window, gui_services, qtbot, tmp_path):
    tab = main_window.tab(AssessmentTab)
    main_window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.standard_box.setCurrentIndex(tab.standard_box.findData("star"))
    tab.period_edit.setText(LAST_YEAR)
    qtbot.mouseClick(tab.score_button, LEFT)
    committee = _row(tab, "self.committee")
    expected = gui_services.assessment.sheet(period=LAST_YEAR, standard="star").items[committee]
    assert expected.evidence and tab.table.item(committee, COL_AUTO).text() == format(expected.auto_score.normalize(), "f")

    # The evidence of an item opens with the book's own form.
    tab.table.selectRow(committee)
    assert tab.evidence_list.count() == len(expected.evidence)
    assert "会议记录" in tab.evidence_list.item(0).text() or "支委会" in tab.evidence_list.item(0).text()
    qtbot.mouseClick(tab.open_button, LEFT)
    dialog = tab.active_dialog
    assert isinstance(dialog, MeetingDialog) and dialog.isVisible()
    assert dialog.meeting_id == expected.evidence[0][1]
    dialog.reject()

    # The demo submitted last year: frozen until a new version is made.
    assert tab.sheet.frozen and not tab.save_button.isEnabled() and "锁定" in tab.summary_label.text()
    development = _row(tab, "self.development")
    assert not tab.table.item(development, COL_SCORE).flags() & Qt.ItemFlag.ItemIsEditable
    qtbot.mouseClick(tab.new_version_button, LEFT)
    assert (tab.sheet.version_no, tab.sheet.status) == (2, "draft") and tab.save_button.isEnabled()
    before = gui_services.assessment.sheet(period=LAST_YEAR, standard="star").items[development].final

    # A score above the item's points is refused with a message; nothing is saved.
    tab.table.item(development, COL_SCORE).setText("9")
    qtbot.mouseClick(tab.save_button, LEFT)
    assert "超出" in tab.message_label.text() and "入党积极分子培养计划落实" in tab.message_label.text()
    assert gui_services.assessment.sheet(period=LAST_YEAR, standard="star").items[development].final == before

    # Evidence files: a photo attached to a hand-scored item, listed and opened from the tab; a text file refused.
    from PIL import Image
    photo = tmp_path / "档案柜照片.png"
    Image.new("RGB", (40, 30), "red").save(photo)
    (tmp_path / "notes.txt").write_text("not a photo", encoding="utf-8")
    files = _row(tab, "basics.files")
    tab.table.selectRow(files)
    assert tab.files.attach([tmp_path / "notes.txt"]) == 0 and tab.message_label.text()
    assert tab.files.attach([photo]) == 1 and "档案柜照片.png" in tab.message_label.text()
    assert tab.table.item(files, COL_EVIDENCE).text() == "1"
    tab.table.selectRow(files)
    assert [tab.evidence_list.item(i).text() for i in range(tab.evidence_list.count())] == ["证据文件：档案柜照片.png"]
    opened = []
    tab.files.opener = opened.append
    tab.evidence_list.setCurrentRow(0)
    qtbot.mouseClick(tab.open_button, LEFT)
    assert len(opened) == 1 and opened[0].read_bytes() == photo.read_bytes()

    for item_id, score in MANUAL.items():
        tab.table.item(_row(tab, item_id), COL_SCORE).setText(score)
    tab.table.item(committee, COL_COMMENT).setText("七月换届，当月未开支委会")
    qtbot.mouseClick(tab.save_button, LEFT)
    assert tab.message_label.text() == "已保存。", tab.message_label.text()
    assert tab.sheet.status == "draft" and "草稿，第2版" in tab.summary_label.text()
    saved = gui_services.assessment.sheet(period=LAST_YEAR, standard="star")
    assert saved.items[committee].comment == "七月换届，当月未开支委会" and str(saved.total) in tab.summary_label.text()

    qtbot.mouseClick(tab.submit_button, LEFT)
    assert tab.sheet.frozen and not tab.save_button.isEnabled() and tab.new_version_button.isEnabled()
    tab.table.selectRow(files)
    assert not tab.files.attach_button.isEnabled() and tab.evidence_list.count() == 1    # frozen, kept
    assert "锁定" in tab.summary_label.text() or "已提交" in tab.message_label.text()

    tab.present = lambda path: None
    qtbot.mouseClick(tab.print_button, LEFT)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tab.last_pdf).pages)
    assert "党支部工作考核手册" in text and "七月换届" in text and saved.branch_name in text
    assert "档案柜照片.png" in text                      # the evidence files are listed in the handbook

    history = gui_services.assessment.history()
    assert [(h.version_no, h.status) for h in history if h.period == LAST_YEAR] == [(1, "submitted"),
                                                                                    (2, "submitted")]
