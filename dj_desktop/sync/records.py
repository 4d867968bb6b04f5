"""Records as JSON for bundles, and back to column values — generic over every record table."""

from __future__ import annotations

import base64
import uuid
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable

from sqlalchemy import Table
from sqlalchemy.types import Date, DateTime, LargeBinary, Numeric, Uuid

from dj_desktop.core.models.base import IDENTITY_COLUMNS

#: Identity fields carried next to ``data`` in each JSON line (``change_seq`` stays local).
CARRIED = ("origin", "version", "field_versions", "modified_by", "created_at", "updated_at", "deleted")


def to_json(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _converter(column) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Uuid):
        return lambda v: uuid.UUID(str(v))
    if isinstance(kind, Numeric):
        return lambda v: v if isinstance(v, (int, float)) else Decimal(v)
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return None


def from_json(column, value: Any) -> Any:
    if value is None:
        return None
    convert = _converter(column)
    return value if convert is None else convert(value)


def _default(column) -> Callable[[], Any]:
    if column.default is not None and column.default.is_scalar:
        return lambda: column.default.arg
    if column.default is not None and column.default.is_callable:
        return lambda: column.default.arg(None)
    return lambda: None


@lru_cache(maxsize=None)
def _codec(table: Table) -> tuple:
    """Per table, computed once: data column names and (name, converter, default) for reading."""
    data = tuple(c for c in table.columns if c.name not in IDENTITY_COLUMNS)
    carried = tuple((name, _converter(table.c[name])) for name in CARRIED)
    readers = tuple((c.name, _converter(c), _default(c)) for c in data)
    return tuple(c.name for c in data), carried, readers


def data_columns(table: Table) -> list:
    return [c for c in table.columns if c.name not in IDENTITY_COLUMNS]


def row_to_record(table: Table, row: Any) -> dict[str, Any]:
    """One database row (a mapping) as the JSON object written to ``records/<table>.jsonl``."""
    names = _codec(table)[0]
    record = {"id": str(row["id"]), "seq": row["change_seq"]}
    for name in CARRIED:
        record[name] = to_json(row[name])
    record["data"] = {name: to_json(row[name]) for name in names}
    return record


def record_to_row(table: Table, record: dict[str, Any]) -> dict[str, Any]:
    """Column values from a JSON record. Fields this schema no longer has are dropped; fields a
    bundle from an older schema lacks get the column's default (the "upgrade" of old bundles)."""
    _names, carried, readers = _codec(table)
    row: dict[str, Any] = {"id": uuid.UUID(record["id"])}
    for name, convert in carried:
        value = record.get(name)
        row[name] = value if value is None or convert is None else convert(value)
    row["version"] = int(row["version"] or 1)
    row["field_versions"] = dict(record.get("field_versions") or {})
    row["deleted"] = bool(row["deleted"])
    data = record.get("data") or {}
    for name, convert, default in readers:
        if name in data:
            value = data[name]
            row[name] = value if value is None or convert is None else convert(value)
        else:
            row[name] = default()
    return row
