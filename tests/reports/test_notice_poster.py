"""A notice poster printed from the command line: refused before approval, A4 and A3, text extracted."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from cli_helpers import run  # noqa: E402
from tests.core.manual_world import build_world  # noqa: E402


def test_print_an_approved_notice_in_large_type(tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    world = build_world(db)
    services = build_services(db)
    n = services.notices.propose(branch_id=world.branch, kind="decision", title="关于开展志愿服务的决定",
                                 body="全体党员参加社区志愿服务。\n时间：每月第一个星期六。", by="李组织",
                                 on=date(2026, 3, 1), today=date(2026, 3, 5))
    db.dispose()
    refused = run("report", "notice", str(n.id), "-o", str(tmp_path / "n.pdf"), "--db", str(path), cwd=tmp_path)
    assert refused.returncode == 2 and "审批" in refused.stderr and not (tmp_path / "n.pdf").exists()
    db = open_database(path)
    services = build_services(db)
    services.notices.advance(n.id, "reviewed", by="赵宣传", on=date(2026, 3, 2), today=date(2026, 3, 5))
    services.notices.advance(n.id, "approved", by="王书记", on=date(2026, 3, 3), today=date(2026, 3, 5))
    services.notices.advance(n.id, "posted", by="李组织", on=date(2026, 3, 4), post_until=date(2026, 3, 18),
                             today=date(2026, 3, 5))
    db.dispose()
    for paper in ("A4", "A3"):
        out = tmp_path / f"{paper}.pdf"
        done = run("report", "notice", str(n.id), "-o", str(out), "--paper", paper, "--db", str(path), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        page = PdfReader(out).pages[0]
        text = page.extract_text()
        assert "关于开展志愿服务的决定" in text and "每月第一个星期六" in text and "红星社区党支部" in text
        assert "王书记" in text and "2026年3月18日" in text
        width = float(page.mediabox.width)
        assert round(width) == (842 if paper == "A3" else 595)
