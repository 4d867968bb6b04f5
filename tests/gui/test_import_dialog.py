"""The Excel import dialog: a real .xlsx written here, the row-by-row report, and undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.gui.dialogs.import_dialog import ImportDialog, ImportHistoryDialog
from dj_desktop.gui.tabs.roster import RosterTab

HEADERS = ["姓名", "身份证号", "联系电话", "所在党小组", "入党时间", "转正时间"]


def _write(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _new_number(n: int) -> str:
    return make_id_number("110105", date(1988, 8, 8), 400 + n, gender="male")


def _numeric_number() -> str:
    """A valid number without the X check digit, to store as a number cell."""
    return next(n for n in (_new_number(k) for k in range(20, 40)) if n.isdigit())


def _dialog(qtbot, main_window) -> ImportDialog:
    dialog = ImportDialog(main_window.services, branch_id=main_window.roster_branch_id(), parent=main_window)
    qtbot.addWidget(dialog)
    return dialog


def _problem_rows(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    t = dialog.problems
    return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]


def test_import_adds_and_updates_then_undo_reverts(qtbot, tmp_path, main_window, gui_services, job_runner):
    existing = gui_services.members.roster(main_window.roster_branch_id())[2]
    path = _write(tmp_path / "花名册.xlsx", [
        ["赵新一", _new_number(1), "13700000001", "第一党小组", "2012.7.1", "2013/7/1"],
        ["赵新二", " " + _numeric_number() + " ", "13700000002", "第二党小组", date(2014, 7, 1), "2015年7月1日"],
        [existing.name, existing.id_number, "13699999999", existing.group_name,
         existing.joined_on, existing.full_member_on],
    ])
    dialog = _dialog(qtbot, main_window)
    dialog.path.setText(str(path))
    runs = job_runner.runs
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert job_runner.runs == runs + 1  # the import went through the window's runner

    report = dialog.report
    assert report.committed and (report.added, report.updated) == (2, 1)
    assert "2" in dialog.summary.text() and "花名册.xlsx" in dialog.summary.text()
    assert _problem_rows(dialog) == []
    assert gui_services.members.find_by_id_number(_numeric_number()).joined_on == date(2014, 7, 1)
    assert gui_services.members.get(existing.id).phone == "13699999999"
    assert dialog.undo_button.isEnabled()

    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert gui_services.members.find_by_id_number(_new_number(1), branch_id=existing.branch_id) is None \
        or gui_services.members.find_by_id_number(_new_number(1)).status != "active"
    assert gui_services.members.get(existing.id).phone == existing.phone
    assert not dialog.undo_button.isEnabled()
    assert "2" in dialog.summary.text() and "1" in dialog.summary.text()
    assert dialog.changed


def test_bad_rows_are_reported_and_nothing_is_imported(qtbot, tmp_path, main_window, gui_services):
    good = _new_number(3)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    path = _write(tmp_path / "有错.xlsx", [
        ["钱好人", good, "", "第一党小组", "2010-07-01", "2011-07-01"],
        ["钱错号", bad, "", "第一党小组", "2010-07-01", "2011-07-01"],
        ["钱重复", good, "", "第一党小组", "2010-07-01", "2011-07-01"],
        ["钱日期", _new_number(4), "", "第一党小组", "2010年13月1日", ""],
    ])
    before = len(gui_services.members.roster(main_window.roster_branch_id()))
    dialog = _dialog(qtbot, main_window)
    dialog.path.setText(str(path))
    dialog.start_import()

    assert not dialog.report.committed
    rows = _problem_rows(dialog)
    assert [r[:2] for r in rows] == [("2", "身份证号"), ("3", "身份证号"), ("4", "身份证号"), ("5", "入党时间")]
    assert "校验" in rows[1][2]                                  # Excel rows: the header is row 1
    assert "第 4 行" in rows[0][2] and "第 2 行" in rows[2][2]     # the duplicate, on both rows
    assert "13" in rows[3][2]
    assert "未导入" in dialog.summary.text()
    assert not dialog.undo_button.isEnabled()
    assert len(gui_services.members.roster(main_window.roster_branch_id())) == before
    assert not dialog.changed


def test_wrong_file_shows_the_message_without_a_report(qtbot, tmp_path, main_window, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bogus = tmp_path / "roster.xlsx"
    bogus.write_text("not a workbook", encoding="utf-8")
    dialog = _dialog(qtbot, main_window)
    dialog.path.setText(str(bogus))
    dialog.start_import()
    assert dialog.report is None
    assert shown and shown[0] == dialog.summary.text()
    assert "roster.xlsx" in shown[0]


def test_undo_from_the_import_history(qtbot, tmp_path, main_window, gui_services, answer_modal):
    path = _write(tmp_path / "补录.xlsx", [["孙补录", _new_number(5), "", "第三党小组", "2016-07-01", "2017-07-01"]])
    report = gui_services.roster_import.import_file(path, branch_id=main_window.roster_branch_id())
    assert report.committed and report.added == 1

    history = ImportHistoryDialog(gui_services, parent=main_window)
    qtbot.addWidget(history)
    assert history.table.item(0, 1).text() == "补录.xlsx"
    assert not history.undo_button.isEnabled()
    history.table.selectRow(0)
    assert history.undo_button.isEnabled()
    answer_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(history.undo_button, Qt.MouseButton.LeftButton)
    assert gui_services.roster_import.list_imports()[0].is_undone
    assert history.table.item(0, 5).text()  # the undo time is shown
    assert history.changed
    assert gui_services.members.find_by_id_number(_new_number(5)) is None \
        or gui_services.members.find_by_id_number(_new_number(5)).status != "active"


def test_export_from_the_menu_writes_a_workbook(qtbot, tmp_path, main_window, gui_services):
    from openpyxl import load_workbook
    target = tmp_path / "导出.xlsx"
    main_window.export_roster_to(str(target), branch_id=main_window.roster_branch_id())
    ws = load_workbook(target).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    numbers = {m.id_number for m in gui_services.members.roster(main_window.roster_branch_id())}
    found = {v for row in values for v in row if isinstance(v, str) and v in numbers}
    assert found == numbers  # every ID number written as text
    assert str(len(numbers)) in main_window.statusBar().currentMessage()
    assert isinstance(main_window.tab(RosterTab), RosterTab)
