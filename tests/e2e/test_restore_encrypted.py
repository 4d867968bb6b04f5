"""``dj-desktop restore`` of a backup of a password-protected database: the backup carries its key
file, the restore asks the password the database had then, a wrong one is refused in Chinese and
changes nothing, and after the round trip the old password opens the restored database again."""

from __future__ import annotations

import os
import subprocess
import sys

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from dj_desktop.core.sqlite_connect import forget_key
from tests.e2e.cli_helpers import PYTHON

OLD, NEW = "门前大桥下游过一群鸭", "快来快来数一数 2026"


def _run(*args, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("DJ_PASSWORD", "DJ_NEW_PASSWORD")}
    env.update({"LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"})
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run([python, "-m", "dj_desktop", "--lang", "zh_CN", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def _branches(db_file, password):
    forget_key(db_file)
    db = open_database(db_file, create=False, password=password)
    try:
        return [b.name for b in build_services(db).organisation.branches()]
    finally:
        db.dispose()
        forget_key(db_file)


def test_an_encrypted_backup_restores_with_its_own_password_only(tmp_path):
    db_file = tmp_path / "branch.db"
    db = open_database(db_file)
    build_services(db).organisation.create_first_branch("东风村党支部")
    db.dispose()
    for name, text in (("old", OLD), ("new", NEW), ("wrong", "门前大桥上游过一群鹅")):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    assert _run("password", "set", "--db", str(db_file), "--new-password-file", "old", cwd=tmp_path).returncode == 0
    made = _run("--password-file", "old", "backup", "--db", str(db_file), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    backup = made.stdout.strip().splitlines()[-1]
    changed = _run("password", "change", "--db", str(db_file), "--password-file", "old",
                   "--new-password-file", "new", cwd=tmp_path)
    assert changed.returncode == 0, changed.stderr

    before = db_file.read_bytes()
    refused = _run("restore", backup, "--db", str(db_file), "--password-file", "wrong", cwd=tmp_path)
    assert refused.returncode != 0
    assert "密码错误" in refused.stderr and "Traceback" not in refused.stderr
    assert db_file.read_bytes() == before                       # nothing changed
    assert _branches(db_file, NEW) == ["东风村党支部"]

    done = _run("restore", backup, "--db", str(db_file), "--password-file", "old", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not db_file.read_bytes().startswith(b"SQLite format 3")   # still encrypted on disk
    assert _branches(db_file, OLD) == ["东风村党支部"]              # the backup's own key file came back
    assert not list(tmp_path.glob(".branch.db.partial-*"))          # no leftovers
