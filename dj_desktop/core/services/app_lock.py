"""The window's idle lock (issue 11): whether the open database has an app password, and a check of
a password against its key file — the window unlocks with the database's own password."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dj_desktop.core import encryption, password
from dj_desktop.core.db import Database, open_database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _


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


@dataclass(frozen=True)
class PasswordOutcome:
    """The database reopened after the change (the window moves to it) and, after set/change,
    the new recovery key to write down (shown once)."""
    db: Database
    recovery_key: str = ""


class PasswordAdminService:
    """Set, change or remove the app password from the window — what ``dj-desktop password`` does
    (core/password.py): the open connections are closed first, the file re-encrypted whole, and
    the database opened again under its new key."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _path(self) -> Path:
        if self._db.path is None:
            raise UserError(_("Only a database file can have an app password."))
        self._db.confirm_intact()       # a damaged file is never re-encrypted (opened with check_later)
        return self._db.path

    @staticmethod
    def _check_new(new: str, confirm: str) -> None:
        if len(new) < 8:
            raise ValidationError({"new": _("The password must have at least 8 characters.")})
        if new != confirm:
            raise ValidationError({"confirm": _("The two new passwords differ; type the same password twice.")})

    def set_password(self, new: str, confirm: str) -> PasswordOutcome:
        path = self._path()
        self._check_new(new, confirm)
        self._db.dispose()
        result = password.set_password(path, new)
        return PasswordOutcome(open_database(path, create=False, password=new), result.recovery_key)

    def change_password(self, current: str, new: str, confirm: str) -> PasswordOutcome:
        path = self._path()
        if not current:
            raise ValidationError({"current": _("Enter the current password.")})
        self._check_new(new, confirm)
        try:
            encryption.unlock(path, current)
        except encryption.PasswordError as exc:
            raise ValidationError({"current": _("The current password is wrong. Nothing was changed.")}) from exc
        self._db.dispose()
        result = password.change_password(path, current, new)
        return PasswordOutcome(open_database(path, create=False, password=new), result.recovery_key)

    def remove_password(self, current: str) -> PasswordOutcome:
        path = self._path()
        try:
            encryption.unlock(path, current)
        except encryption.PasswordError as exc:
            raise ValidationError({"current": _("The current password is wrong. Nothing was changed.")}) from exc
        self._db.dispose()
        password.remove_password(path, current)
        return PasswordOutcome(open_database(path, create=False))
