"""Opening databases: migrations from empty, backup before migrating, bad files, identity and history."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from dj_desktop.core import db as dbmod
from dj_desktop.core.books import load_books
from dj_desktop.core.db import create_db_engine, head_revisions, open_database
from dj_desktop.core.errors import DatabaseOpenError
from dj_desktop.core.models import Base, Organisation, RecordHistory
from dj_desktop.core.tracking import HardDeleteRefused
from dj_desktop.devtools.kill_harness import foundation_database


def test_migrations_from_empty_reach_every_head_and_match_the_models(tmp_path):
    load_books()  # every registered book's table too
    database = open_database(tmp_path / "new.db")
    assert dbmod.current_revisions(database.engine) == head_revisions()
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    database.dispose()


def test_older_database_is_backed_up_then_migrated(tmp_path):
    if head_revisions() == {"0001_foundation"}:
        pytest.skip("only one revision exists; nothing to migrate from")
    path = tmp_path / "old.db"
    foundation_database(path)
    database = open_database(path)
    backups = list(tmp_path.glob("old.db.pre-migration-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("select name from organisation").fetchall() == [("老支部",)]
    with database.sessions() as s:
        assert s.scalars(select(Organisation.name)).all() == ["老支部"]
    database.dispose()


def test_failed_migration_restores_the_backup(tmp_path, monkeypatch):
    if head_revisions() == {"0001_foundation"}:
        pytest.skip("only one revision exists; nothing to migrate from")
    path = tmp_path / "old.db"
    foundation_database(path)
    real_upgrade = command.upgrade

    def upgrade_then_fail(cfg, revision):
        real_upgrade(cfg, revision)
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    with pytest.raises(RuntimeError):
        dbmod.migrate(create_db_engine(f"sqlite:///{path}"), sqlite_path=path)
    engine = create_db_engine(f"sqlite:///{path}")
    assert dbmod.current_revisions(engine) == {"0001_foundation"}
    engine.dispose()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(DatabaseOpenError, match="不是本程序的数据库"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库"


def test_damaged_database_is_refused(tmp_path, db_path):
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    broken = tmp_path / "broken.db"
    broken.write_bytes(bytes(data))
    with pytest.raises(DatabaseOpenError):
        open_database(broken)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseOpenError, match="文件夹"):
        open_database(tmp_path)


def test_read_only_folder_gives_a_clear_message(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root ignores permission bits: simulate the refusal
        def refuse(self, data):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(Path, "write_bytes", refuse)
    else:
        folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseOpenError, match="只读"):
            open_database(folder / "branch.db")
    finally:
        folder.chmod(0o700)
    assert not (folder / "branch.db").exists()


def test_missing_file_without_create(tmp_path):
    with pytest.raises(DatabaseOpenError, match="不存在"):
        open_database(tmp_path / "none.db", create=False)


def test_locked_database_gives_a_clear_message(tmp_path):
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseOpenError, match="其他程序"):
            open_database(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_identity_fields_history_and_tombstones(db):
    with db.sessions.begin() as s:
        unit = Organisation(name="第一党支部", kind="branch")
        s.add(unit)
    assert unit.origin == db.site_id and unit.version == 1 and unit.change_seq >= 1
    first_seq = unit.change_seq
    with db.sessions.begin() as s:
        s.info["reason"] = "更正名称"
        row = s.get(Organisation, unit.id)
        row.name = "第二党支部"
    with db.sessions.begin() as s:
        row = s.get(Organisation, unit.id)
        assert row.version == 2 and row.change_seq > first_seq
        assert row.field_versions == {"name": [2, db.site_id]}
        row.deleted = True
    with db.sessions() as s:
        history = s.scalars(select(RecordHistory).where(RecordHistory.record_id == unit.id)
                            .order_by(RecordHistory.id)).all()
        assert [h.action for h in history] == ["create", "update", "delete"]
        assert history[1].changes == {"name": ["第一党支部", "第二党支部"]}
        assert history[1].reason == "更正名称"
        assert [h.change_seq for h in history] == sorted(h.change_seq for h in history)
    with pytest.raises(HardDeleteRefused):
        with db.sessions.begin() as s:
            s.delete(s.get(Organisation, unit.id))


def test_a_database_from_a_newer_program_is_refused_unchanged(tmp_path, db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
        conn.execute("DELETE FROM local_setting WHERE key = 'schema_signature'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="更新版本"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_reopening_an_up_to_date_database_skips_the_migration_check(db_path, monkeypatch):
    open_database(db_path).dispose()
    monkeypatch.setattr(dbmod, "migrate", lambda *a, **k: pytest.fail("migration check ran"))
    open_database(db_path).dispose()


def test_each_database_gets_its_own_site_id(tmp_path):
    a = open_database(tmp_path / "a.db")
    b = open_database(tmp_path / "b.db")
    assert a.site_id != b.site_id
    reopened_site = a.site_id
    a.dispose()
    assert open_database(tmp_path / "a.db").site_id == reopened_site
    b.dispose()


def test_a_field_written_over_other_sites_edits_remembers_them():
    from dj_desktop.core.tracking import field_stamp

    assert field_stamp(2, "b", None) == [2, "b"]
    assert field_stamp(3, "b", [2, "a"]) == [3, "b", {"a": 2}]                  # written on top of a's edit
    assert field_stamp(4, "b", [3, "b", {"a": 2}]) == [4, "b", {"a": 2}]        # b again: a's edit stays seen
    assert field_stamp(5, "c", [4, "b", {"a": 2}]) == [5, "c", {"a": 2, "b": 4}]  # a copy of a copy
    assert field_stamp(6, "a", [5, "c", {"a": 2, "b": 4}]) == [6, "a", {"b": 4, "c": 5}]
    assert field_stamp(3, "a", [2, "a"]) == [3, "a"]
