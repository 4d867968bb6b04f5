"""`dj-desktop archive care|appraisals --year -o FILE` run as a user would."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services

from cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.core.manual_world import build_world  # noqa: E402


def test_care_ledger_as_xlsx_and_a_bad_suffix_refused(tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    world = build_world(db)
    build_services(db).records.create("care_visits", {
        "branch_id": world.branch, "member_id": world.members["孙二"], "visited_on": date(2026, 6, 30),
        "visitors": "王书记", "occasion": "july_first", "given": "慰问金", "amount": Decimal("300.50")},
        today=date(2026, 11, 28))
    db.dispose()
    out = run("archive", "care", "--year", "2026", "-o", str(tmp_path / "care.xlsx"), "--db", str(path), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    cells = {c.value for sheet in load_workbook(tmp_path / "care.xlsx") for row in sheet.iter_rows() for c in row}
    assert "孙二" in cells and "300.50" in cells
    out = run("archive", "appraisals", "--year", "2026", "-o", str(tmp_path / "a.txt"), "--db", str(path),
              cwd=tmp_path)
    assert out.returncode != 0 and ".pdf" in out.stderr
