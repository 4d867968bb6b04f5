"""The key file inside a backup of an encrypted database (``database.key``, only wrapped keys): read
it, and check a password against it without restoring anything (the restore dialog asks for the
password the database had when the backup was made)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from dj_desktop.core import backups, encryption


def backup_key_file(path: str | Path) -> bytes | None:
    """The backup's key file, or None for a backup of a plain database."""
    info = backups.read_backup(path)
    try:
        with zipfile.ZipFile(info.path) as zf:
            if backups.KEY_MEMBER not in zf.namelist():
                return None
            return zf.read(backups.KEY_MEMBER)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        from dj_desktop.core.restore import _damaged_backup
        raise _damaged_backup(info) from exc


def check_backup_password(path: str | Path, password: str) -> None:
    """:class:`encryption.PasswordError` unless ``password`` unwraps the backup's data key."""
    key_bytes = backup_key_file(path)
    if key_bytes is None:
        return
    with tempfile.TemporaryDirectory(prefix="dj-backup-key-") as folder:
        probe = Path(folder) / "backup.db"
        encryption.key_file(probe).write_bytes(key_bytes)
        encryption.unlock(probe, password)
