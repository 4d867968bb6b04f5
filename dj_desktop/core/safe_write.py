"""Files the program writes go to a temporary name, are flushed and fsynced, then renamed.

A kill, a full disk or a pulled stick therefore leaves either the old file (or none) or the
whole new one, never half a PDF or half a bundle. Private files (databases, backups) are
made readable by the user alone (0600 in a 0700 folder).
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, TypeVar

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _

T = TypeVar("T")
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TEMP_MARK = ".partial-"


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    """0600 for a file, 0700 for a folder (no effect on Windows, whose ACLs are per user already)."""
    if os.name == "posix" and path.exists():
        os.chmod(path, PRIVATE_DIR if path.is_dir() else PRIVATE_FILE)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents) if needed; a folder created here is 0700."""
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=PRIVATE_DIR)
        except OSError as exc:
            raise UserError(_("Cannot create folder {path}: {error}").format(
                path=folder, error=exc.strerror or exc)) from exc
        make_private(folder)
    return folder


def temp_name(path: Path) -> Path:
    """A unique temporary name beside ``path`` (same folder, so the rename is atomic)."""
    return path.with_name(f".{path.name}{TEMP_MARK}{uuid.uuid4().hex[:12]}")


def write_error(path: Path, exc: OSError) -> UserError:
    """The user's message for a failed write: what failed and what to do, no traceback."""
    import errno
    if exc.errno == errno.ENOSPC:
        text = _("Cannot write {path}: the disk or stick is full. Free some space or choose another "
                 "place; nothing was written.")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        text = _("Cannot write {path}: the file or folder is read-only (or the file is open in another "
                 "program). Choose a folder you can write to; nothing was written.")
    else:
        text = _("Cannot write {path}: {error}. Nothing was written.")
    return UserError(text.format(path=path, error=exc.strerror or exc))


@contextmanager
def atomic_path(path: str | Path, *, private: bool = False, replace: bool = True) -> Iterator[Path]:
    """Yields a temporary path beside ``path`` for a writer that takes a file name (reportlab,
    openpyxl, SQLite); on success the file is fsynced and renamed to ``path``. On any error the
    temporary file is removed and ``path`` is untouched; an ``OSError`` becomes a :class:`UserError`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(path, exc) from exc
    tmp = temp_name(path)
    try:
        yield tmp
        if private:
            make_private(tmp)
        fsync_file(tmp)
        if not replace and path.exists():
            raise UserError(_("{path} already exists; it was not overwritten.").format(path=path))
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        _discard(tmp)
        raise write_error(path, exc) from exc
    except BaseException:
        _discard(tmp)
        raise


def atomic_write(path: str | Path, write: Callable[[BinaryIO], T], *, private: bool = False,
                 replace: bool = True) -> T:
    """``write(file object)`` into a temporary name → flush → fsync → rename. Returns what ``write`` returned."""
    with atomic_path(path, private=private, replace=replace) as tmp:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, PRIVATE_FILE if private else 0o666)
        with os.fdopen(fd, "wb") as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
    return result


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass
