"""工作日历… over a real SQLite file: a year without a calendar says so; a holiday range, a make-up
working day and a removal move the public notice's working-day bound; bad entries are refused."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from dj_desktop.core.db import open_database
from dj_desktop.core.i18n import set_language
from dj_desktop.core.services import build_services
from dj_desktop.gui.archives.development import DevelopmentSection
from tests.core.development_world import TODAY, add_person, make_branch, walk


def _add(dialog, kind: str, first: date, last: date | None = None) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.first.setDate(QDate(first))
    if last is not None:
        dialog.last.setDate(QDate(last))
    dialog.add_button.click()


def test_the_calendar_dialog_edits_a_year_and_moves_the_notice_bound(qtbot, tmp_path):
    set_language("zh_CN")
    db = open_database(tmp_path / "branch.db")
    try:
        services = build_services(db)
        branch, meeting = make_branch(services)
        person = add_person(services, branch)
        walk(services, person, meeting, up_to=12)           # notice posted Monday 2024-03-11
        section = DevelopmentSection(services)
        qtbot.addWidget(section)
        section.today = lambda: TODAY
        section.refresh()
        assert section.actions.calendar_button.text() == "工作日历…"
        dialog = section.actions.make_calendar_dialog()
        qtbot.addWidget(dialog)
        assert dialog.year.value() == 2026 and dialog.table.rowCount() == 0
        dialog.year.setValue(2024)
        assert "2024年尚无节假日日历" in dialog.status.text()
        assert dialog.table.empty_hint.label.text()

        _add(dialog, "holiday", date(2024, 3, 14), date(2024, 3, 15))      # Thursday and Friday off
        assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["2024-03-14",
                                                                                          "2024-03-15"]
        assert "2024年尚无" not in dialog.status.text() and dialog.table.item(0, 2).text().startswith("放假")
        nxt = services.development.person(person).next_step
        assert (nxt.earliest, nxt.provisional) == (date(2024, 3, 20), False)   # 5th working day is the 19th

        _add(dialog, "workday", date(2024, 3, 18))                   # a Monday: refused, nothing written
        assert "周六或周日" in dialog.error.text() and dialog.table.rowCount() == 2
        _add(dialog, "workday", date(2024, 3, 17))                   # Sunday 调休上班
        assert dialog.error.text() == "" and dialog.table.item(2, 2).text().startswith("调休")
        assert services.development.person(person).next_step.earliest == date(2024, 3, 19)
        _add(dialog, "holiday", date(2024, 5, 1), date(2024, 6, 5))  # longer than a month: refused
        assert "31" in dialog.error.text() and dialog.table.rowCount() == 3

        dialog.table.selectRow(0)
        dialog.remove_button.click()
        assert dialog.table.rowCount() == 2 and dialog.table.item(0, 0).text() == "2024-03-15"
        dialog.year.setValue(2025)
        assert dialog.table.rowCount() == 0 and not dialog.remove_button.isEnabled()
    finally:
        db.dispose()
        set_language("en")
