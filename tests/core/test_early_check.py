"""The window's integrity check begun before the imports (core/early_check.py): the opener takes
it over only for the very file it read, and its verdict is the opener's own."""

from __future__ import annotations

import shutil

import pytest

from dj_desktop.core import early_check
from dj_desktop.core.db import open_database
from dj_desktop.core.db_files import DatabaseDamagedError
from tests.core.test_crash_safety import _damage_a_page


@pytest.fixture(autouse=True)
def _no_check_left_over():
    early_check._begun.clear()
    yield
    early_check._begun.clear()


def test_the_opener_takes_over_the_check_begun_for_the_same_unchanged_file(db_path):
    early_check.begin(db_path)
    begun = early_check._begun[db_path.resolve()][0]
    db = open_database(db_path, check_later=True)
    try:
        assert db.integrity is begun
        db.confirm_intact()
    finally:
        db.dispose()
    assert db_path.resolve() not in early_check._begun       # taken once


def test_a_file_replaced_after_the_check_began_gets_a_check_of_its_own(db_path, tmp_path):
    early_check.begin(db_path)
    begun = early_check._begun[db_path.resolve()][0]
    begun.wait()
    other = tmp_path / "other.db"
    shutil.copyfile(db_path, other)
    _damage_a_page(other)
    other.replace(db_path)                                   # a restore, another program …
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError):
        db = open_database(db_path, check_later=True)
        assert db.integrity is not begun
        db.confirm_intact()
    assert db_path.read_bytes() == before


def test_a_damaged_file_found_by_the_early_check_is_refused_unchanged(db_path):
    _damage_a_page(db_path)
    before = db_path.read_bytes()
    early_check.begin(db_path)
    with pytest.raises(DatabaseDamagedError) as caught:
        db = open_database(db_path, check_later=True)
        db.confirm_intact()
    assert "已损坏" in str(caught.value)
    assert db_path.read_bytes() == before


def test_only_plain_sqlite_files_are_checked_early(tmp_path):
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_bytes(b"\x8f" * 4096)                   # what an encrypted file looks like
    for target in (not_sqlite, tmp_path / "missing.db", "postgresql+psycopg://office@localhost/office"):
        early_check.begin(target)
    assert not early_check._begun


def test_no_early_check_for_a_file_whose_upgrade_was_interrupted(db_path):
    """The opener puts the backup back over the file; no reader may hold it open then."""
    from dj_desktop.core.db_files import marker_path
    marker_path(db_path).write_text("{}", encoding="utf-8")
    early_check.begin(db_path)
    assert not early_check._begun
