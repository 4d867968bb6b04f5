"""Direct SQLite connections for the file-level checks and copies (quick_check, backups, restore),
plain or SQLCipher: the data key of an encrypted database opened in this process is remembered by
its path (in memory only), so the same code checks and copies both kinds of file.

``DATABASE_ERRORS`` / ``OPERATIONAL_ERRORS`` catch the errors of both drivers.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

try:
    import sqlcipher3
except ImportError:                    # pragma: no cover — a build without SQLCipher: plain files only
    sqlcipher3 = None

DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + (
    (sqlcipher3.DatabaseError,) if sqlcipher3 else ())
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,) + (
    (sqlcipher3.OperationalError,) if sqlcipher3 else ())

#: resolved database path → data key, for encrypted databases unlocked in this process.
_keys: dict[str, bytes] = {}


def _file_of(target: str | Path) -> str:
    text = str(target)
    if text.startswith("file:"):
        text = text[len("file:"):].split("?", 1)[0]
    return str(Path(text).resolve())


def remember_key(db_path: str | Path, data_key: bytes) -> None:
    _keys[_file_of(db_path)] = data_key


def forget_key(db_path: str | Path) -> None:
    _keys.pop(_file_of(db_path), None)


def key_for(db_path: str | Path) -> bytes | None:
    return _keys.get(_file_of(db_path))


def keyed_connect(target: str | Path, data_key: bytes | None, **kwargs):
    """A connection to ``target`` (a path or a ``file:`` URI with ``uri=True``), keyed when a key is given."""
    if data_key is None:
        return sqlite3.connect(target, **kwargs)
    if sqlcipher3 is None:
        raise RuntimeError("SQLCipher (sqlcipher3) is not installed")
    conn = sqlcipher3.connect(str(target), **kwargs)
    conn.execute("PRAGMA cipher_log_level = NONE")    # a wrong key is reported by us, not on stderr
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    return conn


def connect(target: str | Path, *, like: str | Path | None = None, **kwargs):
    """Connect to ``target``; encrypted with the remembered key of ``like`` (default: ``target`` itself).
    A backup copy names its source as ``like`` so it is encrypted with the same key."""
    return keyed_connect(target, key_for(like if like is not None else target), **kwargs)
