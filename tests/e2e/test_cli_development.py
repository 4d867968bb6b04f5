"""`dj-desktop development …` and `calendar …` run as a user would: add, steps accepted and refused
with the rule in Chinese, sponsors and meeting votes from options, the JSON list, the calendar."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from dj_desktop.core.db import open_database
from dj_desktop.core.rules.id_number import make_id_number
from dj_desktop.core.services import build_services

from cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.core.development_world import add_person, make_branch, walk  # noqa: E402


def test_development_and_calendar_from_the_command_line(tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    services = build_services(db)
    branch, meeting = make_branch(services)
    walked = add_person(services, branch, name="钱发展")
    walk(services, walked, meeting, up_to=8)
    db.dispose()
    db_opt = ("--db", str(path))

    young = make_id_number("110101", date(2009, 1, 2), 14, gender="male")
    refused = run("development", "add", "--name", "小孙", "--id-number", young, "--applied", "2026-03-01", *db_opt,
                  cwd=tmp_path)
    assert refused.returncode != 0 and "18" in refused.stderr and "2027年1月2日" in refused.stderr
    adult = make_id_number("110101", date(1990, 1, 2), 14, gender="male")
    added = run("development", "add", "--name", "孙申请", "--id-number", adult, "--applied", "2026-01-31",
                "--rules", "2014", *db_opt, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    person = added.stdout.strip()
    late = run("development", "step", person, "2", "--date", "2026-03-01", "--by", "王书记", *db_opt, cwd=tmp_path)
    assert late.returncode != 0 and "第七条" in late.stderr and "2026年2月28日" in late.stderr
    missing = run("development", "step", person, "2", "--date", "2026-02-28", *db_opt, cwd=tmp_path)
    assert missing.returncode != 0 and "--by" in missing.stderr
    on_time = run("development", "step", person, "2", "--date", "2026-02-28", "--by", "王书记", *db_opt, cwd=tmp_path)
    assert on_time.returncode == 0, on_time.stderr
    early = run("development", "step", person, "4", "--date", "2026-03-02", *db_opt, cwd=tmp_path)
    assert early.returncode != 0 and "第3步" in early.stderr

    bad_sponsor = run("development", "step", str(walked), "9", "--date", "2024-03-06", "--sponsor", "王书记",
                      "--sponsor", "赵预备", *db_opt, cwd=tmp_path)
    assert bad_sponsor.returncode != 0 and "赵预备" in bad_sponsor.stderr
    sponsors = run("development", "step", str(walked), "9", "--date", "2024-03-06", "--sponsor", "王书记",
                   "--sponsor", "李委员", "--note", "两名正式党员", *db_opt, cwd=tmp_path)
    assert sponsors.returncode == 0, sponsors.stderr

    listed = json.loads(run("development", "--json", *db_opt, cwd=tmp_path).stdout)
    by_name = {p["name"]: p for p in listed}
    assert set(by_name["孙申请"]) == {"id", "name", "stage", "last_step", "next_step"}
    assert by_name["孙申请"]["stage"] == "applicant" and by_name["孙申请"]["last_step"] == 2
    assert by_name["孙申请"]["next_step"] == {"no": 3, "name": "推荐和确定入党积极分子", "earliest": None,
                                            "latest": None, "provisional": False}
    assert by_name["钱发展"]["stage"] == "candidate" and by_name["钱发展"]["next_step"]["no"] == 10

    assert run("calendar", "add-holiday", "2026-10-01..2026-10-08", *db_opt, cwd=tmp_path).returncode == 0
    assert run("calendar", "add-workday", "2026-09-27", *db_opt, cwd=tmp_path).returncode == 0
    wrong = run("calendar", "add-holiday", "2026-10-08..2026-10-01", *db_opt, cwd=tmp_path)
    assert wrong.returncode != 0 and "早于" in wrong.stderr
    shown = json.loads(run("calendar", "--year", "2026", "--json", *db_opt, cwd=tmp_path).stdout)
    assert shown["covered_years"] == [2026] and len(shown["days"]) == 9
    assert shown["days"][0] == {"day": "2026-09-27", "kind": "workday"}
    missing_year = run("calendar", "--year", "2027", *db_opt, cwd=tmp_path)
    assert "2027" in missing_year.stdout and "暂算" in missing_year.stdout
