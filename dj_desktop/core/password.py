"""Setting, changing and removing the app password of a SQLite database (``core/encryption.py``).

The attachment store follows the database (``core/attachment_keys.py``): ``set`` puts a files key in
the database and seals every file *before* the database is encrypted, ``remove`` decrypts every file
*before* the database is; each file is rewritten on its own (crash-safe), and running the command
again after a kill finishes the rest. ``change`` rewrites no file: the files key is inside the
database and is re-wrapped with it.

Each operation writes the re-encrypted database whole under a temporary name with SQLCipher's
``sqlcipher_export`` (plain → encrypted, encrypted → encrypted under a new key, encrypted → plain),
then renames it over the database; the key file is written (or removed) so that a kill at any
point leaves a database that opens with the old or the new password. A backup is taken first.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from dj_desktop.core import attachment_keys, encryption
from dj_desktop.core.db_files import remove_side_files
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.safe_write import fsync_dir, fsync_file, make_private, temp_name
from dj_desktop.core.sqlite_connect import DATABASE_ERRORS, forget_key, keyed_connect, remember_key


@dataclass(frozen=True)
class PasswordSet:
    recovery_key: str       # shown once, to be written down / printed on the slip
    database: Path
    files_sealed: int = 0   # attachment files encrypted by this call


def _sql_key(data_key: bytes | None) -> str:
    return "" if data_key is None else encryption.sqlcipher_key(data_key)


def _export(db_path: Path, old_key: bytes | None, new_key: bytes | None) -> Path:
    """A whole copy of the database under ``new_key`` (None: plain) beside it; returns its path."""
    tmp = temp_name(db_path)
    tmp.unlink(missing_ok=True)
    try:
        conn = keyed_connect(str(db_path), old_key, timeout=5, isolation_level=None) \
            if old_key is not None else _plain_as_cipher(db_path)
        try:
            conn.execute("BEGIN IMMEDIATE")      # nobody writes while we copy
            conn.execute("ROLLBACK")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy and busy[0]:
                raise _in_use(db_path)
            conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(tmp), _sql_key(new_key)))
            conn.execute("SELECT sqlcipher_export('target')")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA target.user_version = {int(version)}")
            conn.execute("DETACH DATABASE target")
        finally:
            conn.close()
        check = keyed_connect(str(tmp), new_key) if new_key is not None else _plain_as_cipher(tmp)
        try:
            if check.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise UserError(_("The re-encrypted copy failed its integrity check; nothing was changed."))
            check.execute("PRAGMA journal_mode = WAL")
        finally:
            check.close()
        make_private(tmp)
        fsync_file(tmp)
        return tmp
    except DATABASE_ERRORS as exc:
        tmp.unlink(missing_ok=True)
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise _in_use(db_path) from exc
        raise UserError(_("The database {path} could not be re-encrypted ({error}); nothing was changed.")
                        .format(path=db_path, error=type(exc).__name__)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _plain_as_cipher(db_path: Path):
    """A SQLCipher connection to a plain file (no key: SQLCipher reads it as plain SQLite)."""
    from dj_desktop.core.sqlite_connect import sqlcipher3
    return sqlcipher3.connect(str(db_path), timeout=5, isolation_level=None)


def _in_use(path: Path) -> UserError:
    return UserError(_("The database {path} is in use by another program (or another window of this "
                       "program). Close it and try again; nothing was changed.").format(path=path))


def _with_connection(db_path: Path, key: bytes | None, work) -> int:
    """Run ``work(db_path, conn)`` on an autocommit connection (keyed with ``key``); database errors
    become the same clear messages as the re-encryption's."""
    try:
        conn = keyed_connect(str(db_path), key, timeout=5, isolation_level=None)
        try:
            return work(db_path, conn)
        finally:
            conn.close()
    except DATABASE_ERRORS as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise _in_use(db_path) from exc
        raise UserError(_("The database {path} could not be re-encrypted ({error}); nothing was changed.")
                        .format(path=db_path, error=type(exc).__name__)) from exc


def _swap(tmp: Path, db_path: Path) -> None:
    remove_side_files(db_path)
    os.replace(tmp, db_path)
    fsync_dir(db_path.parent)


def _backup_first(db_path: Path, reason: str) -> None:
    from dj_desktop.core.backups import take_backup
    take_backup(db_path, reason=reason)


def set_password(db_path: Path, password: str) -> PasswordSet:
    """Encrypt a plain database under ``password``; returns the recovery key to write down."""
    if encryption.is_encrypted(db_path):
        raise UserError(_("{path} already has a password; use \"password change\".").format(path=db_path))
    encryption.check_password_strength(password)
    _backup_first(db_path, "password")
    sealed = _with_connection(db_path, None, attachment_keys.seal_store)     # attachments first: see the module
    data_key, recovery = secrets.token_bytes(32), encryption.new_recovery_key()
    tmp = _export(db_path, None, data_key)
    # Key file first: a kill before the rename leaves the plain database (a key file beside a
    # plain file is ignored and replaced next time); after it, the encrypted one with its key.
    encryption.write_key_file(db_path, encryption.make_key_file(password, recovery, data_key))
    _swap(tmp, db_path)
    remember_key(db_path, data_key)
    return PasswordSet(recovery_key=recovery, database=db_path, files_sealed=sealed)


def change_password(db_path: Path, old: str, new: str, *, recovery_key: str | None = None) -> PasswordSet:
    """Re-key: a new data key, the database re-encrypted under it, a new key file and recovery key.
    ``recovery_key`` instead of ``old`` for a forgotten password."""
    if not encryption.is_encrypted(db_path):
        raise UserError(_("{path} has no password; use \"password set\".").format(path=db_path))
    old_key = encryption.unlock_with_recovery_key(db_path, recovery_key) if recovery_key \
        else encryption.unlock(db_path, old)
    encryption.check_password_strength(new)
    remember_key(db_path, old_key)
    _backup_first(db_path, "password")
    new_key, recovery = secrets.token_bytes(32), encryption.new_recovery_key()
    tmp = _export(db_path, old_key, new_key)
    # The rename of the copy is the commit point: the journal names the new file's head (SQLCipher's
    # random salt), so a kill before the rename keeps the old key file and after it installs the new
    # one (encryption.finish_pending_change, run by every unlock).
    with tmp.open("rb") as fh:
        new_head = fh.read(16)
    try:
        encryption.write_pending_key_file(db_path, encryption.make_key_file(new, recovery, new_key).to_json(),
                                            new_head)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        _swap(tmp, db_path)
    except BaseException:
        if tmp.exists():                       # not swapped: the change did not happen
            tmp.unlink(missing_ok=True)
            encryption.pending_key_file(db_path).unlink(missing_ok=True)
        raise
    encryption.finish_pending_change(db_path)
    remember_key(db_path, new_key)
    return PasswordSet(recovery_key=recovery, database=db_path)


def remove_password(db_path: Path, password: str) -> Path:
    """Decrypt the database back to plain SQLite (the default)."""
    if not encryption.is_encrypted(db_path):
        raise UserError(_("{path} has no password.").format(path=db_path))
    key = encryption.unlock(db_path, password)
    remember_key(db_path, key)
    _backup_first(db_path, "password")
    _with_connection(db_path, key, attachment_keys.unseal_store)
    tmp = _export(db_path, key, None)
    _swap(tmp, db_path)
    forget_key(db_path)
    encryption.key_file(db_path).unlink(missing_ok=True)
    fsync_dir(db_path.parent)
    return db_path
