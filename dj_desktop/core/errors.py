"""Errors the core raises with a message a user can act on (already translated)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; ``str(error)`` is a translated, user-facing message."""


class DatabaseOpenError(UserError):
    """The database file cannot be opened, created or migrated."""


class WrongPassphrase(UserError):
    """The office passphrase does not open the stored keys."""


class ValidationError(UserError):
    """Input that breaks a rule. ``problems`` maps a field name to its message."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))
