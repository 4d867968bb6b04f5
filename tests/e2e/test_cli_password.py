"""``dj-desktop password set|change|remove`` end to end, and the CLI's error paths on a protected
database: clear messages, exit code 2, and never a member's name or ID number in the output or log."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dj_desktop.core.db import open_database
from dj_desktop.core.services import build_services
from tests.e2e.cli_helpers import PYTHON

PASSWORD, NEW = "门前大桥下游过一群鸭", "快来快来数一数 2026"


def _run(*args, cwd, env=None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DJ_PASSWORD", "DJ_NEW_PASSWORD")}
    full_env.update({"LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **(env or {})})
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run([python, "-m", "dj_desktop", "--lang", "en", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def protected(tmp_path_factory, demo_copy):
    folder = tmp_path_factory.mktemp("password")
    db_file = demo_copy(folder / "branch.db")
    db = open_database(db_file, create=False)
    try:
        members = build_services(db).members.roster(include_left=True)
    finally:
        db.dispose()
    secrets = {m.name for m in members} | {m.id_number for m in members if m.id_number}
    (folder / "pw").write_text(PASSWORD + "\n", encoding="utf-8")
    (folder / "pw2").write_text(NEW + "\n", encoding="utf-8")
    (folder / "wrong").write_text("门前大桥上游过一群鹅\n", encoding="utf-8")
    done = _run("password", "set", "--db", str(db_file), "--new-password-file", "pw", "--slip", "slip.pdf",
                cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder, db_file, secrets, done


def test_set_shows_the_recovery_key_and_prints_the_slip(protected):
    folder, db_file, _secrets, done = protected
    key = done.stdout.strip().splitlines()[-1]
    assert len(key.split("-")) == 6
    assert (folder / "slip.pdf").read_bytes().startswith(b"%PDF")
    assert not db_file.read_bytes().startswith(b"SQLite format 3")
    ok = _run("reminders", "--db", str(db_file), "--json", cwd=folder, env={"DJ_PASSWORD": PASSWORD})
    assert ok.returncode == 0 and ok.stdout.startswith("[")
    ok = _run("--password-file", "pw", "audit", "verify", "--db", str(db_file), cwd=folder)
    assert ok.returncode == 0, ok.stderr


ERROR_PATHS = [
    (("reminders", "--json"), {}, "protected by a password"),
    (("reminders", "--json"), {"DJ_PASSWORD": "门前大桥上游过一群鹅"}, "Wrong password"),
    (("--password-file", "wrong", "report", "roster", "-o", "r.pdf"), {}, "Wrong password"),
    (("--password-file", "missing-file", "reminders"), {}, "Cannot read the password file"),
    (("password", "set", "--new-password-file", "pw2"), {}, "already has a password"),
    (("password", "change", "--new-password-file", "pw2", "--password-file", "wrong"), {}, "Wrong password"),
    (("password", "remove", "--password-file", "wrong"), {}, "Wrong password"),
    (("password", "change", "--new-password-file", "pw2"), {}, "protected by a password"),
    (("--password-file", "pw", "roster", "import", "no-such.xlsx"), {}, "does not exist"),
    (("--password-file", "pw", "sync", "export", "--to", "stick"), {}, "not enrolled"),
]


@pytest.mark.parametrize(("args", "env", "message"), ERROR_PATHS, ids=[" ".join(a[0]) for a in ERROR_PATHS])
def test_error_paths_are_clear_and_never_show_personal_data(protected, args, env, message):
    folder, db_file, secrets, _done = protected
    before = db_file.read_bytes()
    done = _run(*args, "--db", str(db_file), cwd=folder, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    leaked = [s for s in secrets if s in done.stdout or s in done.stderr]
    assert leaked == []
    assert db_file.read_bytes() == before


def test_change_then_remove(protected):
    folder, db_file, _secrets, _done = protected
    done = _run("password", "change", "--db", str(db_file), "--password-file", "pw", "--new-password-file", "pw2",
                cwd=folder)
    assert done.returncode == 0, done.stderr
    assert _run("reminders", "--db", str(db_file), cwd=folder, env={"DJ_PASSWORD": PASSWORD}).returncode == 2
    done = _run("password", "remove", "--db", str(db_file), "--password-file", "pw2", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert db_file.read_bytes().startswith(b"SQLite format 3")
    assert _run("reminders", "--db", str(db_file), cwd=folder).returncode == 0
