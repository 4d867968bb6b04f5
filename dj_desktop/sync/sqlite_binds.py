"""Faster stand-ins for SQLAlchemy's SQLite date and time bind processors (issue 16).

The office import binds every record's dates in the worker that opens bundles
(:func:`dj_desktop.sync.records.bind_ahead`). SQLAlchemy's SQLite ``DATE`` and ``DATETIME`` turn a
value into text with a ``%``-format over a dict of its fields, ~1.5 µs a value: a tenth of the
worker's binding. For the values it writes most — a plain ``date``, a ``datetime`` without a time
zone — ``isoformat`` gives the very same text in C; every other value goes to SQLAlchemy's
processor. Only the default storage formats are replaced (a column with its own keeps SQLAlchemy's).

A JSON column's plain values (:mod:`dj_desktop.core.plain_json`) are written by orjson, as the
PostgreSQL office writes them (:mod:`.pg_copy`): the same document, compact and in UTF-8, where
:func:`json.dumps` spends ~15 µs on an audit entry's history row and escapes every Chinese character
(~2 ms of the worker's ~14 ms a bundle). Anything else, and any engine with a
serialiser of its own, keeps SQLAlchemy's processor.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from sqlalchemy.dialects.sqlite.base import DATE, DATETIME
from sqlalchemy.types import JSON

from dj_desktop.core.plain_json import orjson_text

Processor = Callable[[Any], Any]


def faster(impl: Any, processor: Processor | None, dialect: Any = None) -> Processor | None:
    """``processor`` (SQLAlchemy's, for the dialect type ``impl`` of ``dialect``), or a faster one that
    gives the same text (for JSON: the same document)."""
    if processor is None:
        return None
    if (isinstance(impl, JSON) and not impl.none_as_null
            and getattr(dialect, "_json_serializer", None) is None):
        return _json(processor)
    if isinstance(impl, DATE) and impl._storage_format == DATE._storage_format:
        return _date(processor)
    if isinstance(impl, DATETIME) and impl._storage_format == DATETIME._storage_format:
        return _datetime(processor)
    return processor


def _date(slower: Processor) -> Processor:
    def process(value: Any) -> Any:
        return value.isoformat() if type(value) is date else slower(value)
    return process


def _datetime(slower: Processor) -> Processor:
    def process(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return slower(value)
    return process


def _json(slower: Processor) -> Processor:
    def process(value: Any) -> Any:
        # None is JSON null for both (``none_as_null`` is off, see faster); SQLAlchemy's NULL markers
        # are not plain and go to its processor.
        text = orjson_text(value)
        return text if text is not None else slower(value)
    return process
