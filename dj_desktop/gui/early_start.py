"""What the window's start does before PySide6 and the core are imported (no Qt here): begin the
integrity check of the database the window will open (``core/early_check.py``).

The database is the one ``gui/app.run_gui`` will choose: ``--db``, else the last one used, else the
default. The last one is read from the preferences' INI file without Qt; a value Qt had to escape
is skipped. It is a guess: a wrong one only means the opener checks the file itself, as before.
"""

from __future__ import annotations

import configparser
from pathlib import Path

from dj_desktop.core import early_check
from dj_desktop.paths import default_database_path, default_preferences_path


def begin_integrity_check(db_arg: str | None) -> None:
    early_check.begin(db_arg or _last_database(default_preferences_path()) or default_database_path())


def _last_database(ini: Path) -> str | None:
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read(ini, encoding="utf-8")
        value = parser.get("database", "last", fallback="").strip()
    except (configparser.Error, OSError, UnicodeError):
        return None
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    plain = value.replace("\\\\", "\0")     # Qt writes a backslash (Windows paths) as two
    if "\\" in plain:                         # any other escape: not worth decoding here
        return None
    value = plain.replace("\0", "\\")
    return value if value and Path(value).is_file() else None
