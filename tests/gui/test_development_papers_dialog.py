"""材料… over a real SQLite file: attach a scan to a paper of a recorded step, open and remove it, add
and remove a paper the unit requires; the section's timeline counts the papers of each step."""

from __future__ import annotations

from PIL import Image

from dj_desktop.core.db import open_database
from dj_desktop.core.i18n import set_language
from dj_desktop.core.services import build_services
from dj_desktop.gui.archives.development import DevelopmentSection
from tests.core.development_world import TODAY, add_person, make_branch, walk


def test_papers_are_attached_counted_and_the_unit_adds_its_own(qtbot, tmp_path):
    set_language("zh_CN")
    db = open_database(tmp_path / "branch.db")
    try:
        services = build_services(db)
        branch, meeting = make_branch(services)
        person = add_person(services, branch)
        walk(services, person, meeting, up_to=3)
        scan = tmp_path / "申请书.png"
        Image.new("RGB", (40, 30), "white").save(scan)
        section = DevelopmentSection(services)
        qtbot.addWidget(section)
        section.today = lambda: TODAY
        section.refresh()
        section.select(person)
        assert section.timeline_table.item(0, 6).text() == "材料 0/1"
        assert section.actions.papers_button.text() == "材料…" and section.actions.papers_button.isEnabled()

        dialog = section.actions.make_papers_dialog()
        qtbot.addWidget(dialog)
        dialog.select(4, "备案报告")
        assert not dialog.attach_button.isEnabled()          # step 4 not recorded yet
        dialog.select(1, "入党申请书")
        assert dialog.attach_button.isEnabled() and not dialog.open_button.isEnabled()
        dialog.ask_file = lambda: str(scan)
        dialog.attach_button.click()
        assert dialog.error.text() == "" and dialog.table.item(0, 3).text() == "已附（1份）"
        opened = []
        dialog.opener = opened.append
        dialog.open_button.click()
        assert opened and opened[0].read_bytes() == scan.read_bytes()
        section.refresh()
        assert section.timeline_table.item(0, 6).text() == "材料 1/1"

        dialog.step.setValue(3)
        dialog.paper_name.setText("推荐材料")                     # a national paper already
        dialog.add_paper_button.click()
        assert "国家规定" in dialog.error.text() and dialog.paper_name.text() == "推荐材料"
        dialog.paper_name.setText("群众座谈会记录")
        dialog.add_paper_button.click()
        assert dialog.error.text() == "" and dialog.selected()[1].kind == "unit"
        assert dialog.table.item(dialog.table.currentRow(), 2).text() == "本单位"
        section.refresh()
        assert section.timeline_table.item(2, 6).text() == "材料 0/3"
        assert dialog.drop_paper_button.isEnabled()
        assert dialog.remove_unit_paper(reason="上级不再要求")
        dialog.select(3, "推荐材料")
        assert not dialog.drop_paper_button.isEnabled()      # national papers cannot be removed

        dialog.select(1, "入党申请书")
        dialog.ask_reason = lambda _question: "扫描不清"
        dialog.remove_button.click()
        assert dialog.table.item(0, 3).text() == "缺"
    finally:
        db.dispose()
        set_language("en")
