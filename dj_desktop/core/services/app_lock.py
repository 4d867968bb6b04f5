"""The window's idle lock (issue 11): whether the open database has an app password, and a check of
a password against its key file — the window unlocks with the database's own password."""

from __future__ import annotations

from dj_desktop.core import encryption
from dj_desktop.core.db import Database


class AppLockService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def protected(self) -> bool:
        """True when the database is a file with an app password (only then can the window lock)."""
        path = self._db.path
        return path is not None and encryption.is_encrypted(path)

    def check(self, password: str) -> None:
        """Nothing when ``password`` is the database's; :class:`encryption.PasswordError` otherwise."""
        path = self._db.path
        if path is None:
            raise encryption.PasswordError("no database file")
        encryption.unlock(path, password)
