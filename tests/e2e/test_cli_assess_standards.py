"""`dj-desktop assess standards export/import`: a standard as a file, checked on import and stored as a
new version of the rule set; a submitted assessment keeps the version it was scored with."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services

from cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from manual_world import build_world  # noqa: E402

MANUAL = {"self.development": "4", "team.study": "5", "ranks.models": "3", "basics.files": "4",
          "centre.tasks": "9.5", "culture.activities": "8", "democracy.open": "7"}


def test_export_edit_and_import_a_standard(tmp_path):
    db_file = tmp_path / "branch.db"
    db = open_database(db_file)
    build_world(db)
    services = build_services(db)
    services.assessment.save(period="2025", standard="star", scores=MANUAL)
    frozen = services.assessment.submit(period="2025", standard="star")
    db.dispose()
    db_arg = ("--db", str(db_file))

    out = tmp_path / "star.json"
    done = run("assess", "standards", "export", "star", "-o", str(out), *db_arg, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["from"] == "assessment@2006" and data["standard"]["total"] == 100

    # Refused, with the item named: an unknown rule; items that do not add up to the total.
    bad = json.loads(json.dumps(data))
    bad["standard"]["categories"][0]["items"][0]["rule"] = "no_such_rule"
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    refused = run("assess", "standards", "import", str(tmp_path / "bad.json"), *db_arg, cwd=tmp_path)
    assert refused.returncode == 2 and "self.committee" in refused.stderr and "no_such_rule" in refused.stderr
    bad = json.loads(json.dumps(data))
    bad["standard"]["categories"][0]["items"][0]["points"] = 13
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    refused = run("assess", "standards", "import", str(tmp_path / "bad.json"), *db_arg, cwd=tmp_path)
    assert refused.returncode == 2 and "101" in refused.stderr and "100" in refused.stderr
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert run("assess", "standards", "import", str(tmp_path / "bad.json"), *db_arg, cwd=tmp_path).returncode == 2

    # An edited standard: 11 points for the committee, one point for a new item; a new version.
    edited = json.loads(json.dumps(data))
    first = edited["standard"]["categories"][0]["items"]
    first[0]["points"] = 11
    first.append({"id": "self.extra", "title": "党建品牌创建", "points": 1, "rule": "manual"})
    (tmp_path / "edited.json").write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    stored = run("assess", "standards", "import", str(tmp_path / "edited.json"), "--version", "2026-edit",
                 "--from", "2026-01-01", "--json", *db_arg, cwd=tmp_path)
    assert stored.returncode == 0, stored.stderr
    assert json.loads(stored.stdout) == {"rule_set": "assessment", "version": "2026-edit",
                                         "effective_from": "2026-01-01"}
    listed = {s["name"]: s for s in json.loads(run("assess", "standards", "--json", *db_arg, cwd=tmp_path).stdout)}
    assert (listed["star"]["version"], listed["star"]["items"]) == ("2026-edit", 18)
    assert set(listed) == {"star", "wuhao", "sanyou"}          # the other standards are carried over
    again = run("assess", "standards", "import", str(tmp_path / "edited.json"), "--version", "2026-edit",
                *db_arg, cwd=tmp_path)
    assert again.returncode == 2                                 # a version name is taken only once

    # The submitted 2025 assessment keeps the standard it was scored with.
    db = open_database(db_file)
    try:
        sheet = build_services(db).assessment.sheet(period="2025", standard="star")
        assert sheet.standard.version == "2006" and sheet.total == frozen.total and len(sheet.items) == 17
        current = build_services(db).assessment.sheet(period="2026", standard="star", today=date(2026, 11, 1))
        assert current.standard.version == "2026-edit" and len(current.items) == 18
    finally:
        db.dispose()
