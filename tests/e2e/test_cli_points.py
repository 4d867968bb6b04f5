"""`dj-desktop points --month --json` and `-o FILE.pdf|.xlsx` run as a user would."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from dj_desktop.core.db import open_database
from dj_desktop.core.models import Attendance, Meeting

from cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.core.manual_world import build_world  # noqa: E402


def test_points_table_as_json_pdf_and_xlsx(tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    world = build_world(db)
    with db.sessions.begin() as s:
        m = Meeting(branch_id=world.branch, kind="general_meeting", held_on=date(2026, 3, 3))
        s.add(m)
        s.flush()
        for name in ("王书记", "钱一"):
            s.add(Attendance(meeting_id=m.id, member_id=world.members[name], present=True))
    db.dispose()
    out = run("points", "--month", "2026-03", "--json", "--db", str(path), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    table = json.loads(out.stdout)
    qian = next(r for r in table if r["name"] == "钱一")
    assert {k: qian[k] for k in ("member_id", "total", "rank", "automatic", "manual", "exempt")} == {
        "member_id": str(world.members["钱一"]), "total": 63, "rank": 1, "automatic": 3, "manual": 0, "exempt": False}
    assert [r["rank"] for r in table if r["name"] in ("王书记", "钱一")] == [1, 1]
    assert {r["rank"] for r in table if r["name"] not in ("王书记", "钱一")} == {3}
    assert "冯转出" in {r["name"] for r in table} and "陈转入" not in {r["name"] for r in table}
    bad = run("points", "--month", "2026-13", "--db", str(path), cwd=tmp_path)
    assert bad.returncode != 0 and "YYYY-MM" in bad.stderr
    pdf, xlsx = tmp_path / "points.pdf", tmp_path / "points.xlsx"
    for target in (pdf, xlsx):
        done = run("points", "--month", "2026-03", "-o", str(target), "--db", str(path), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "党员积分月度考核表" in text and "钱一" in text and "points@2026" in text and "积分制" in text
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c is not None]
    assert "钱一" in cells and "排名" in cells
