"""Bookkeeping tables that are not records: settings, the change counter, history, batches."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, utcnow


class LocalSetting(Base):
    """Key/value settings of this installation (site id, language, cadence targets …)."""

    __tablename__ = "local_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON())


class ChangeCounter(Base):
    """One row: the last change sequence number handed out in this database."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class ChangeBatch(Base):
    """A group of changes made by one operation (an Excel import), so it can be undone."""

    __tablename__ = "change_batch"
    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None]
    summary: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)


class RecordHistory(Base):
    """Audit trail: one row per write of a record, with the fields it changed.

    ``changes`` is ``{field: [old, new]}`` in JSON form (dates as ISO strings).
    """

    __tablename__ = "record_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64), index=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    version: Mapped[int]
    change_seq: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(16))  # create / update / delete / restore
    changes: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
