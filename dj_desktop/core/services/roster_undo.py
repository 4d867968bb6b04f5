"""Reverting one change batch (an Excel import) from its rows in ``record_history``.

Records the batch created become tombstones; records it updated get the old value
of every field it changed. The revert is itself a batch, so it has history too.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Uuid, select
from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Base, ChangeBatch, RecordHistory, RecordMixin, utcnow

UNDO_KIND = "undo"
#: How many names a refusal lists before "…".
_NAMES_SHOWN = 10


def _model_for_table() -> dict[str, type[RecordMixin]]:
    from dj_desktop.core.books import load_books
    load_books()                                # every model mapped
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers if issubclass(m.class_, RecordMixin)}


def _from_json(model: type[RecordMixin], field: str, value: Any) -> Any:
    """A history value (JSON form) back as the column's Python value."""
    if value is None:
        return None
    column_type = model.__table__.columns[field].type
    if isinstance(column_type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    if isinstance(column_type, Uuid):
        return uuid.UUID(value)
    return value


def _label(record: RecordMixin) -> str:
    return str(getattr(record, "name", "") or getattr(record, "kind", "") or record.id)


def _changed_later(s: Session, records: dict[tuple[str, uuid.UUID], RecordMixin],
                   by_record: dict[tuple[str, uuid.UUID], list[RecordHistory]]) -> list[RecordMixin]:
    """Records written after the batch by anything but a later batch that was itself undone
    (an undone import and its undo cancel out, so they do not block undoing an earlier one)."""
    last_seq = {key: max(h.change_seq for h in rows) for key, rows in by_record.items()}
    suspects = [key for key, record in records.items() if record.change_seq > last_seq[key]]
    if not suspects:
        return []
    cancelled = set(s.scalars(select(ChangeBatch.id).where(
        (ChangeBatch.undone_at.is_not(None)) | (ChangeBatch.kind == UNDO_KIND))))
    blocking: set[tuple[str, uuid.UUID]] = set()
    for start in range(0, len(suspects), 500):
        chunk = suspects[start:start + 500]
        for table, rid, seq, batch_id in s.execute(
            select(RecordHistory.table_name, RecordHistory.record_id, RecordHistory.change_seq,
                   RecordHistory.batch_id).where(RecordHistory.record_id.in_([rid for _t, rid in chunk]))
        ):
            key = (table, rid)
            if key in last_seq and seq > last_seq[key] and batch_id not in cancelled:
                blocking.add(key)
    return [records[key] for key in suspects if key in blocking]


def undo_batch(s: Session, batch: ChangeBatch, *, reason: str, count_table: str = "member") -> tuple[int, int]:
    """Revert ``batch`` in the session's transaction; returns how many ``count_table`` records
    were removed and restored (other tables, such as status events, are reverted too).

    Refuses (:class:`UserError`, nothing changed) when a record was changed again after the
    batch, since reverting it would silently drop that later change.
    """
    history = s.scalars(select(RecordHistory).where(RecordHistory.batch_id == batch.id)
                        .order_by(RecordHistory.change_seq)).all()
    by_record: dict[tuple[str, uuid.UUID], list[RecordHistory]] = defaultdict(list)
    for h in history:
        by_record[(h.table_name, h.record_id)].append(h)
    models = _model_for_table()
    records: dict[tuple[str, uuid.UUID], RecordMixin] = {}
    for table in {t for t, _id in by_record}:
        ids = [rid for t, rid in by_record if t == table]
        model = models[table]
        for start in range(0, len(ids), 500):
            for record in s.scalars(select(model).where(model.id.in_(ids[start:start + 500]))):
                records[(table, record.id)] = record
    changed_later = _changed_later(s, records, by_record)
    if changed_later:
        names = "、".join(_label(r) for r in changed_later[:_NAMES_SHOWN])
        more = "…" if len(changed_later) > _NAMES_SHOWN else ""
        raise UserError(_("This import cannot be undone: {count} records were changed after it ({names}{more}). "
                          "Undo the later imports first, or correct these records by hand.").format(
            count=len(changed_later), names=names, more=more))
    undo = ChangeBatch(kind=UNDO_KIND, label=batch.label, summary={"undoes": str(batch.id)})
    s.add(undo)
    s.flush()
    s.info["batch_id"], s.info["reason"] = undo.id, reason
    removed = restored = 0
    for key, rows in by_record.items():
        record = records.get(key)
        if record is None:
            continue
        model = type(record)
        if any(h.action == "create" for h in rows):
            if not record.deleted:
                record.deleted = True
                removed += key[0] == count_table
            continue
        for h in reversed(rows):
            for field, (old, _new) in h.changes.items():
                setattr(record, field, _from_json(model, field, old))
        restored += key[0] == count_table
    batch.undone_at = utcnow()
    undo.summary = {**undo.summary, "removed": removed, "restored": restored}
    s.flush()
    return removed, restored
