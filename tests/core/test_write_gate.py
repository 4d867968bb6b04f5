"""Reads before the file check's verdict, writes after it (core/write_gate.py): a database opened with
``check_later`` (as the window opens it) answers reads at once, while its first write waits for the
check and fails, writing nothing, when the file is damaged."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select, text

from dj_desktop.core import db_files
from dj_desktop.core.db import open_database
from dj_desktop.core.db_files import DatabaseDamagedError
from dj_desktop.core.models import LocalSetting
from dj_desktop.core.services import build_services
from dj_desktop.core.write_gate import reads_only


class _HeldCheck:
    """An integrity check the test ends by hand, with the verdict it chooses."""

    made: list["_HeldCheck"] = []

    def __init__(self, path, explain=str) -> None:
        self.path, self.done, self.error, self.waits = path, threading.Event(), None, 0
        _HeldCheck.made.append(self)

    @property
    def running(self) -> bool:
        return not self.done.is_set()

    def finish(self, error: Exception | None = None) -> None:
        self.error = error
        self.done.set()

    def wait(self) -> None:
        self.waits += 1
        self.done.wait()
        if self.error is not None:
            raise self.error

    def finish_quietly(self) -> None:
        self.done.wait()


@pytest.fixture
def held(monkeypatch):
    _HeldCheck.made.clear()
    monkeypatch.setattr(db_files, "IntegrityCheck", _HeldCheck)
    return _HeldCheck.made


def _in_thread(work) -> tuple[threading.Thread, list]:
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:        # noqa: BLE001 (the test looks at it)
            outcome.append(exc)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_reads_go_ahead_while_the_check_runs_and_a_save_waits_for_it(services, db_path, held):
    services.organisation.create_first_branch("幸福里社区党支部")
    services.db.dispose()
    db = open_database(db_path, check_later=True)
    check = held[0]
    try:
        later = build_services(db)
        branch = later.organisation.first_branch()
        assert branch.name == "幸福里社区党支部" and check.waits == 0   # reading asked nothing of the check

        thread, outcome = _in_thread(lambda: later.organisation.rename_unit(branch.id, "幸福里第一党支部"))
        thread.join(0.3)
        assert thread.is_alive() and not outcome     # the save waits for the verdict …
        check.finish()
        thread.join(10)
        assert not thread.is_alive() and not isinstance(outcome[0], Exception)   # … and then goes ahead
        assert later.organisation.first_branch().name == "幸福里第一党支部"
        later.organisation.rename_unit(branch.id, "幸福里第二党支部")     # once passed, nothing more waits
        assert check.waits == 1
    finally:
        check.finish()
        db.dispose()


def test_a_save_on_a_damaged_file_fails_with_the_damage_and_writes_nothing(services, db_path, held):
    services.organisation.create_first_branch("幸福里社区党支部")
    services.db.dispose()
    before = db_path.read_bytes()
    db = open_database(db_path, check_later=True)
    check = held[0]
    try:
        later = build_services(db)
        branch = later.organisation.first_branch()
        check.finish(DatabaseDamagedError("台账文件已损坏", db_path))
        with pytest.raises(DatabaseDamagedError, match="已损坏"):
            later.organisation.rename_unit(branch.id, "幸福里第一党支部")
        with pytest.raises(DatabaseDamagedError):               # every later write too
            with db.engine.begin() as conn:
                conn.exec_driver_sql("UPDATE local_setting SET value = value")
        assert later.organisation.first_branch().name == "幸福里社区党支部"
    finally:
        db.dispose()
    assert db_path.read_bytes() == before


def test_disposing_waits_for_the_check_to_end(db_path, held):
    """A restore or a password change replaces the file after disposing: no check may still read it."""
    open_database(db_path).dispose()            # given its site id (a first opening writes it)
    db = open_database(db_path, check_later=True)
    thread, outcome = _in_thread(db.dispose)
    thread.join(0.3)
    assert thread.is_alive()
    held[0].finish(DatabaseDamagedError("台账文件已损坏", db_path))     # its verdict is not needed
    thread.join(10)
    assert outcome == [None]


@pytest.mark.parametrize(("statement", "reads"), [
    (lambda conn: conn.execute(select(LocalSetting.key)), True),
    (lambda conn: conn.execute(text("SELECT 1")), True),
    (lambda conn: conn.exec_driver_sql("\n  select 1"), True),
    (lambda conn: conn.exec_driver_sql("WITH t AS (SELECT 1) SELECT * FROM t"), False),   # may write: waits
    (lambda conn: conn.exec_driver_sql("PRAGMA user_version = 0"), False),
    (lambda conn: conn.execute(LocalSetting.__table__.insert(), [{"key": "k", "value": 1}]), False),
    (lambda conn: conn.execute(text("UPDATE local_setting SET value = value")), False),
    (lambda conn: conn.execute(LocalSetting.__table__.delete()), False),
])
def test_only_a_select_counts_as_a_read(db, statement, reads):
    seen = []

    def look(conn, cursor, sql, parameters, context, executemany) -> None:
        seen.append(reads_only(sql, context))

    event.listen(db.engine, "before_cursor_execute", look)
    with db.engine.connect() as conn:
        statement(conn)
        conn.rollback()
    assert seen == [reads]
