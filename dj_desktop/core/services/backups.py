"""Backups and restore of the open branch database (the GUI's 文件 → 备份/恢复 and the CLI)."""

from __future__ import annotations

import logging
from pathlib import Path

from dj_desktop.core import backups
from dj_desktop.core.backups import BackupInfo
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress
from dj_desktop.core.restore import RestoreResult, restore_backup

log = logging.getLogger(__name__)


def backup_before(db: Database, reason: str) -> BackupInfo | None:
    """The automatic backup before a roster import, an office import or a restore (SQLite only:
    an office on PostgreSQL is backed up with the server's own tools)."""
    if db.path is None:
        return None
    info = backups.take_backup(db.path, reason=reason)
    backups.prune(info.path.parent)
    return info


class BackupService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _path(self) -> Path:
        if self._db.path is None:
            raise UserError(_("This database is on a PostgreSQL server; back it up with the server's "
                              "tools (pg_dump)."))
        return self._db.path

    @property
    def folder(self) -> Path:
        """Where the automatic backups are kept."""
        return backups.backups_dir(self._path())

    def take(self, to_dir: str | Path | None = None, *, progress: Progress | None = None) -> BackupInfo:
        """A backup on demand, into ``to_dir`` (a chosen folder or stick) or the backups folder."""
        return backups.take_backup(self._path(), to_dir, reason="manual", progress=progress)

    def daily_if_due(self) -> BackupInfo | None:
        """The first start of the day takes a backup and thins out the old ones."""
        if self._db.path is None:
            return None
        return backups.daily_backup_if_due(self._db.path)

    def list(self) -> list[BackupInfo]:
        return backups.list_backups(self.folder) if self._db.path is not None else []

    def inspect(self, path: str | Path) -> BackupInfo:
        """What a backup file holds (branch, date, record counts); refuses a file that is not a backup."""
        return backups.read_backup(path)

    def restore(self, path: str | Path, *, progress: Progress | None = None,
                password: str | None = None) -> RestoreResult:
        """Replace the open database by the backup's (the current state is backed up first). The
        database's connections are closed first; the caller reopens the database afterwards.
        ``password``: the one the database had when the backup was made (see :meth:`needs_password`)."""
        target = self._path()
        backups.read_backup(path)
        self._db.dispose()
        return restore_backup(path, target, progress=progress, password=password)

    def needs_password(self, path: str | Path) -> bool:
        """True when the backup is encrypted under a key the open database does not have (it was
        made before the password was changed, or of a database that no longer has one)."""
        from dj_desktop.core.backup_keys import backup_key_file
        theirs = backup_key_file(path)
        if theirs is None:
            return False
        from dj_desktop.core import encryption
        current = self._db.path
        mine = encryption.key_file(current) if current is not None else None
        return mine is None or not mine.exists() or mine.read_bytes() != theirs

    def check_backup_password(self, path: str | Path, password: str) -> None:
        """Nothing when ``password`` opens the backup's key; :class:`PasswordError` otherwise."""
        from dj_desktop.core.backup_keys import check_backup_password
        check_backup_password(path, password)
