"""Reading the facts of many branches without the per-value cost of the column types (issue 16).

SQLite keeps a UUID as 32 hex digits and a date as ``YYYY-MM-DD`` text; SQLAlchemy's types turn each
value back through ``uuid.UUID(hex=…)`` and a regular expression, which at an office of 1,000 branches
(80,000 members, a quarter of a million ids and dates) was a third of loading the facts. Here the
columns are read as they are stored (``raw(column)``) and turned into the same values by a
:class:`ValueReader`, which converts each distinct text once (branch and group ids, dates repeat) and
builds a ``uuid.UUID`` from its integer directly. PostgreSQL's driver already returns ``UUID`` and
``date`` objects; those pass through unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Callable

from sqlalchemy import String, type_coerce

_new = object.__new__
# the slots' own setters: a C call each, without the attribute lookup of object.__setattr__
_set_int, _set_safe = uuid.UUID.__dict__["int"].__set__, uuid.UUID.__dict__["is_safe"].__set__
_UNKNOWN = uuid.SafeUUID.unknown


def raw(column) -> Any:
    """``column`` read as stored (text on SQLite), under its own name."""
    return type_coerce(column, String()).label(column.key)


def raw_rows(conn, stmt) -> list[tuple]:
    """``conn.execute(stmt).all()`` as the driver's plain tuples, without building a ``Row`` each (80,000
    members at an office: a third of reading them). Only for statements whose columns need no result
    processing: read as stored (``raw``) or plain strings."""
    result = conn.execute(stmt)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _uuid(text: str) -> uuid.UUID:
    """``uuid.UUID(hex=text)`` for the 32 hex digits SQLAlchemy stores, without its string clean-up."""
    if len(text) != 32:
        return uuid.UUID(text)
    value = _new(uuid.UUID)
    _set_int(value, int(text, 16))
    _set_safe(value, _UNKNOWN)
    return value


class ValueReader:
    """Turns stored ids and dates into ``uuid.UUID`` and ``date``, each distinct text once."""

    def __init__(self) -> None:
        self._ids: dict[Any, uuid.UUID | None] = {None: None}
        self._dates: dict[Any, date | None] = {None: None}

    def id(self, value: Any) -> uuid.UUID | None:
        try:
            return self._ids[value]
        except KeyError:
            found = self._ids[value] = _uuid(value) if isinstance(value, str) else value
            return found

    def new_id(self, value: Any) -> uuid.UUID | None:
        """An id read once (a record's own id): converted, not remembered."""
        return _uuid(value) if isinstance(value, str) else value

    def dates_in(self, rows: list[tuple], columns: tuple[int, ...]) -> Callable[[Any], date | None]:
        """Converts every distinct value of ``columns`` of ``rows`` once and returns the lookup of the
        converted value (a C-level call: a facts chunk looks up four dates per member)."""
        known = self._dates
        for c in columns:
            for value in {r[c] for r in rows}.difference(known):
                known[value] = date.fromisoformat(value) if isinstance(value, str) else value
        return known.__getitem__

    def ids_in(self, rows: list[tuple], columns: tuple[int, ...]) -> Callable[[Any], uuid.UUID | None]:
        """As :meth:`dates_in`, for ids."""
        known = self._ids
        for c in columns:
            for value in {r[c] for r in rows}.difference(known):
                known[value] = _uuid(value) if isinstance(value, str) else value
        return known.__getitem__

    def date(self, value: Any) -> date | None:
        try:
            return self._dates[value]
        except KeyError:
            found = self._dates[value] = date.fromisoformat(value) if isinstance(value, str) else value
            return found
