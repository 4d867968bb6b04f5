"""``dj-desktop office compliance`` run as the office would: the JSON keys are a contract."""

from __future__ import annotations

import json

from tests.e2e.cli_helpers import run


def test_compliance_json_and_text(tmp_path, demo_copy):
    db = demo_copy(tmp_path / "demo.db")
    done = run("office", "compliance", "--date", "2026-11-28", "--json", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)
    assert set(row) == {"branch_id", "branch", "overdue", "due", "by_kind", "oldest_overdue", "state"}
    assert row["overdue"] == sum(row["by_kind"].values()) and row["branch"].endswith("党支部")
    reminders = json.loads(run("reminders", "--date", "2026-11-28", "--json", "--db", str(db), cwd=tmp_path).stdout)
    assert row["overdue"] == sum(r["status"] == "overdue" for r in reminders)
    assert row["oldest_overdue"] == min(r["due"] for r in reminders if r["status"] == "overdue")
    text = run("office", "compliance", "--date", "2026-11-28", "--db", str(db), cwd=tmp_path)
    assert row["branch"] in text.stdout
    bad = run("office", "compliance", "--date", "28.11.2026", "--db", str(db), cwd=tmp_path)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
