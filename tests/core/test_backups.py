"""Backups: verified copies with attachments, retention, restore (atomic, current state first),
and the automatic backups before imports."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import datetime, timedelta

import pytest

from dj_desktop.core import backups
from dj_desktop.core.backups import keep_set, list_backups, read_backup, take_backup
from dj_desktop.core.db import open_database
from dj_desktop.core.errors import UserError
from dj_desktop.core.restore import restore_backup
from dj_desktop.core.services import build_services


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, demo_copy):
    return demo_copy(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def demo(tmp_path, demo_file):
    """A private copy of the demo database with its attachments."""
    path = tmp_path / "branch.db"
    info = take_backup(demo_file, tmp_path / "seed")
    restore_backup(info.path, path)
    return path


def _count(path, table):
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


def test_a_backup_holds_the_database_and_its_attachments_and_says_what_it_holds(demo):
    info = take_backup(demo)
    assert info.path.parent == backups.backups_dir(demo) and info.verified
    assert info.branch == "幸福里社区党支部"
    assert info.counts["member"] == _count(demo, "member") and info.counts["meeting"] > 100
    assert info.files == 5
    with zipfile.ZipFile(info.path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    assert "database.sqlite" in names and sum(n.startswith("files/") for n in names) == 5
    assert manifest["integrity"] == "ok"
    assert list_backups(info.path.parent) == [read_backup(info.path)]


def test_restore_replaces_the_database_after_backing_up_the_current_state(demo):
    info = take_backup(demo)
    members = _count(demo, "member")
    with sqlite3.connect(demo) as conn:
        conn.execute("UPDATE member SET deleted = 1")
    result = restore_backup(info.path, demo)
    assert _count(demo, "member") == members
    assert result.previous is not None and read_backup(result.previous).counts["member"] == 0
    db = open_database(demo, create=False)   # whole, and current again
    try:
        assert len(build_services(db).members.roster(build_services(db).organisation.first_branch().id)) > 0
    finally:
        db.dispose()


def test_restore_onto_a_new_place_brings_the_attachments(demo, tmp_path):
    info = take_backup(demo)
    target = tmp_path / "elsewhere" / "copy.db"
    result = restore_backup(info.path, target)
    assert result.previous is None and result.files_added == 5
    assert len(list((tmp_path / "elsewhere" / "copy.db.files").rglob("*"))) >= 5


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, demo):
    bad = tmp_path / "photo.djbackup"
    bad.write_bytes(b"\xff\xd8\xff not a zip")
    with pytest.raises(UserError, match="不是本程序生成的备份"):
        restore_backup(bad, demo)
    other_zip = tmp_path / "other.djbackup"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"kind": "something else"}))
    with pytest.raises(UserError, match="不是本程序生成的备份"):
        read_backup(other_zip)


def test_a_backup_from_a_newer_program_is_refused(tmp_path, demo):
    info = take_backup(demo)
    for change in ({"format": 99}, {"schema": ["9999_from_the_future"]}):
        newer = tmp_path / f"newer-{len(change)}-{list(change)[0]}.djbackup"
        with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(newer, "w") as out:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "manifest.json":
                    data = json.dumps({**json.loads(data), **change}).encode()
                out.writestr(item, data)
        before = demo.read_bytes()
        with pytest.raises(UserError, match="更新版本"):
            restore_backup(newer, demo)
        assert demo.read_bytes() == before


def test_a_backup_whose_database_was_altered_is_refused(tmp_path, demo):
    info = take_backup(demo)
    altered = tmp_path / "altered.djbackup"
    with zipfile.ZipFile(info.path) as src, zipfile.ZipFile(altered, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "database.sqlite":
                data = data[:-10] + b"0123456789"
            out.writestr(item, data)
    before = demo.read_bytes()
    with pytest.raises(UserError, match="已损坏"):
        restore_backup(altered, demo)
    assert demo.read_bytes() == before


def test_restore_onto_a_locked_database_changes_nothing(demo):
    info = take_backup(demo)
    holder = sqlite3.connect(demo, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError, match="其他程序"):
            restore_backup(info.path, demo)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [b.reason for b in list_backups(backups.backups_dir(demo))] == ["manual"]


def test_a_damaged_database_can_still_be_restored_and_is_kept_aside(demo):
    info = take_backup(demo)
    data = bytearray(demo.read_bytes())
    data[8192:16384] = b"\xa5" * 8192
    demo.write_bytes(bytes(data))
    result = restore_backup(info.path, demo)
    assert result.previous.name.endswith("-damaged.db")
    assert backups.integrity_ok(demo)


def _fake(path, when, reason="daily"):
    return backups.BackupInfo(path=path / f"{when:%Y%m%d-%H%M%S}-{reason}", created_at=when, reason=reason,
                              branch="", counts={}, schema=(), files=0, size=0, verified=True)


def test_retention_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    start = datetime(2025, 1, 1, 9)
    daily = [_fake(tmp_path, start + timedelta(days=n)) for n in range(400)]
    kept = sorted(b.created_at.date() for b in daily if b.path in keep_set(daily))
    newest = daily[-1].created_at.date()
    last_seven = [newest - timedelta(days=n) for n in range(7)]
    assert set(last_seven) <= set(kept)
    assert len({(d.year, d.month) for d in kept}) == 12
    assert len(kept) <= 7 + 4 + 12
    events = [_fake(tmp_path, start + timedelta(days=399, minutes=n), "roster-import") for n in range(8)]
    kept_events = keep_set(daily + events) & {e.path for e in events}
    assert len(kept_events) == 5


def test_the_daily_backup_is_taken_once_a_day_and_prunes(demo):
    first = backups.daily_backup_if_due(demo)
    assert first is not None and first.reason == "daily"
    assert backups.daily_backup_if_due(demo) is None


def test_a_roster_import_is_preceded_by_a_backup(demo, tmp_path):
    db = open_database(demo, create=False)
    try:
        services = build_services(db)
        export = tmp_path / "roster.xlsx"
        services.roster_import.export_roster(export)
        report = services.roster_import.import_file(export)
        assert report.committed
    finally:
        db.dispose()
    assert [b.reason for b in list_backups(backups.backups_dir(demo))] == ["roster-import"]
