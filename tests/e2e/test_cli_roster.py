"""``dj-desktop roster …`` run as a real process: template, import (good and bad), export, list, undo."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from roster_workbooks import HEADERS, member_row, write_rows

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run([python, "-m", "dj_desktop", "--lang", "zh_CN", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def branch_db(db_path):
    db = open_database(db_path)
    services = build_services(db)
    branch = services.organisation.create_first_branch("城关社区党支部")
    services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)
    db.dispose()
    return db_path


def _digest(path: Path) -> str:
    # Checkpoint the WAL first so that the main file holds everything.
    import sqlite3
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        dump = "\n".join(conn.iterdump())
    return hashlib.sha256(dump.encode()).hexdigest()


def test_roster_commands_end_to_end(branch_db, tmp_path):
    template = tmp_path / "模板.xlsx"
    done = run("roster", "template", str(template), "--db", str(branch_db))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(template).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS
    assert '"第一党小组"' in [dv.formula1 for dv in sheet.data_validations.dataValidation]

    good = write_rows(tmp_path / "good.xlsx", [member_row(n) for n in range(1, 6)])
    done = run("roster", "import", str(good), "--db", str(branch_db))
    assert done.returncode == 0, done.stderr
    assert "新增 5 人" in done.stdout and "更新 0 人" in done.stdout

    out = tmp_path / "export.xlsx"
    done = run("roster", "export", str(out), "--db", str(branch_db))
    assert done.returncode == 0, done.stderr
    assert "5 名党员" in done.stdout
    assert load_workbook(out).worksheets[0].cell(row=6, column=6).value == member_row(5)["身份证号"]

    before = _digest(branch_db)
    bad = write_rows(tmp_path / "bad.xlsx", [member_row(6), member_row(7, 入党时间="2019-02-30"),
                                             member_row(8, 所在党小组="不存在的小组")])
    done = run("roster", "import", str(bad), "--db", str(branch_db))
    assert done.returncode != 0
    assert "第 3 行“入党时间”" in done.stderr and "第 4 行“所在党小组”" in done.stderr
    assert "第一党小组" in done.stderr and "本次未导入任何数据" in done.stderr
    assert _digest(branch_db) == before

    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    done = run("roster", "import", str(xls), "--db", str(branch_db))
    assert done.returncode == 2 and "另存为" in done.stderr
    assert _digest(branch_db) == before

    done = run("roster", "imports", "--db", str(branch_db))
    assert done.returncode == 0
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and "good.xlsx" in lines[0] and "新增 5 人" in lines[0]
    done = run("roster", "undo", lines[0].split()[0], "--db", str(branch_db))
    assert done.returncode == 0 and "删除新增的党员 5 人" in done.stdout, done.stderr
    db = open_database(branch_db)
    try:
        assert build_services(db).members.roster() == []
    finally:
        db.dispose()
