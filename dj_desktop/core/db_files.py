"""SQLite files that can be trusted: atomic creation, an integrity check on open, the schema
revisions read from the file itself, and the undo of an interrupted migration.

Used by :func:`dj_desktop.core.db.open_database`; pure ``sqlite3`` and files, no ORM.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Callable

from dj_desktop.core.errors import DatabaseOpenError
from dj_desktop.core.sqlite_connect import DATABASE_ERRORS, OPERATIONAL_ERRORS, connect
from dj_desktop.core.i18n import _
from dj_desktop.core.safe_write import (
    TEMP_MARK, fsync_dir, fsync_file, make_private, private_folder, temp_name)

log = logging.getLogger(__name__)
SIDE_FILES = ("-wal", "-shm", "-journal")


class DatabaseDamagedError(DatabaseOpenError):
    """The file fails SQLite's integrity check; it is never written to."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


def remove_side_files(path: Path) -> None:
    for suffix in SIDE_FILES:
        Path(str(path) + suffix).unlink(missing_ok=True)


def leftovers(path: Path) -> list[Path]:
    """Temporary files of creations that were killed (never a whole database)."""
    return sorted(path.parent.glob(f".{path.name}{TEMP_MARK}*"))


def create_atomically(path: Path, build: Callable[[Path], None]) -> None:
    """``build(tmp)`` makes the whole database under a temporary name beside ``path``; it is then
    checkpointed, made private, fsynced and renamed. A kill at any point leaves either no file at
    ``path`` or a whole database, never tables without a schema version."""
    private_folder(path.parent)
    for old in leftovers(path):
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
    tmp = temp_name(path)
    tmp_files, files = Path(str(tmp) + ".files"), Path(str(path) + ".files")
    try:
        build(tmp)
        conn = connect(tmp, like=path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        remove_side_files(tmp)
        make_private(tmp)
        fsync_file(tmp)
        if tmp_files.is_dir() and not files.exists():
            os.rename(tmp_files, files)      # the attachments first: a whole database has its files
        _rename_new(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        remove_side_files(tmp)
        shutil.rmtree(tmp_files, ignore_errors=True)
        raise


def _rename_new(tmp: Path, path: Path) -> None:
    """Rename that never replaces a file created meanwhile (link+unlink on POSIX)."""
    if os.name == "posix":
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise DatabaseOpenError(_("{path} was created by another program meanwhile; "
                                      "nothing was changed.").format(path=path)) from None
        tmp.unlink()
    else:
        os.rename(tmp, path)


def quick_check(path: Path) -> None:
    """``PRAGMA quick_check`` (cheap enough for every start); raises :class:`DatabaseDamagedError`."""
    try:
        conn = connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
        ok = rows == [("ok",)]
    except OPERATIONAL_ERRORS as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise
        ok = False
    except DATABASE_ERRORS:
        ok = False
    if not ok:
        log.warning("integrity check failed for a database file")
        raise DatabaseDamagedError(damaged_message(path), path)


class IntegrityCheck:
    """:func:`quick_check` on its own thread, so that the GUI builds its window meanwhile.

    ``PRAGMA quick_check`` reads the whole file (≈ 1.2 s for a 570 MB office database of 10,000
    branches); SQLite releases the GIL while it works. :meth:`wait` gives its verdict: the opener
    waits before anything is written (a migration, a setting) and the GUI before the window shows,
    so a damaged file is still never written to. ``explain`` words a failure to read the file; the
    opener may set it after the start (a check begun before the imports, ``core/early_check.py``)."""

    def __init__(self, path: Path, explain: Callable[[Exception], str] = str) -> None:
        self.path, self.explain, self._error = path, explain, None
        self._thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            quick_check(self.path)
        except (DatabaseDamagedError, *DATABASE_ERRORS) as exc:
            self._error = exc

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def finish_quietly(self) -> None:
        """Wait for the end of a check whose verdict nobody needs (its file was replaced meanwhile)."""
        self._thread.join()

    def wait(self) -> None:
        """Raises :class:`DatabaseDamagedError` (or :class:`DatabaseOpenError`) when the check failed."""
        self._thread.join()
        if isinstance(self._error, DatabaseDamagedError):
            raise self._error
        if self._error is not None:
            raise DatabaseOpenError(self.explain(self._error)) from self._error


def damaged_message(path: Path) -> str:
    from dj_desktop.core.backups import latest_good_backup   # backups import this module
    latest = latest_good_backup(path)
    text = _("The database {path} is damaged (SQLite's integrity check failed). Nothing was "
             "written to it.").format(path=path)
    if latest is None:
        return text + " " + _("No backup of it was found; ask the office for the last bundle it holds.")
    return text + " " + _("Restore the latest good backup, {backup}: 文件 → 恢复, or "
                          "dj-desktop restore \"{backup}\" --db \"{path}\".").format(backup=latest, path=path)


def stored_revisions(path: Path) -> set[str] | None:
    """The revisions in the file's ``alembic_version`` table; ``None`` when the table is missing."""
    conn = connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    except OPERATIONAL_ERRORS as exc:
        if "no such table" in str(exc):
            return None
        raise
    finally:
        conn.close()


def user_tables(path: Path) -> list[str]:
    conn = connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    finally:
        conn.close()


def refuse_half_created(path: Path) -> None:
    """A file with tables but no schema version was left by an older program killed while creating it."""
    if stored_revisions(path) is None and user_tables(path):
        raise DatabaseOpenError(_(
            "{path} was not completely created (the program was stopped while creating it), so it "
            "cannot be used. Nothing was changed. Delete the file to start again, or restore a "
            "backup.").format(path=path))


# ------------------------------------------------------------ interrupted migrations

def marker_path(path: Path) -> Path:
    return Path(str(path) + ".migrating")


def mark_migration(path: Path, backup: Path) -> None:
    marker = marker_path(path)
    with open(marker, "w", encoding="utf-8") as fh:
        json.dump({"backup": str(backup)}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    fsync_dir(path.parent)


def clear_migration_mark(path: Path) -> None:
    marker_path(path).unlink(missing_ok=True)


def put_back(backup: Path, path: Path) -> None:
    """Replace ``path`` by a copy of ``backup`` atomically (temp copy → fsync → rename)."""
    tmp = temp_name(path)
    src = connect(f"file:{backup}?mode=ro", uri=True, like=path)
    try:
        out = connect(tmp, like=path)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    make_private(tmp)
    fsync_file(tmp)
    remove_side_files(path)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def undo_interrupted_migration(path: Path) -> str | None:
    """At start: a migration marker means the last migration never finished; put its backup back."""
    marker = marker_path(path)
    if not marker.exists():
        return None
    try:
        backup = Path(json.loads(marker.read_text(encoding="utf-8"))["backup"])
    except (OSError, ValueError, KeyError, TypeError):
        marker.unlink(missing_ok=True)
        return None
    if not backup.is_file():
        marker.unlink(missing_ok=True)
        return None
    put_back(backup, path)
    marker.unlink(missing_ok=True)
    log.warning("an interrupted migration was undone from its backup")
    return _("The last upgrade of this database was interrupted; the copy taken before it ({backup}) "
             "was put back, and the upgrade was run again.").format(backup=backup)
