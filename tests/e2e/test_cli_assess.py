"""`dj-desktop assess standards` and `dj-desktop assess --period … --standard …` run as a user would."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from dj_desktop.core.db import open_database
from dj_desktop.core.models import Meeting

from cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from manual_world import build_world  # noqa: E402


def test_standards_and_a_self_assessment_on_the_command_line(tmp_path):
    db_file = tmp_path / "branch.db"
    db = open_database(db_file)
    world = build_world(db)
    with db.sessions.begin() as s:
        meetings = [Meeting(branch_id=world.branch, kind="committee_meeting", held_on=date(2025, m, 8))
                    for m in (1, 2, 3)]
        s.add_all(meetings)
    ids = sorted(str(m.id) for m in meetings)
    db.dispose()
    db_arg = ("--db", str(db_file))

    listed = run("assess", "standards", "--json", *db_arg, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    standards = {s["name"]: s for s in json.loads(listed.stdout)}
    assert set(standards) == {"star", "wuhao", "sanyou"}
    assert standards["star"] == {"name": "star", "version": "2006", "total": 100, "items": 17,
                                 "source": standards["star"]["source"]}
    assert "种子文件003" in standards["star"]["source"] and standards["sanyou"]["total"] == 7
    text = run("assess", "standards", *db_arg, cwd=tmp_path)
    assert "星级党支部考核标准" in text.stdout and "100" in text.stdout

    scored = run("assess", "--period", "2025", "--standard", "star", "--json", *db_arg, "-o",
                 str(tmp_path / "handbook.pdf"), cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert {"items", "total", "stars", "vetoed"} <= set(result)
    committee = next(i for i in result["items"] if i["id"] == "self.committee")
    assert (committee["max"], committee["auto_score"], sorted(committee["evidence"])) == (12, 3, ids)
    manual = next(i for i in result["items"] if i["id"] == "centre.tasks")
    assert manual["auto_score"] is None and manual["evidence"] == []
    assert set(result["items"][0]) >= {"id", "title", "max", "auto_score", "evidence"}
    assert result["vetoed"] is False and result["stars"] == 1 and result["total"] == committee["auto_score"] + 5   # the committee term
    pdf_text = "".join(p.extract_text() for p in PdfReader(tmp_path / "handbook.pdf").pages)
    assert "党支部工作考核手册" in pdf_text and "红星社区党支部" in pdf_text and "支委会每月召开" in pdf_text
    # Contents, every section, the evidence list with the meetings' dates, the signatures, the source.
    for words in ("目 录", "一、考核结果", "二、自身建设", "八、民主管理", "九、一票否决、扣分和签字", "十、考核标准的出处",
                  "2025年2月8日", "支部书记（签字）", "上级党组织考核意见", "未核实", "星级：★（1星级）"):
        assert words in pdf_text.replace("\n", ""), words

    compared = run("assess", "compare", "--period", "2025", "--json", "-o", str(tmp_path / "比较.xlsx"), *db_arg,
                   cwd=tmp_path)
    assert compared.returncode == 0, compared.stderr
    branches = json.loads(compared.stdout)["branches"]
    assert [(b["name"], b["total"], b["status"]) for b in branches] == [("红星社区党支部", 8, "new")]
    assert (tmp_path / "比较.xlsx").stat().st_size > 0
    wrong = run("assess", "compare", "--period", "2025", "-o", str(tmp_path / "比较.docx"), *db_arg, cwd=tmp_path)
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr

    empty = run("assess", "--period", "2024-Q1", "--standard", "wuhao", "--json", *db_arg, cwd=tmp_path)
    assert empty.returncode == 0, empty.stderr
    assert "没有台账记录" in json.loads(empty.stdout)["notes"][0]

    bad = run("assess", "--period", "2025-Q5", "--standard", "star", *db_arg, cwd=tmp_path)
    assert bad.returncode == 2 and "不是考核期间" in bad.stderr
    unknown = run("assess", "--period", "2025", "--standard", "gold", *db_arg, cwd=tmp_path)
    assert unknown.returncode == 2 and "gold" in unknown.stderr and "star" in unknown.stderr
    missing = run("assess", *db_arg, cwd=tmp_path)
    assert missing.returncode == 2 and "--period" in missing.stderr
