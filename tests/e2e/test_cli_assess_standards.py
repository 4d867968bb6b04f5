"""`assess standards export NAME -o F.json` and `assess standards import F.json --from DAY` as a user runs
them: a standard that does not add up is refused in Chinese with nothing added; a good one is listed."""

from __future__ import annotations

import json

from cli_helpers import run


def test_export_edit_import(tmp_path):
    db = str(tmp_path / "office.db")
    assert run("init", "--db", db, "--branch", "幸福里社区党支部", cwd=tmp_path).returncode == 0
    out = tmp_path / "wuhao.json"
    done = run("assess", "standards", "export", "wuhao", "-o", str(out), "--db", db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    data["standard"]["categories"][0]["items"][0]["points"] += 1
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused = run("assess", "standards", "import", str(out), "--from", "2026-01-01", "--db", db, cwd=tmp_path)
    assert refused.returncode == 2 and "总分" in refused.stderr
    data["standard"]["categories"][0]["items"][0]["points"] -= 1
    data["standard"]["title"] = "“五好”党支部（本镇）"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    added = run("assess", "standards", "import", str(out), "--from", "2026-01-01", "--label", "2026-town",
                "--db", db, cwd=tmp_path)
    assert added.returncode == 0 and "assessment@2026-town" in added.stdout, added.stderr
    listed = json.loads(run("assess", "standards", "--json", "--db", db, cwd=tmp_path).stdout)
    assert {(s["name"], s["version"]) for s in listed} >= {("wuhao", "2026-town"), ("star", "2026-town")}
