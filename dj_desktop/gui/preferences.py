"""Per-user GUI preferences (language, last database, last folders, window geometry) in an INI file.

The language must be known before any database is opened (the "cannot open the
database" message is translated), so it lives here, not in the database settings.
The composition root passes one :class:`Preferences` to the window; tests give a
file in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from dj_desktop.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dj_desktop.paths import default_preferences_path  # noqa: F401 (the window's callers import it from here)


class Preferences:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._settings.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unsupported language: {value}")
        self._settings.setValue("ui/language", value)
        self._settings.sync()

    @property
    def last_database(self) -> str | None:
        value = self._settings.value("database/last")
        return str(value) if value else None

    @last_database.setter
    def last_database(self, value: str) -> None:
        self._settings.setValue("database/last", value)
        self._settings.sync()

    def last_folder(self, kind: str) -> str | None:
        """The folder last used in a file dialog of ``kind`` (see ``gui/file_dialogs.py``)."""
        value = self._settings.value(f"folders/{kind}")
        return str(value) if value else None

    def set_last_folder(self, kind: str, folder: str) -> None:
        self._settings.setValue(f"folders/{kind}", folder)
        self._settings.sync()

    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_window_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)
        self._settings.sync()

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without input before the window locks (issue 11); 0 = never."""
        try:
            value = int(self._settings.value("security/idle_lock_minutes", 10))
        except (TypeError, ValueError):
            return 10
        return min(max(value, 0), 24 * 60)

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self._settings.setValue("security/idle_lock_minutes", int(value))
        self._settings.sync()
