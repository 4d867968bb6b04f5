"""`dj-desktop dues base|pay`, `dues --month --json` and `funds --year --json` run as a user would."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from dj_desktop.core.db import open_database

from cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.core.manual_world import build_world  # noqa: E402


def test_base_pay_roll_and_funds(tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    world = build_world(db)
    db.dispose()
    wu = str(world.members["吴预备"])       # received as probationary 2025-12-01
    base = run("dues", "base", wu, "--kind", "employed", "--income", "3000.01", "--from", "2025-12", "--db", str(path),
               cwd=tmp_path)
    assert base.returncode == 0, base.stderr
    bad = run("dues", "base", wu, "--kind", "employed", "--income", "-5", "--from", "2025-12", "--db", str(path),
              cwd=tmp_path)
    assert bad.returncode != 0 and "月收入" in bad.stderr
    roll = json.loads(run("dues", "--month", "2026-02", "--json", "--db", str(path), cwd=tmp_path).stdout)
    (line,) = [l for l in roll if l["member_id"] == wu]
    assert {k: line[k] for k in ("name", "kind", "base", "rate", "due", "paid", "arrears_months")} == {
        "name": "吴预备", "kind": "employed", "base": "3000.01", "rate": "0.01", "due": "30.00", "paid": "0.00",
        "arrears_months": 3}
    paid = run("dues", "pay", wu, "--months", "2025-12..2026-02", "--amount", "90", "--date", "2026-02-10",
               "--receipt", "A-001", "--db", str(path), cwd=tmp_path)
    assert paid.returncode == 0, paid.stderr
    again = run("dues", "pay", wu, "--months", "2026-02", "--amount", "30", "--date", "2026-02-11", "--db", str(path),
                cwd=tmp_path)
    assert again.returncode != 0 and "已交" in again.stderr
    roll = json.loads(run("dues", "--month", "2026-02", "--json", "--db", str(path), cwd=tmp_path).stdout)
    (line,) = [l for l in roll if l["member_id"] == wu]
    assert (line["paid"], line["arrears_months"]) == ("30.00", 0)
    text = run("dues", "--month", "2026-02", "--db", str(path), cwd=tmp_path)
    assert "吴预备" in text.stdout and "30.00" in text.stdout

    # The roll for collecting, as Excel: a signature column, the paid amount as a number, a total line.
    sheet = tmp_path / "党费收缴登记表.xlsx"
    written = run("dues", "--month", "2026-02", "-o", str(sheet), "--db", str(path), cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    rows = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))
    assert rows[0][0] == "红星社区党支部党费收缴登记表（2026-02）" and rows[1][-1] == "本人签名"
    (wu_row,) = [r for r in rows if r[1] == "吴预备"]
    assert (wu_row[3], wu_row[5], wu_row[6], wu_row[7], wu_row[-1]) == (3000.01, 30, 30, 0, None)
    assert rows[-1][1] == "合计"
    wrong = run("dues", "-o", str(tmp_path / "roll.pdf"), "--db", str(path), cwd=tmp_path)
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr

    # The member's file (一人一档), masked: the payment is in it, the full ID number is not.
    file = tmp_path / "吴预备.pdf"
    made = run("report", "member", wu, "-o", str(file), "--mask", "--db", str(path), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    text = "".join(p.extract_text() for p in PdfReader(file).pages)
    assert "党费收缴" in text and "A-001" in text and "脱敏版" in text and not re.search(r"\d{17}[\dX]", text)
    unknown = run("report", "member", "00000000-0000-0000-0000-000000000001", "-o", str(tmp_path / "x.pdf"),
                  "--db", str(path), cwd=tmp_path)
    assert unknown.returncode == 2 and "list members" in unknown.stderr and not (tmp_path / "x.pdf").exists()

    funds = run("funds", "--year", str(date.today().year), "--json", "--db", str(path), cwd=tmp_path)
    assert funds.returncode == 0, funds.stderr
    body = json.loads(funds.stdout)
    assert (body["balance"], body["entries"], body["standard"]) == ("0.00", [], "1800.00")
