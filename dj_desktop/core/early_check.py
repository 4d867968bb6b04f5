"""The window's integrity check, begun before the program's imports.

``dj-desktop`` without a command imports the core and PySide6 for ≈ 0.6 s before it opens its
database, and ``PRAGMA quick_check`` of an office database of 10,000 branches (570 MB) takes
≈ 1.2–1.6 s: begun after the imports, the check decided when the window became usable. The command
line begins it first thing (:func:`begin`); ``open_database(check_later=True)`` takes it over
(:func:`adopt`) when it reads the same file, unchanged since (not replaced, not written by another
program, no interrupted upgrade undone); otherwise the opener starts a check of its own. Plain
SQLite files only: an encrypted one cannot be read before its password is given; none for a file
whose upgrade was interrupted (the opener puts its backup back, which an open reader would block on
Windows).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from dj_desktop.core.db_files import IntegrityCheck, marker_path

SQLITE_HEADER = b"SQLite format 3\x00"

#: resolved path → (the check, the file's signature when it began).
_begun: dict[Path, tuple[IntegrityCheck, tuple[int, int, int]]] = {}


def begin(target: str | Path) -> None:
    """Start the check of ``target`` (a path or an ``sqlite:///`` URL); anything else is left alone."""
    text = str(target)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    elif "://" in text:
        return
    path = Path(text).resolve()
    if path in _begun or marker_path(path).exists():    # an interrupted upgrade: the opener replaces the file
        return
    try:
        with open(path, "rb") as file:
            if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return
        _begun[path] = (IntegrityCheck(path), _signature(path))
    except OSError:
        return


def adopt(path: Path, explain: Callable[[Exception], str]) -> IntegrityCheck | None:
    """The check begun for ``path`` if the file is still the one it reads, else None."""
    check, signature = _begun.pop(path.resolve(), (None, None))
    if check is None:
        return None
    try:
        same = _signature(path) == signature
    except OSError:
        same = False
    if not same:
        check.finish_quietly()     # its file handle must not outlive it (Windows cannot replace an open file)
        return None
    check.explain = explain
    return check


def _signature(path: Path) -> tuple[int, int, int]:
    stat = os.stat(path)
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
