"""Per-user folders (platformdirs): where the default database and logs live."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "dj_desktop"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "branch.db"


def default_preferences_path() -> Path:
    """The window's preferences (``gui/preferences.py``), an INI file."""
    return data_dir() / "preferences.ini"


def log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False)
