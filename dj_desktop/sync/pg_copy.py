"""PostgreSQL: a bundle's rows reach the office through ``COPY … FROM STDIN`` (issue 16).

COPY checks what an INSERT checks (constraints, foreign keys, indexes) without psycopg's per-row
statement work. A row's values are the driver values SQLAlchemy would bind, in the order of the
COPY's columns (statement and processing built once per table), with one difference: a JSON
column's value is its JSON text (what psycopg's ``Json`` wrapper would write, made with the same
serialiser) instead of a wrapper psycopg dumps through a Python call for every value (~200,000 per
1,000 bundles: ``field_versions`` and the audit entries' content). The client side of a bundle's
four COPYs went from 2.7 to 2.2 ms.

A UUID column's value is its text too: psycopg dumps UUIDs through a Python call, text in C.

The worker that opens bundles makes these values ahead (:func:`records.bind_ahead`, as SQLite's driver
values are): the merge waits on the server for a third of its time, so it and the server take turns
on one core while the worker has room on the other. Moving this ~2 ms a bundle out of the merge
shortens that turn-taking; the worker's extra time is spent where a core was idle (issue 16).
"""

from __future__ import annotations

import json
from functools import lru_cache
from operator import itemgetter
from typing import Any, Callable
from uuid import UUID

from sqlalchemy import JSON, Table, Uuid

from dj_desktop.core.plain_json import orjson_text

_JSON_PLAIN = (dict, list, str, int, float, bool, type(None))


def _json_text(dumps: Callable[[Any], str], wrap: Callable[[Any], Any]) -> Callable[[Any], Any]:
    fast = dumps is json.dumps      # a serialiser of the engine's own is always used as it is

    def text(value: Any) -> Any:
        # SQLAlchemy binds None in a JSON column as JSON null (``none_as_null`` off): so does dumps.
        # Anything else (its NULL markers) goes through SQLAlchemy's own processor. Plain values
        # are written by orjson (the same document, compact): ~100 audit entries a bundle.
        if type(value) not in _JSON_PLAIN:
            return wrap(value)
        text = orjson_text(value) if fast else None
        return text if text is not None else dumps(value)
    return text


def _uuid_text(processor: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    def text(value: Any) -> Any:
        value = processor(value) if processor is not None else value
        return str(value) if type(value) is UUID else value
    return text


@lru_cache(maxsize=64)
def plan(table: Table, dialect) -> tuple[str, tuple[str, ...], Callable, tuple]:
    """The COPY statement of every column of ``table``, the columns' keys in its order, a getter of
    those values from a row, and ``(index, processor)`` of the columns whose values SQLAlchemy
    processes (JSON and UUID ones made text)."""
    dumps = getattr(dialect, "_json_serializer", None) or json.dumps
    columns = list(table.columns)
    keys = tuple(c.key for c in columns)
    processors = []
    for index, column in enumerate(columns):
        processor = column.type.dialect_impl(dialect).bind_processor(dialect)
        if isinstance(column.type, JSON) and processor is not None:
            processor = _json_text(dumps, processor)
        elif isinstance(column.type, Uuid):
            processor = _uuid_text(processor)
        if processor is not None:
            processors.append((index, processor))
    quote = dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) FROM STDIN"
    return sql, keys, itemgetter(*keys), tuple(processors)


def values(table: Table, dialect, row: dict[str, Any]) -> list:
    """The values of ``row`` for :func:`plan`'s COPY."""
    _sql, _keys, values_of, processors = plan(table, dialect)
    out = list(values_of(row))
    for index, processor in processors:
        out[index] = processor(out[index])
    return out


def rows_for_copy(table: Table, dialect, rows: list[dict[str, Any]]) -> list[list]:
    """The values of ``rows`` for :func:`plan`'s COPY."""
    return [values(table, dialect, row) for row in rows]
