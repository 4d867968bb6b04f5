"""Declarative base and the identity fields every record table shares (for sync and history)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Integer, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC timestamp: SQLite keeps no zone, so every stored time is UTC."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {
        uuid.UUID: Uuid(),
        datetime: DateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class RecordMixin:
    """Identity carried by every record so that bundles can move it between sites.

    - ``id``: a UUID, the same at every site that holds the record.
    - ``origin``: the site id of the installation that created the record.
    - ``version``: bumped on every change (a Lamport counter after merges).
    - ``field_versions``: ``{field: [version, site]}`` for each field changed
      after creation; an absent field is at ``[1, origin]``. Lets a merge tell
      edits of different fields apart from edits of the same field.
    - ``modified_by``: the site id of the last write.
    - ``change_seq``: the database-wide change counter at the last write, so an
      export can ask "what changed since N".
    - ``deleted``: tombstone; records are never hard-deleted.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    origin: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer, default=1)
    field_versions: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    modified_by: Mapped[str] = mapped_column(String(36))
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


#: Columns of :class:`RecordMixin`; they are bookkeeping, not user-visible fields.
IDENTITY_COLUMNS = frozenset(
    {"id", "origin", "version", "field_versions", "modified_by", "change_seq",
     "created_at", "updated_at", "deleted"}
)


def record_tables() -> list:
    """Every table whose rows carry :class:`RecordMixin` identity, parents first (every
    registered book's model included)."""
    from dj_desktop.core.books import load_books
    load_books()
    mapped = {m.class_.__table__ for m in Base.registry.mappers if issubclass(m.class_, RecordMixin)}
    return [t for t in Base.metadata.sorted_tables if t in mapped]
