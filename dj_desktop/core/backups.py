"""Backups of a branch database and its attachment store, in one verified file.

A backup (``*.djbackup``) is a ZIP file holding ``manifest.json`` (what it is, when, which branch,
record counts, schema revisions, the database's SHA-256), ``database.sqlite`` (a consistent copy
made with SQLite's online backup API, checked with ``PRAGMA integrity_check`` before it is written)
and ``files/<sha256>`` (the attachments the copy refers to). It is written to a temporary name,
fsynced and renamed, readable by the user alone.

Automatic backups live in ``<database>.backups/``: the first start of each day and before each
migration, roster import, office import and restore; :func:`prune` keeps the last 7 daily, 4 weekly
and 12 monthly ones (and the 5 newest event backups). Pure ``sqlite3`` and files: no ORM, no Qt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from dj_desktop import __version__
from dj_desktop.core.sqlite_connect import DATABASE_ERRORS, connect
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.progress import Progress, step
from dj_desktop.core.safe_write import atomic_write, make_private, private_folder, temp_name

log = logging.getLogger(__name__)

SUFFIX = ".djbackup"
KIND = "dj_desktop-backup"
FORMAT = 1
DATABASE_MEMBER = "database.sqlite"
#: The key file of an encrypted database (its data key only wrapped, no secret in clear).
KEY_MEMBER = "database.key"
REASONS = ("daily", "manual", "migration", "roster-import", "office-import", "restore")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_EVENTS = 7, 4, 12, 5
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    reason: str
    branch: str
    counts: dict[str, int]
    schema: tuple[str, ...]
    files: int
    size: int
    verified: bool
    app_version: str = ""
    database_sha256: str = field(default="", repr=False)

    def as_json(self) -> dict:
        return {"path": str(self.path), "created_at": self.created_at.isoformat(timespec="seconds"),
                "reason": self.reason, "branch": self.branch, "counts": dict(self.counts),
                "schema": list(self.schema), "files": self.files, "size": self.size,
                "verified": self.verified, "app_version": self.app_version}


def backups_dir(db_path: Path) -> Path:
    """``<database>.backups`` beside the database file (it moves with the database)."""
    return Path(str(db_path) + ".backups")


def files_dir(db_path: Path) -> Path:
    return Path(str(db_path) + ".files")


# ------------------------------------------------------------------ reading a copy

def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def describe(conn: sqlite3.Connection) -> tuple[str, dict[str, int], tuple[str, ...], list[str]]:
    """Branch name, live record counts per table, schema revisions and attachment hashes of a database."""
    counts: dict[str, int] = {}
    tables = _tables(conn)
    for table in tables:
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        if "deleted" in columns and "change_seq" in columns:
            counts[table] = conn.execute(f'SELECT count(*) FROM "{table}" WHERE deleted = 0').fetchone()[0]
    branch = ""
    if "organisation" in tables:
        row = conn.execute("SELECT name FROM organisation WHERE kind = 'branch' AND deleted = 0 "
                           "ORDER BY sort_order, created_at LIMIT 1").fetchone()
        branch = row[0] if row else ""
    schema = tuple(sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))) \
        if "alembic_version" in tables else ()
    hashes = [r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM attachment")] if "attachment" in tables else []
    return branch, counts, schema, hashes


def integrity_ok(path: Path, *, like: Path | None = None) -> bool:
    """``PRAGMA integrity_check`` passes; ``like``: the database whose key encrypts this copy."""
    try:
        conn = connect(f"file:{path}?mode=ro", uri=True, like=like)
        try:
            return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except DATABASE_ERRORS:
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ------------------------------------------------------------------ taking a backup

def _copy_database(db_path: Path, dest: Path) -> None:
    src = connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        out = connect(dest, like=db_path)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")   # a self-contained file, no -wal beside it
        finally:
            out.close()
    finally:
        src.close()


def _key_file_bytes(db_path: Path) -> bytes | None:
    from dj_desktop.core import encryption
    return encryption.key_file(db_path).read_bytes() if encryption.is_encrypted(db_path) else None


def _unique_name(folder: Path, stem: str, when: datetime, reason: str) -> Path:
    base = f"{stem}-{when.strftime(_STAMP)}-{reason}"
    path, n = folder / f"{base}{SUFFIX}", 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}{SUFFIX}"
    return path


def take_backup(db_path: str | Path, folder: str | Path | None = None, *, reason: str = "manual",
                progress: Progress | None = None, now: datetime | None = None) -> BackupInfo:
    """Back up the database at ``db_path`` (and its attachments) into ``folder`` (default: the
    automatic backups folder). The copy is integrity-checked before it is written and the file's
    checksums are read back afterwards. Raises :class:`UserError` with a clear message."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise UserError(_("Database file {path} does not exist.").format(path=db_path))
    folder = private_folder(Path(folder) if folder is not None else backups_dir(db_path))
    when = now or datetime.now()
    target = _unique_name(folder, db_path.stem, when, reason)
    copy = temp_name(target)
    try:
        step(progress, 0, 3, _("Copying the database"))
        try:
            _copy_database(db_path, copy)
        except DATABASE_ERRORS as exc:
            from dj_desktop.core.db_errors import classify, message_for
            kind = classify(str(exc)) or "damaged"
            raise UserError(message_for(kind)) from exc
        if not integrity_ok(copy, like=db_path):
            raise UserError(_("The database failed its integrity check, so no backup was written. "
                              "Restore the latest good backup."))
        conn = connect(copy, like=db_path)
        try:
            branch, counts, schema, hashes = describe(conn)
        finally:
            conn.close()
        store = files_dir(db_path)
        present = [h for h in hashes if (store / h[:2] / h[2:]).is_file()]
        manifest = {"kind": KIND, "format": FORMAT, "app_version": __version__, "reason": reason,
                    "created_at": when.isoformat(timespec="seconds"), "source": db_path.name,
                    "branch": branch, "counts": counts, "schema": list(schema), "files": len(present),
                    "database_sha256": _sha256(copy), "integrity": "ok"}
        step(progress, 1, 3, _("Writing the backup"))
        key_bytes = _key_file_bytes(db_path)

        def write(fh) -> None:
            with zipfile.ZipFile(fh, "w") as zf:
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
                zf.write(copy, DATABASE_MEMBER, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
                if key_bytes is not None:
                    zf.writestr(KEY_MEMBER, key_bytes)
                for sha in present:   # photos and PDFs are compressed already
                    zf.write(store / sha[:2] / sha[2:], f"files/{sha}", compress_type=zipfile.ZIP_STORED)

        atomic_write(target, write, private=True, replace=False)
    finally:
        copy.unlink(missing_ok=True)
    step(progress, 2, 3, _("Checking the backup"))
    verified = _checksums_ok(target)
    if not verified:
        target.unlink(missing_ok=True)
        raise UserError(_("The backup written to {path} reads back differently; the disk or stick may be "
                          "faulty. Nothing was kept; try another place.").format(path=target))
    log.info("backup written (%s)", reason)
    return _info(target, manifest, verified=True)


def _checksums_ok(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.testzip() is None
    except (OSError, zipfile.BadZipFile):
        return False


# ------------------------------------------------------------------ reading a backup

def _not_a_backup(path: Path) -> UserError:
    return UserError(_("{path} is not a backup made by this program (or it is damaged). "
                       "Nothing was changed.").format(path=path))


def _info(path: Path, manifest: dict, *, verified: bool) -> BackupInfo:
    return BackupInfo(path=path, created_at=datetime.fromisoformat(manifest["created_at"]),
                      reason=str(manifest["reason"]), branch=str(manifest.get("branch", "")),
                      counts={str(k): int(v) for k, v in manifest["counts"].items()},
                      schema=tuple(str(s) for s in manifest["schema"]), files=int(manifest["files"]),
                      size=path.stat().st_size, verified=verified and manifest.get("integrity") == "ok",
                      app_version=str(manifest.get("app_version", "")),
                      database_sha256=str(manifest["database_sha256"]))


def read_backup(path: str | Path) -> BackupInfo:
    """The manifest of a backup file. Raises :class:`UserError` for a file that is not a backup,
    a damaged one, or one from a newer program."""
    path = Path(path)
    if not path.is_file():
        raise UserError(_("File {path} does not exist.").format(path=path))
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
            names = set(zf.namelist())
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, NotImplementedError, RuntimeError,
            EOFError, UnicodeDecodeError) as exc:
        raise _not_a_backup(path) from exc
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND or DATABASE_MEMBER not in names:
        raise _not_a_backup(path)
    if not isinstance(manifest.get("format"), int) or manifest["format"] > FORMAT:
        raise UserError(_("{path} was made by a newer version of the program. Install the newer "
                          "version to restore it; nothing was changed.").format(path=path))
    try:
        info = _info(path, manifest, verified=True)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise _not_a_backup(path) from exc
    from dj_desktop.core.db import known_revisions
    if set(info.schema) - known_revisions():
        raise UserError(_("{path} was made by a newer version of the program. Install the newer "
                          "version to restore it; nothing was changed.").format(path=path))
    return info


def list_backups(folder: str | Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first; other files are left out."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            found.append(read_backup(path))
        except UserError:
            log.warning("skipped a file that is not a readable backup")
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def latest_good_backup(db_path: Path) -> Path | None:
    for info in list_backups(backups_dir(db_path)):
        if info.verified:
            return info.path
    return None


# ------------------------------------------------------------------ the daily backup and retention

def daily_backup_if_due(db_path: str | Path, *, today: date | None = None,
                        now: datetime | None = None) -> BackupInfo | None:
    """At the first start of each day: a backup when none was taken today, then :func:`prune`."""
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    today = today or date.today()
    stamp = today.strftime("%Y%m%d")
    if folder.is_dir() and any(stamp in p.name for p in folder.glob(f"{db_path.stem}-{stamp}-*{SUFFIX}")):
        return None
    info = take_backup(db_path, folder, reason="daily", now=now)
    prune(folder)
    return info


def keep_set(backups: list[BackupInfo]) -> set[Path]:
    """Which backups :func:`prune` keeps: newest of each of the last 7 days, 4 ISO weeks and
    12 months that have backups, and the 5 newest taken before an import, migration or restore."""
    newest_first = sorted(backups, key=lambda b: b.created_at, reverse=True)
    keep: set[Path] = set()
    for limit, bucket in ((KEEP_DAILY, lambda d: d.date()), (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
                          (KEEP_MONTHLY, lambda d: (d.year, d.month))):
        seen: list = []
        for b in newest_first:
            key = bucket(b.created_at)
            if key not in seen:
                if len(seen) == limit:
                    break
                seen.append(key)
                keep.add(b.path)
    keep.update(b.path for b in [b for b in newest_first if b.reason not in ("daily", "manual")][:KEEP_EVENTS])
    return keep


def prune(folder: str | Path) -> list[Path]:
    """Delete the automatic backups that :func:`keep_set` does not keep; returns what was deleted."""
    backups = list_backups(folder)
    keep = keep_set(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


__all__ = ["BackupInfo", "backups_dir", "daily_backup_if_due", "integrity_ok", "keep_set", "latest_good_backup",
           "list_backups", "make_private", "prune", "read_backup", "take_backup"]
