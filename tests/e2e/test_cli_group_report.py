"""`dj-desktop report group GROUP_NAME --year YYYY -o FILE.pdf --db PATH` run as a user would."""

from __future__ import annotations

import sys
from pathlib import Path

from pypdf import PdfReader

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from tests.e2e.cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from group_manual_world import fill  # noqa: E402


def test_report_group_writes_the_book_and_names_the_known_groups(tmp_path, db_path):
    db = open_database(db_path)
    try:
        fill(build_services(db), db)
    finally:
        db.dispose()
    out = tmp_path / "第一党小组.pdf"
    done = run("--lang", "zh_CN", "report", "group", "第一党小组", "--year", "2026", "-o", str(out),
               "--db", str(db_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "第一党小组" in text and "党小组手册" in text and "学习二十届三中全会精神" in text and "邻里互助岗" in text
    unknown = run("--lang", "zh_CN", "report", "group", "第九党小组", "--year", "2026", "-o",
                  str(tmp_path / "x.pdf"), "--db", str(db_path), cwd=tmp_path)
    assert unknown.returncode == 2 and not (tmp_path / "x.pdf").exists()
    assert "没有名为“第九党小组”的党小组" in unknown.stderr and "第一党小组、第二党小组" in unknown.stderr
    future = run("--lang", "zh_CN", "report", "group", "第一党小组", "--year", "2999", "-o",
                 str(tmp_path / "y.pdf"), "--db", str(db_path), cwd=tmp_path)
    assert future.returncode == 2 and "2999" in future.stderr
