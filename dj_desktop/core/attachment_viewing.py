"""Decrypted copies of encrypted attachments for the system viewer: readable by this user only.

The copies go in one private folder per run (0700, files 0600), under the attachment's own file
name so the viewer knows its type, and the folder is removed when the program ends.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_folder: Path | None = None


def _private_folder() -> Path:
    global _folder
    if _folder is None or not _folder.is_dir():
        _folder = Path(tempfile.mkdtemp(prefix="dj-desktop-view-"))     # mkdtemp: mode 0700
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def _safe_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name.strip() or "attachment"
    return name[:120]


def plain_copy(filename: str, content: bytes) -> Path:
    """Write ``content`` to a new private file named like ``filename``; returns its path."""
    folder = Path(tempfile.mkdtemp(dir=_private_folder()))   # own sub-folder: names never collide
    path = folder / _safe_name(filename)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    return path


def cleanup() -> None:
    """Remove the decrypted copies now (also done at exit)."""
    global _folder
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
        _folder = None
