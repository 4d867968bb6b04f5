"""Property-based tests (hypothesis) of the readers of files from outside — the Excel roster and
the backup: whatever the bytes, only a clean, translated UserError, never a traceback, and the
database is left exactly as it was."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dj_desktop.core.backups import read_backup, take_backup
from dj_desktop.core.errors import UserError
from dj_desktop.core.restore import restore_backup
from roster_workbooks import HEADERS, member_row, write_rows

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
CHINESE = "\u4e00\u9fa5"


def _state(path) -> tuple:
    with sqlite3.connect(path) as conn:
        return (conn.execute("SELECT count(*), coalesce(sum(version), 0) FROM member").fetchone(),
                conn.execute("SELECT count(*) FROM record_history").fetchone()[0])


@pytest.fixture
def roster_world(services, db_path, tmp_path):
    branch = services.organisation.create_first_branch("城关社区党支部")
    services.organisation.add_unit("第一党小组", kind="group", parent_id=branch.id)
    good = write_rows(tmp_path / "good.xlsx", [member_row(n, 所在党小组="第一党小组") for n in range(1, 6)])
    assert services.roster_import.import_file(good).committed
    return services, db_path, good, tmp_path


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for offset, value in edits:
        out[offset % len(out)] = value
    return bytes(out[:cut] if cut else out)


def _import_is_clean(services, db_path, path) -> None:
    before = _state(db_path)
    try:
        report = services.roster_import.import_file(path)
    except UserError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        assert _state(db_path) == before
        return
    if not report.committed:
        assert _state(db_path) == before


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1, max_size=8),
       cut=st.one_of(st.none(), st.integers(1, 1 << 14)))
def test_a_damaged_roster_workbook_gives_a_clean_error(roster_world, edits, cut):
    services, db_path, good, tmp_path = roster_world
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(_mutate(good.read_bytes(), edits, cut))
    _import_is_clean(services, db_path, path)


CELL = st.one_of(st.none(), st.text(max_size=30), st.text(alphabet=st.characters(min_codepoint=0x4e00,
                 max_codepoint=0x4e80), max_size=8), st.integers(-10**19, 10**19),
                 st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                 st.dates(date(1000, 1, 1), date(9999, 12, 31)),
                 st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)))


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=6))
def test_any_cell_values_give_a_report_or_a_clean_error(roster_world, rows):
    services, db_path, _good, tmp_path = roster_world
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append([v if not isinstance(v, str) else "".join(c for c in v if c.isprintable()) for v in row])
    path = tmp_path / "cells.xlsx"
    wb.save(path)
    _import_is_clean(services, db_path, path)


@pytest.fixture
def backup_world(services, db_path, tmp_path):
    services.organisation.create_first_branch("城关社区党支部")
    services.db.dispose()
    info = take_backup(db_path, tmp_path / "backups")
    return db_path, info.path, tmp_path


def _restore_is_clean(db_path, path) -> None:
    before = db_path.read_bytes()
    try:
        read_backup(path)
        restore_backup(path, db_path)
    except UserError as exc:
        assert str(exc)
        assert db_path.read_bytes() == before
        return
    # Accepted: then it must be a whole, checked database.
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1, max_size=8),
       cut=st.one_of(st.none(), st.integers(1, 1 << 16)))
def test_a_damaged_backup_gives_a_clean_error(backup_world, edits, cut):
    db_path, good, tmp_path = backup_world
    path = tmp_path / "damaged.djbackup"
    path.write_bytes(_mutate(good.read_bytes(), edits, cut))
    _restore_is_clean(db_path, path)


JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                    max_leaves=12)


@FUZZ
@given(overrides=st.dictionaries(st.sampled_from(["kind", "format", "created_at", "reason", "counts", "schema",
                                                  "files", "database_sha256", "integrity", "branch"]),
                                 JSON, max_size=4),
       database=st.one_of(st.none(), st.binary(max_size=2048)))
def test_a_backup_with_a_strange_manifest_gives_a_clean_error(backup_world, overrides, database):
    db_path, good, tmp_path = backup_world
    path = tmp_path / "strange.djbackup"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "manifest.json":
                data = json.dumps({**json.loads(data), **overrides}).encode()
            elif item.filename == "database.sqlite" and database is not None:
                data = database
            out.writestr(item, data)
    _restore_is_clean(db_path, path)
