"""`dj-desktop backup`, `backups --json` and `restore` run as a user would, in a subprocess."""

from __future__ import annotations

import json
import sqlite3

from tests.e2e.test_cli_init_demo import run


def test_backup_list_and_restore_from_the_command_line(tmp_path):
    db = tmp_path / "branch.db"
    assert run("init", "--db", str(db), "--branch", "幸福里社区党支部", cwd=tmp_path).returncode == 0
    done = run("backup", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    backup = done.stdout.strip()
    assert backup.endswith(".djbackup") and "幸福里社区党支部" in done.stderr

    stick = tmp_path / "U盘"
    on_stick = run("backup", "--to", str(stick), "--db", str(db), cwd=tmp_path)
    assert on_stick.returncode == 0 and on_stick.stdout.strip().startswith(str(stick))

    listed = run("backups", "--json", "--db", str(db), cwd=tmp_path)
    [entry] = json.loads(listed.stdout)
    assert entry["path"] == backup and entry["branch"] == "幸福里社区党支部" and entry["verified"] is True
    assert entry["reason"] == "manual" and entry["counts"]["organisation"] == 1

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE organisation SET name = '改错的名字'")
    restored = run("restore", backup, "--db", str(db), cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM organisation").fetchone() == ("幸福里社区党支部",)
    reasons = [e["reason"] for e in json.loads(run("backups", "--json", "--db", str(db), cwd=tmp_path).stdout)]
    assert sorted(reasons) == ["manual", "restore"]


def test_restore_of_a_file_that_is_not_a_backup_says_so(tmp_path):
    db = tmp_path / "branch.db"
    run("init", "--db", str(db), "--branch", "幸福里社区党支部", cwd=tmp_path)
    before = db.read_bytes()
    done = run("restore", str(db), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2 and "不是本程序生成的备份" in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == before
