"""Reading a record a user is about to change: it must exist and not be a tombstone."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _

T = TypeVar("T")


def live(s: Session, model: type[T], record_id: uuid.UUID, missing: str) -> T:
    """The record, or a :class:`UserError` with ``missing`` (an ``N_`` message, translated here)
    when it does not exist or was deleted."""
    record = s.get(model, record_id)
    if record is None or record.deleted:
        raise UserError(_(missing))
    return record
