"""`dj-desktop report …` run as a user would, in a subprocess, on a demo database."""

from __future__ import annotations

from datetime import date, time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dj_desktop.cli import main
from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.core.services.meeting_records import AttendanceInput, MeetingInput
from tests.e2e.cli_helpers import run

LAST_YEAR = date.today().year - 1




@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_copy):
    """The demo database plus one general meeting last June entered through the services."""
    folder = tmp_path_factory.mktemp("cli_report")
    db_file = demo_copy(folder / "demo.db")
    db = open_database(db_file, create=False)
    try:
        services = build_services(db)
        branch = services.organisation.first_branch()
        on = date(LAST_YEAR, 6, 18)
        members = services.members.members_on(branch.id, on)
        meeting = services.meetings.create(MeetingInput(
            branch_id=branch.id, kind="general_meeting", held_on=on, starts_at=time(9), ends_at=time(11),
            place="社区党群服务中心", host_id=members[0].id, recorder_id=members[1].id, theme="学习贯彻党章",
            minutes="支部书记领学党章，党员交流学习体会。",
            attendance=tuple(AttendanceInput(member_id=m.id, present=n % 6 != 5,
                                             absence_reason="" if n % 6 != 5 else "personal_leave")
                             for n, m in enumerate(members))))
    finally:
        db.dispose()
    return folder, db_file, meeting.id, branch.name


def test_manual_for_last_year(demo):
    folder, db_file, _meeting, branch_name = demo
    out = folder / "manual.pdf"
    done = run("report", "manual", "--year", str(LAST_YEAR), "-o", str(out), "--db", str(db_file), cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "已生成" in done.stdout
    reader = PdfReader(out)
    texts = [p.extract_text() for p in reader.pages]
    assert "党支部工作手册" in texts[0] and branch_name in texts[0]
    assert all(f"共 {len(texts)} 页" in t for t in texts[1:])
    assert any("学习贯彻党章" in t for t in texts)


def test_meeting_form(demo):
    folder, db_file, meeting_id, _branch = demo
    out = folder / "meeting.pdf"
    done = run("report", "meeting", str(meeting_id), "-o", str(out), "--db", str(db_file), cwd=folder)
    assert done.returncode == 0, done.stderr
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "支部党员大会记录" in text and "事假" in text and "支部书记领学党章" in text


def test_monthly_pdf_and_quarterly_xlsx(demo):
    # The other two combinations are covered in-process by tests/reports/test_pdf_reports.py.
    folder, db_file, _meeting, branch_name = demo
    monthly, quarterly = folder / "m.pdf", folder / "q.xlsx"
    done = run("report", "monthly", "--month", f"{LAST_YEAR}-06", "-o", str(monthly), "--db", str(db_file), cwd=folder)
    assert done.returncode == 0, done.stderr
    done = run("report", "quarterly", "--quarter", f"{LAST_YEAR}-Q2", "-o", str(quarterly), "--db", str(db_file),
               cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "党支部月报表" in PdfReader(monthly).pages[0].extract_text()
    cells = [c for row in load_workbook(quarterly).active.iter_rows(values_only=True) for c in row if c]
    assert "三会一课季度报表" in cells and branch_name in cells and "学习贯彻党章" in cells


def test_bad_input_gives_a_chinese_message_and_exit_code_2(demo, capsys):
    # The same entry point as the subprocesses above, called in-process to keep the suite quick.
    folder, db_file, _meeting, _branch = demo
    cases = [
        (("report", "monthly", "--month", "2025/13", "-o", str(folder / "m.pdf")), "2025-03"),
        (("report", "quarterly", "--quarter", "2025-Q7", "-o", str(folder / "q.xlsx")), "2025-Q1"),
        (("report", "manual", "--year", str(LAST_YEAR), "-o", str(folder / "manual.docx")), ".pdf"),
        (("report", "meeting", "not-a-uuid", "-o", str(folder / "x.pdf")), "不是有效的记录编号"),
        (("report", "manual", "--year", str(LAST_YEAR), "-o", str(folder / "no/such/m.pdf")), "不存在"),
        (("report", "manual", "--year", str(LAST_YEAR + 2), "-o", str(folder / "future.pdf")), "尚未开始"),
    ]
    for args, expected in cases:
        assert main([*args, "--db", str(db_file)]) == 2, args
        err = capsys.readouterr().err
        assert expected in err, (args, err)
    assert not (folder / "future.pdf").exists() and not (folder / "manual.docx").exists()
