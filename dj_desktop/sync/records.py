"""Records as JSON for bundles, and back to column values — generic over every record table."""

from __future__ import annotations

import base64
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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


def from_json(column, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Uuid):
        return uuid.UUID(str(value))
    if isinstance(kind, Numeric) and not isinstance(value, (int, float)):
        return Decimal(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value


def data_columns(table: Table) -> list:
    return [c for c in table.columns if c.name not in IDENTITY_COLUMNS]


def row_to_record(table: Table, row: Any) -> dict[str, Any]:
    """One database row (a mapping) as the JSON object written to ``records/<table>.jsonl``."""
    record = {"id": str(row["id"]), "seq": row["change_seq"]}
    for name in CARRIED:
        record[name] = to_json(row[name])
    record["data"] = {c.name: to_json(row[c.name]) for c in data_columns(table)}
    return record


def record_to_row(table: Table, record: dict[str, Any]) -> dict[str, Any]:
    """Column values from a JSON record. Fields this schema no longer has are dropped; fields a
    bundle from an older schema lacks get the column's default (the "upgrade" of old bundles)."""
    row: dict[str, Any] = {"id": uuid.UUID(record["id"])}
    for name in CARRIED:
        row[name] = from_json(table.c[name], record.get(name))
    row["version"] = int(row["version"] or 1)
    row["field_versions"] = dict(record.get("field_versions") or {})
    row["deleted"] = bool(row["deleted"])
    data = record.get("data") or {}
    for column in data_columns(table):
        if column.name in data:
            row[column.name] = from_json(column, data[column.name])
        elif column.default is not None and column.default.is_scalar:
            row[column.name] = column.default.arg
        elif column.default is not None and column.default.is_callable:
            row[column.name] = column.default.arg(None)
        else:
            row[column.name] = None
    return row
