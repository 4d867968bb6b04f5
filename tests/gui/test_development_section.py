"""Section 发展党员 of the 档案 tab over a real SQLite file: a person added and walked through all
five stages with the real dialogs; a refusal shown in the dialog leaves what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox
from pypdf import PdfReader

from dj_desktop.core.db import open_database
from dj_desktop.core.i18n import set_language
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services import build_services
from dj_desktop.gui.archives.development import DevelopmentSection
from dj_desktop.gui.tabs.archives import ArchivesTab
from tests.core.development_world import DAYS, SPONSORS, TODAY, make_branch


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_person_walks_through_all_five_stages_in_the_section(qtbot, tmp_path):
    set_language("zh_CN")
    db = open_database(tmp_path / "branch.db")
    try:
        services = build_services(db)
        branch, meeting = make_branch(services)
        tab = ArchivesTab(services)
        qtbot.addWidget(tab)
        section = next(p for p in tab.sections if isinstance(p, DevelopmentSection))
        assert tab.pages.tabText(tab.pages.indexOf(section)) == "发展党员"
        section.today = lambda: TODAY
        tab.refresh()
        assert section.people_table.rowCount() == 0 and section.people_table.empty_hint.label.isVisible() is not None

        dialog = section.make_applicant_dialog()
        dialog.name.setText("周申请")
        dialog.id_number.setText(make_id_number("110101", date(2010, 3, 4), 12, gender="female"))
        dialog.applied.setDate(QDate(2023, 1, 9))
        _ok(dialog)
        assert "18" in dialog.error.text() and not dialog.result()
        assert dialog.name.text() == "周申请"                            # nothing typed is lost
        dialog.id_number.setText(make_id_number("110101", date(1998, 3, 4), 12, gender="female"))
        dialog.rules.setCurrentIndex(dialog.rules.findData("2014"))
        _ok(dialog)
        assert dialog.result()
        section.refresh()
        section.select(dialog.result_value)
        assert section.selected().stage == "applicant"

        stages = {}
        for no in range(2, 26):
            step = section.make_step_dialog()
            assert step.no == no
            step.on.setDate(QDate(DAYS[no]))
            if no == 2:          # the talk refused without its partner, then given
                _ok(step)
                assert "--by" in step.error.text() or "人员" in step.error.text()
            if step.step.people:            # a name picked from the roster lands in the people field
                step.pick_person.activated.emit(step.pick_person.findText("王书记"))
                assert step.people.text() == "王书记"
            if step.step.sponsors:          # chosen from the roster's full members (赵预备 is not one)
                names = [step.sponsor1.itemText(i) for i in range(step.sponsor1.count())]
                assert SPONSORS[0] in names and "赵预备" not in names
                step.sponsor1.setCurrentIndex(names.index(SPONSORS[0]))
                step.sponsor2.setCurrentText(SPONSORS[1])
            if step.step.meeting:
                step.meeting.setCurrentIndex(next(i for i in range(step.meeting.count())
                                                   if step.meeting.itemData(i) == meeting))
            if step.step.votes:
                step.entitled.setValue(3)
                step.present.setValue(3)
                step.in_favour.setValue(3)
            _ok(step)
            assert step.result(), (no, step.error.text())
            section.refresh()
            stages[no] = section.selected().stage
            assert section.timeline_table.item(no - 1, 2).text() == DAYS[no].isoformat()
        assert (stages[3], stages[7], stages[17], stages[25]) == ("activist", "candidate", "probationary", "full")
        assert not section.step_button.isEnabled()
        assert [m.name for m in services.members.roster(branch)].count("周申请") == 1
        section.write_file(section.selected().id, tmp_path / "file.pdf")
        assert "发展党员档案" in PdfReader(tmp_path / "file.pdf").pages[0].extract_text()
        tab.grab().save(str(tmp_path / "shot.png"))
    finally:
        db.dispose()
        set_language("en")
