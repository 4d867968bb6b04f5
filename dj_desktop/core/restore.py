"""Restoring a backup over a branch database: checked first, the current state backed up,
the attachments added, then one atomic rename.

A crash at any point leaves either the old database or the restored one, never a mix: the
restored copy is built and checked under a temporary name beside the database, the current
database's write-ahead log is emptied into it (so no log of the old file survives to be applied
to the new one) and only then is the file renamed over it. Attachments are stored by their
SHA-256, so adding the backup's files never changes a file the current database uses.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dj_desktop.core import attachment_keys, backups
from dj_desktop.core.db_files import quick_check, remove_side_files
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.sqlite_connect import (
    DATABASE_ERRORS, OPERATIONAL_ERRORS, connect, forget_key, key_for, remember_key)
from dj_desktop.core.safe_write import atomic_write, fsync_dir, fsync_file, make_private, private_folder, temp_name

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored: backups.BackupInfo
    #: The backup of the state before the restore (None when there was no database yet).
    previous: Path | None
    files_added: int


def _in_use(path: Path) -> UserError:
    return UserError(_("The database {path} is in use by another program (or another window of this "
                       "program). Close it and try again; nothing was changed.").format(path=path))


def _drain_log(path: Path) -> None:
    """Copy the write-ahead log into the file and empty it; refuses when anyone else has it open."""
    try:
        conn = connect(path, timeout=2, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except OPERATIONAL_ERRORS as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise _in_use(path) from exc
        return   # a damaged file: nothing to drain, it is replaced as it is
    except DATABASE_ERRORS:
        return
    if busy and busy[0]:
        raise _in_use(path)


def _damaged_backup(info: backups.BackupInfo) -> UserError:
    return UserError(_("The backup {path} is damaged (its database does not match its checksum or "
                       "fails the integrity check). Nothing was changed; choose another backup.")
                     .format(path=info.path))


#: What reading a damaged ZIP member can raise (zipfile, zlib, the file itself).
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, RuntimeError, NotImplementedError)


def _extract_database(info: backups.BackupInfo, dest: Path) -> None:
    try:
        _copy_out(info, dest)
    except _READ_ERRORS as exc:
        raise _damaged_backup(info) from exc


def _copy_out(info: backups.BackupInfo, dest: Path) -> None:
    digest = hashlib.sha256()
    with zipfile.ZipFile(info.path) as zf, zf.open(backups.DATABASE_MEMBER) as src, dest.open("wb") as out:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != info.database_sha256 or not backups.integrity_ok(dest):
        raise _damaged_backup(info)


def _add_files(info: backups.BackupInfo, store: Path) -> int:
    added = 0
    with zipfile.ZipFile(info.path) as zf:
        for name in zf.namelist():
            sha = name.removeprefix("files/")
            if not name.startswith("files/") or len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
                continue
            target = store / sha[:2] / sha[2:]
            if target.is_file():
                continue
            private_folder(target.parent)
            tmp = temp_name(target)
            with zf.open(name) as src, tmp.open("wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
            added += 1
    return added


def _save_current(db_path: Path) -> Path | None:
    """A backup of the current state; a damaged file is kept as it is, beside the backups."""
    if not db_path.exists():
        return None
    try:
        quick_check(db_path)
    except UserError:
        folder = private_folder(backups.backups_dir(db_path))
        keep = folder / f"{db_path.stem}-{datetime.now():%Y%m%d-%H%M%S}-damaged.db"
        shutil.copyfile(db_path, keep)
        make_private(keep)
        return keep
    return backups.take_backup(db_path, reason="restore").path


def _unlock_backup(info: backups.BackupInfo, restored: Path, db_path: Path, password: str | None) -> bytes | None:
    """For a backup of an encrypted database: its key file beside ``restored`` and the data key (from
    ``password``, else the key of the current database when it is the same); None for a plain backup."""
    from dj_desktop.core import encryption
    try:
        with zipfile.ZipFile(info.path) as zf:
            if backups.KEY_MEMBER not in zf.namelist():
                return None
            key_bytes = zf.read(backups.KEY_MEMBER)
    except _READ_ERRORS as exc:
        raise _damaged_backup(info) from exc
    atomic_write(encryption.key_file(restored), lambda fh: fh.write(key_bytes), private=True)
    if password is not None:
        data_key = encryption.unlock(restored, password)
    elif (data_key := key_for(db_path)) is None:
        raise encryption.PasswordRequired(_("The backup {path} is protected by the password the database had when "
                                            "it was made. Enter that password (or give --password-file FILE / set "
                                            "DJ_PASSWORD).").format(path=info.path))
    remember_key(restored, data_key)
    return data_key


def restore_backup(backup_file: str | Path, db_path: str | Path, *,
                   progress: Progress | None = None, password: str | None = None) -> RestoreResult:
    """Replace the database at ``db_path`` by the backup's. The caller must have closed its own
    connections to it. Raises :class:`UserError` (nothing changed) for a bad backup or a database
    in use."""
    db_path = Path(db_path)
    info = backups.read_backup(backup_file)
    step(progress, 0, 4, _("Checking the backup"))
    private_folder(db_path.parent)
    restored = temp_name(db_path)
    from dj_desktop.core import encryption
    try:
        data_key = _unlock_backup(info, restored, db_path, password)
        try:
            _extract_database(info, restored)
        except UserError:
            if data_key is not None and password is None:   # the current key does not fit: ask
                raise encryption.PasswordError(_("The backup {path} was made under another password. Enter the "
                                                 "password the database had then.").format(path=info.path)) from None
            raise
        if db_path.exists():
            _drain_log(db_path)
        step(progress, 1, 4, _("Backing up the current database"))
        previous = _save_current(db_path)
        step(progress, 2, 4, _("Restoring the attachments"))
        try:
            added = _add_files(info, backups.files_dir(db_path))
        except _READ_ERRORS as exc:
            raise _damaged_backup(info) from exc
        attachment_keys.carry_keys(db_path, restored, data_key)
        step(progress, 3, 4, _("Restoring the database"))
        if db_path.exists():
            _drain_log(db_path)
        make_private(restored)
        fsync_file(restored)
        remove_side_files(db_path)
        if data_key is not None:      # the key file goes with it (journal: see password.change_password)
            with restored.open("rb") as fh:
                head = fh.read(16)
            encryption.write_pending_key_file(db_path, encryption.key_file(restored).read_bytes(), head)
        os.replace(restored, db_path)
        fsync_dir(db_path.parent)
        if data_key is not None:
            encryption.finish_pending_change(db_path)
            remember_key(db_path, data_key)
        else:
            forget_key(db_path)
            encryption.key_file(db_path).unlink(missing_ok=True)   # a plain database needs none
    except OSError as exc:
        from dj_desktop.core.safe_write import write_error
        raise write_error(db_path, exc) from exc
    finally:
        restored.unlink(missing_ok=True)
        remove_side_files(restored)
        encryption.key_file(restored).unlink(missing_ok=True)
        forget_key(restored)
    attachment_keys.forget(backups.files_dir(db_path))
    log.info("database restored from a backup")
    return RestoreResult(restored=info, previous=previous, files_added=added)
