"""Database errors after opening, in the user's words: locked, read-only, full disk, damaged.

Installed on every engine (:func:`install`): SQLAlchemy's ``handle_error`` hook replaces the
driver's exception by a :class:`DatabaseWriteError`, a :class:`UserError` whose message names the
problem and what to do, and which never carries SQL or its parameters (personal data). The
engine is also created with ``hide_parameters=True``, so even an unexpected error's text and
traceback show no parameters.
"""

from __future__ import annotations

from sqlalchemy import Engine, event

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


class DatabaseWriteError(UserError):
    """The database cannot be read or written right now; nothing of the failed step was saved."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


def classify(text: str) -> str | None:
    """The kind of a driver error message: ``locked``, ``readonly``, ``full``, ``io``, ``damaged``."""
    text = text.lower()
    if "locked" in text or "busy" in text:
        return "locked"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "readonly"
    if "disk is full" in text or "no space" in text or "disk full" in text:
        return "full"
    if "disk i/o" in text or "i/o error" in text:
        return "io"
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return "damaged"
    return None


def message_for(kind: str) -> str:
    messages = {
        "locked": _("The database is in use by another program (or another window of this program). "
                    "Close it and try again; nothing of this step was saved."),
        "readonly": _("The database file or its folder is read-only, so nothing could be saved. "
                      "Copy the database to a folder you can write to, or ask whoever manages this PC."),
        "full": _("The disk is full, so nothing of this step was saved. Free some space (empty the "
                  "recycle bin, remove large files) and try again."),
        "io": _("The disk reported a read or write error; nothing of this step was saved. Check the "
                "disk or stick, then restore the latest backup if the problem remains."),
        "damaged": _("The database is damaged; nothing was written to it. Restore the latest good "
                     "backup (文件 → 恢复, or dj-desktop restore)."),
    }
    return messages[kind]


def _translate(context) -> None:
    original = context.original_exception
    kind = classify(str(original))
    if kind is None:
        return
    raise DatabaseWriteError(message_for(kind), kind) from None


def install(engine: Engine) -> None:
    event.listen(engine, "handle_error", _translate)
