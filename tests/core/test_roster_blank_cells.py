"""Re-importing the program's own roster export with phone and address cells blanked keeps the
saved values and lists them; clearing them takes an explicit choice, shown in the report."""

from __future__ import annotations

from openpyxl import load_workbook

from roster_workbooks import member_row, write_rows


def _blank_columns(path, *headers):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    columns = [c.column for c in ws[1] if c.value in headers]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.column in columns:
                cell.value = None
    wb.save(path)


def _setup(services, tmp_path):
    branch = services.organisation.create_first_branch("城关社区党支部")
    services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)
    rows = [member_row(n, 所在党小组="第一党小组") for n in range(1, 11)]
    assert services.roster_import.import_file(write_rows(tmp_path / "in.xlsx", rows)).committed
    out = tmp_path / "out.xlsx"
    services.roster_import.export_roster(out)
    _blank_columns(out, "联系电话", "家庭住址")
    return branch, out


def _phones(services, branch):
    return {m.phone for m in services.members.roster(branch.id)}, {m.address for m in services.members.roster(branch.id)}


def test_blank_cells_keep_the_saved_values_and_the_report_lists_them(services, tmp_path):
    branch, out = _setup(services, tmp_path)
    before = _phones(services, branch)
    report = services.roster_import.import_file(out)
    assert report.committed and (report.updated, report.unchanged) == (0, 10)
    assert _phones(services, branch) == before and "" not in before[0]
    assert len(report.blank_cells) == 20 and not report.blanks_cleared
    assert "20" in report.summary() and "保留" in report.summary()
    lines = report.blank_lines()
    assert len(lines) == 2 and any("联系电话" in line and "2、3" in line for line in lines)


def test_clearing_blank_cells_is_an_explicit_choice_shown_in_the_report(services, tmp_path):
    branch, out = _setup(services, tmp_path)
    report = services.roster_import.import_file(out, clear_blank=True)
    assert report.committed and report.updated == 10 and report.blanks_cleared
    assert _phones(services, branch) == ({""}, {""})
    assert "清空" in report.summary() and all("清空" in line for line in report.blank_lines())
