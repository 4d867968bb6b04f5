"""The app password: an encrypted database opens with its password only, is not readable as SQLite,
fails cleanly with a wrong password or a foreign key file, re-keys on a change, and goes back to
plain SQLite when the password is removed."""

from __future__ import annotations

import shutil

import pytest

from dj_desktop.core import encryption
from dj_desktop.core import password as password_ops
from dj_desktop.core.db import open_database
from dj_desktop.core.errors import DatabaseOpenError, UserError
from dj_desktop.core.i18n import set_language
from dj_desktop.core.services import build_services
from dj_desktop.core.sqlite_connect import forget_key

PASSWORD, NEW = "门前大桥下游过一群鸭", "快来快来数一数 2026"


def _branch_names(path, **kwargs):
    db = open_database(path, create=False, **kwargs)
    try:
        return [b.name for b in build_services(db).organisation.branches()]
    finally:
        db.dispose()


@pytest.fixture(autouse=True)
def english():
    set_language("en")       # the messages are matched in English here
    yield
    set_language("zh_CN")


@pytest.fixture
def plain(tmp_path):
    path = tmp_path / "branch.db"
    db = open_database(path)
    build_services(db).organisation.create_first_branch("东风村党支部")
    db.dispose()
    yield path
    forget_key(path)


def test_a_protected_database_opens_with_its_password_only(plain):
    result = password_ops.set_password(plain, PASSWORD)
    forget_key(plain)                                  # as in a new process
    assert not plain.read_bytes().startswith(b"SQLite format 3")
    assert b"\xe4\xb8\x9c\xe9\xa3\x8e" not in plain.read_bytes()     # 东风 nowhere in the file
    assert len(result.recovery_key.split("-")) == encryption.RECOVERY_GROUPS
    with pytest.raises(encryption.PasswordRequired, match="password"):
        open_database(plain, create=False)
    before = plain.read_bytes()
    with pytest.raises(encryption.PasswordError, match="Wrong password"):
        open_database(plain, create=False, password="门前大桥上游过一群鸭")
    assert plain.read_bytes() == before              # nothing changed
    assert _branch_names(plain, password=PASSWORD) == ["东风村党支部"]


def test_changing_the_password_re_keys_the_database(plain, tmp_path):
    password_ops.set_password(plain, PASSWORD)
    old_file, old_keys = plain.read_bytes(), encryption.key_file(plain).read_bytes()
    old_data_key = encryption.unlock(plain, PASSWORD)
    password_ops.change_password(plain, PASSWORD, NEW)
    forget_key(plain)
    new_data_key = encryption.unlock(plain, NEW)
    assert new_data_key != old_data_key and plain.read_bytes()[:4096] != old_file[:4096]
    with pytest.raises(encryption.PasswordError):
        open_database(plain, create=False, password=PASSWORD)
    assert _branch_names(plain, password=NEW) == ["东风村党支部"]
    # The old key file (a copy someone kept) opens nothing any more: the key does not fit.
    encryption.key_file(plain).write_bytes(old_keys)
    forget_key(plain)
    with pytest.raises(DatabaseOpenError, match="does not match its key file"):
        open_database(plain, create=False, password=PASSWORD)


def test_the_recovery_key_replaces_a_forgotten_password(plain):
    recovery = password_ops.set_password(plain, PASSWORD).recovery_key
    forget_key(plain)
    password_ops.change_password(plain, "", NEW, recovery_key=recovery.lower().replace("-", " "))
    forget_key(plain)
    assert _branch_names(plain, password=NEW) == ["东风村党支部"]
    with pytest.raises(encryption.PasswordError, match="recovery key"):
        encryption.unlock_with_recovery_key(plain, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")


def test_removing_the_password_gives_plain_sqlite_again(plain):
    password_ops.set_password(plain, PASSWORD)
    password_ops.remove_password(plain, PASSWORD)
    forget_key(plain)
    assert plain.read_bytes().startswith(b"SQLite format 3")
    assert not encryption.key_file(plain).exists()
    assert _branch_names(plain) == ["东风村党支部"]


def test_a_key_file_of_another_database_or_a_damaged_one_is_refused_clearly(plain, tmp_path):
    other = tmp_path / "other.db"
    shutil.copy(plain, other)
    password_ops.set_password(plain, PASSWORD)
    password_ops.set_password(other, PASSWORD)
    shutil.copy(encryption.key_file(other), encryption.key_file(plain))
    forget_key(plain)
    with pytest.raises(DatabaseOpenError, match="does not match its key file"):
        open_database(plain, create=False, password=PASSWORD)
    encryption.key_file(plain).write_text('{"kind": "dj-desktop-key", "format": 1, "kdf": []}')
    with pytest.raises(DatabaseOpenError, match="damaged"):
        open_database(plain, create=False, password=PASSWORD)
    encryption.key_file(plain).write_text('{"kind": "dj-desktop-key", "format": 9}')
    with pytest.raises(DatabaseOpenError, match="newer version"):
        open_database(plain, create=False, password=PASSWORD)


def test_backups_of_an_encrypted_database_stay_encrypted(plain):
    import zipfile
    from dj_desktop.core.backups import take_backup
    password_ops.set_password(plain, PASSWORD)
    db = open_database(plain, create=False, password=PASSWORD)
    db.dispose()
    info = take_backup(plain, reason="manual")
    with zipfile.ZipFile(info.path) as zf:
        assert not zf.read("database.sqlite").startswith(b"SQLite format 3")
    assert info.branch == "东风村党支部"


def test_short_passwords_and_double_set_are_refused(plain):
    with pytest.raises(UserError, match="8 characters"):
        password_ops.set_password(plain, "short")
    password_ops.set_password(plain, PASSWORD)
    with pytest.raises(UserError, match="already has a password"):
        password_ops.set_password(plain, NEW)
