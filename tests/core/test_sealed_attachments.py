"""Attachments encrypted at rest: with a password the files on disk hold no plain bytes, read back
equal, survive a password change untouched, go back to plain on remove, cannot be read without the
password, and a kill between two files leaves a store that reads (and the command finishes it)."""

from __future__ import annotations

import os
import stat
import zipfile
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from dj_desktop.core import attachment_keys, sealed_files
from dj_desktop.core import encryption
from dj_desktop.core import password as password_ops
from dj_desktop.core.backups import backups_dir, list_backups, take_backup
from dj_desktop.core.db import open_database
from dj_desktop.core.restore import restore_backup
from dj_desktop.core.encryption import PasswordError
from dj_desktop.core.errors import UserError
from dj_desktop.core.services import build_services
from dj_desktop.core.services.meeting_records import MeetingInput
from dj_desktop.core.sqlite_connect import forget_key
from dj_desktop.reports.pdf.meeting_form import write_meeting_form

from manual_world import build_world

PASSWORD, NEW = "门前大桥下游过一群鸭", "快来快来数一数 2026"


def _photo(path, colour):
    Image.new("RGB", (40, 30), colour).save(path, "PNG" if path.suffix == ".png" else "JPEG")
    return path


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """The key file records its argon2 costs, so a test may use small ones."""
    monkeypatch.setattr(encryption, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(encryption, "ARGON2_MEMORY_KIB", 8 * 1024)


@pytest.fixture
def store(tmp_path):
    """A branch database with one meeting and two photos; yields (db path, {sha: plain bytes}, meeting id)."""
    path = tmp_path / "branch.db"
    db = open_database(path)
    services = build_services(db)
    world = build_world(db)
    meeting = services.meetings.create(MeetingInput(branch_id=world.branch, kind="themed_day",
                                                    held_on=date(2026, 7, 1), theme="庆祝建党节"),
                                       today=date(2026, 7, 2))
    plain = {}
    for name, colour in (("会场.jpg", (200, 30, 30)), ("合影.png", (30, 30, 200))):    # PNG: decoded by reportlab
        info = services.attachments.add("meeting", meeting.id, _photo(tmp_path / name, colour))
        plain[info.sha256] = info.path.read_bytes()
    db.dispose()
    yield path, plain, meeting.id
    forget_key(path)
    attachment_keys.forget(attachment_keys.store_of_database(path))


def _on_disk(path, sha):
    return (attachment_keys.store_of_database(path) / sha[:2] / sha[2:]).read_bytes()


def _new_process(path):
    forget_key(path)
    attachment_keys.forget(attachment_keys.store_of_database(path))


def test_set_change_remove(store):
    path, plain, meeting_id = store
    assert password_ops.set_password(path, PASSWORD).files_sealed == len(plain)
    for sha, content in plain.items():
        disk = _on_disk(path, sha)
        assert disk.startswith(sealed_files.MAGIC) and content[:24] not in disk and content[-24:] not in disk
    _new_process(path)
    with pytest.raises(UserError, match="加密|encrypted"):            # no password: no plain bytes
        attachment_keys.read_plain(attachment_keys.store_of_database(path) / next(iter(plain))[:2]
                                   / next(iter(plain))[2:])
    with pytest.raises(PasswordError):
        open_database(path, create=False, password="门前大桥上游过一群鸭")
    db = open_database(path, create=False, password=PASSWORD)
    services = build_services(db)
    assert {sha: services.attachments.read(sha) for sha in plain} == plain
    # A photo added while the password is set is sealed too; printing and bundles see its plain bytes.
    services.attachments.add("meeting", meeting_id, _photo(path.parent / "新.jpg", (10, 200, 10)))
    sheet, branch = services.printing.meeting_form(meeting_id)
    assert len(sheet.photos) == 3
    write_meeting_form(sheet, path.parent / "form.pdf", branch_name=branch)
    assert sum(len(p.images) for p in PdfReader(path.parent / "form.pdf").pages) == 3
    sha = next(iter(plain))
    assert services.sync._read_attachment(sha) == plain[sha]
    copy = services.attachments.viewable_copy(services.attachments.list_for("meeting", meeting_id)[0].id)
    assert copy.read_bytes() == plain[sha] or copy.read_bytes() in plain.values()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600 and copy.name.endswith(".jpg")
    assert stat.S_IMODE(copy.parent.parent.stat().st_mode) == 0o700
    db.dispose()
    # Change: no file is rewritten (its key is re-wrapped inside the re-encrypted database).
    before = {sha: _on_disk(path, sha) for sha in plain}
    password_ops.change_password(path, PASSWORD, NEW)
    assert {sha: _on_disk(path, sha) for sha in plain} == before
    _new_process(path)
    db = open_database(path, create=False, password=NEW)
    assert {sha: build_services(db).attachments.read(sha) for sha in plain} == plain
    db.dispose()
    _new_process(path)
    password_ops.remove_password(path, NEW)
    assert {sha: _on_disk(path, sha) for sha in plain} == plain
    assert not any(sealed_files.is_sealed(p) for p in sealed_files.stored_files(attachment_keys.store_of_database(path)))
    assert attachment_keys.read_ring(path).keys == {}


real_rewrite = sealed_files.rewrite


def _killed_after(monkeypatch, files: int):
    real, calls = real_rewrite, []

    def rewrite(target, data):
        if len(calls) == files:
            raise KeyboardInterrupt("killed")          # as a kill between two files
        calls.append(target)
        real(target, data)
    monkeypatch.setattr(sealed_files, "rewrite", rewrite)


def test_a_kill_between_files_leaves_a_readable_store(store, monkeypatch):
    path, plain, _ = store
    _killed_after(monkeypatch, 1)
    with pytest.raises(KeyboardInterrupt):
        password_ops.set_password(path, PASSWORD)
    monkeypatch.setattr(sealed_files, "rewrite", real_rewrite)
    sealed = [sealed_files.is_sealed_bytes(_on_disk(path, sha)) for sha in plain]
    assert sorted(sealed) == [False, True]           # one old, one new: both read
    _new_process(path)
    db = open_database(path, create=False)           # the database is still plain
    assert {sha: build_services(db).attachments.read(sha) for sha in plain} == plain
    db.dispose()
    password_ops.set_password(path, PASSWORD)        # running it again finishes the store
    assert all(sealed_files.is_sealed_bytes(_on_disk(path, sha)) for sha in plain)
    _new_process(path)
    _killed_after(monkeypatch, 1)
    with pytest.raises(KeyboardInterrupt):
        password_ops.remove_password(path, PASSWORD)
    monkeypatch.setattr(sealed_files, "rewrite", real_rewrite)
    _new_process(path)
    db = open_database(path, create=False, password=PASSWORD)   # still protected, store mixed, all read
    assert {sha: build_services(db).attachments.read(sha) for sha in plain} == plain
    db.dispose()
    password_ops.remove_password(path, PASSWORD)
    assert {sha: _on_disk(path, sha) for sha in plain} == plain


def test_an_altered_or_foreign_file_is_refused_cleanly(tmp_path):
    key, other = os.urandom(32), os.urandom(32)
    sha = "ab" * 32
    data = sealed_files.seal(b"%PDF-1.4 content", key, sha)
    assert sealed_files.open_bytes(data, {sealed_files.key_id(key): key}, sha) == b"%PDF-1.4 content"
    with pytest.raises(UserError):
        sealed_files.open_bytes(data, {sealed_files.key_id(other): other}, sha)     # another key
    tampered = data[:-1] + bytes([data[-1] ^ 1])
    with pytest.raises(UserError):
        sealed_files.open_bytes(tampered, {sealed_files.key_id(key): key}, sha)
    with pytest.raises(UserError):                                                 # moved to another name
        sealed_files.open_bytes(data, {sealed_files.key_id(key): key}, "cd" * 32)


def test_backups_keep_files_sealed_and_a_restore_keeps_every_file_readable(store):
    path, plain, _ = store
    password_ops.set_password(path, PASSWORD)
    sealed_backup = take_backup(path)
    with zipfile.ZipFile(sealed_backup.path) as zf:          # copied as they are: sealed
        assert all(zf.read(f"files/{sha}").startswith(sealed_files.MAGIC) for sha in plain)
    # The backup set_password took first is plain and knows no key; restoring it keeps the files sealed
    # since (the store is not rolled back) readable: the current keys go with the restored database.
    (before,) = [b for b in list_backups(backups_dir(path)) if b.reason == "password"]
    restore_backup(before.path, path)
    _new_process(path)
    db = open_database(path, create=False)
    assert {sha: build_services(db).attachments.read(sha) for sha in plain} == plain
    db.dispose()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=80))
def test_any_damaged_sealed_file_gives_a_clean_message(tail):
    key = bytes(32)
    keys = {sealed_files.key_id(key): key}
    data = sealed_files.MAGIC + bytes.fromhex(sealed_files.key_id(key)) + tail
    with pytest.raises(UserError):
        sealed_files.open_bytes(data, keys, "ab" * 32)
