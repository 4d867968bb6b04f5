"""`dj-desktop rules`, `rules show`, `rules add` run as a user would, in a subprocess."""

from __future__ import annotations

import json

from dj_desktop.core.db import open_database
from dj_desktop.core.rulesets.loader import shipped_versions

from cli_helpers import run


def test_list_show_and_add_a_rule_version(tmp_path):
    db = tmp_path / "branch.db"
    open_database(db).dispose()
    listed = run("rules", "--json", "--db", str(db), cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rule_sets = {r["name"]: r for r in json.loads(listed.stdout)}
    assert {"cadence", "dues", "funds", "organisation"} <= set(rule_sets)
    cadence = rule_sets["cadence"]
    assert [(v["version"], v["effective_from"], v["origin"]) for v in cadence["versions"]] == [
        ("2018", "2018-10-28", "shipped")]
    assert "中国共产党支部工作条例（试行）" in cadence["versions"][0]["sources"][0]["document"]

    text = run("rules", "--db", str(db), cwd=tmp_path)
    assert "2018" in text.stdout and "自 2018-10-28 起生效" in text.stdout and "第十一条" in text.stdout

    new = shipped_versions("cadence")[0].to_json()
    new.update(version="2025", effective_from="2025-01-01", note="",
               sources=[{"document": "《某县三会一课实施细则》", "articles": ["第三条"]}])
    new["content"]["study_hours"] = 48
    (tmp_path / "2025.json").write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    added = run("rules", "add", str(tmp_path / "2025.json"), "--db", str(db), cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "cadence@2025" in added.stdout

    shown = run("rules", "show", "cadence", "--date", "2025-01-01", "--json", "--db", str(db), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    body = json.loads(shown.stdout)
    assert (body["ref"], body["origin"], body["content"]["study_hours"]) == ("cadence@2025", "local", 48)
    before = json.loads(run("rules", "show", "cadence", "--date", "2024-12-31", "--json", "--db", str(db),
                            cwd=tmp_path).stdout)
    assert before["version"] == "2018"
    old = run("rules", "show", "cadence", "--version", "2018", "--db", str(db), cwd=tmp_path)
    assert "规则集 cadence，版本 2018" in old.stdout and "说明：" in old.stdout and '"study_hours": 32' in old.stdout


def test_bad_input_says_what_to_fix_and_changes_nothing(tmp_path):
    db = tmp_path / "branch.db"
    open_database(db).dispose()
    bad = {"rule_set": "cadence", "version": "2025", "effective_from": "2025-13-01", "sources": [],
           "content": {"cadences": {}}}
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    refused = run("rules", "add", str(tmp_path / "bad.json"), "--db", str(db), cwd=tmp_path)
    assert refused.returncode == 2
    assert "没有添加这个版本" in refused.stderr and "生效日期" in refused.stderr and "来源" in refused.stderr
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    broken = run("rules", "add", str(tmp_path / "broken.json"), "--db", str(db), cwd=tmp_path)
    assert broken.returncode == 2 and "不是有效的 JSON" in broken.stderr
    missing = run("rules", "add", str(tmp_path / "nope.json"), "--db", str(db), cwd=tmp_path)
    assert missing.returncode == 2 and "不存在" in missing.stderr
    unknown = run("rules", "show", "no_such_rules", "--db", str(db), cwd=tmp_path)
    assert unknown.returncode == 2 and "cadence" in unknown.stderr
    no_version = run("rules", "show", "cadence", "--version", "1999", "--db", str(db), cwd=tmp_path)
    assert no_version.returncode == 2 and "没有版本 1999" in no_version.stderr
    too_early = run("rules", "show", "cadence", "--date", "2018-10-27", "--db", str(db), cwd=tmp_path)
    assert too_early.returncode == 2 and "还没有生效的版本" in too_early.stderr
    listed = json.loads(run("rules", "--json", "--db", str(db), cwd=tmp_path).stdout)
    cadence = next(r for r in listed if r["name"] == "cadence")   # rule sets are listed by name
    assert [v["version"] for v in cadence["versions"]] == ["2018"]
