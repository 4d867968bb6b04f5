"""Faster stand-ins for SQLAlchemy's SQLite date and time bind processors (issue 16).

The office import binds every record's dates in the worker that opens bundles
(:func:`dj_desktop.sync.records.bind_ahead`). SQLAlchemy's SQLite ``DATE`` and ``DATETIME`` turn a
value into text with a ``%``-format over a dict of its fields, ~1.5 µs a value: a tenth of the
worker's binding. For the values it writes most — a plain ``date``, a ``datetime`` without a time
zone — ``isoformat`` gives the very same text in C; every other value goes to SQLAlchemy's
processor. Only the default storage formats are replaced (a column with its own keeps SQLAlchemy's).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from sqlalchemy.dialects.sqlite.base import DATE, DATETIME

Processor = Callable[[Any], Any]


def faster(impl: Any, processor: Processor | None) -> Processor | None:
    """``processor`` (SQLAlchemy's, for the dialect type ``impl``), or a faster one that gives the same."""
    if processor is None:
        return None
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
