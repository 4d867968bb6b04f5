"""Stamps identity fields and writes the audit trail on every flush.

Installed on the session factory by :mod:`dj_desktop.core.db`. A session's
``info`` carries ``site_id`` (required), and optionally ``reason`` and
``batch_id`` that services set for the history rows of one operation.
Bulk inserts that bypass the ORM unit of work call :func:`stamp_rows`.
"""

from __future__ import annotations

import base64
import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

from sqlalchemy import bindparam, inspect, update
from sqlalchemy.orm import Session

from dj_desktop.core import audit
from dj_desktop.core.models.base import IDENTITY_COLUMNS, RecordMixin, utcnow
from dj_desktop.core.models.meta import ChangeCounter


class HardDeleteRefused(RuntimeError):
    """Raised when code tries to hard-delete a record instead of tombstoning it."""


def to_json_value(value: Any) -> Any:
    """A column value as plain JSON (history rows, sync bundles)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


#: Built once: it runs on every flush and for every imported bundle.
_RESERVE_SEQS = (update(ChangeCounter).where(ChangeCounter.id == 1)
                 .values(value=ChangeCounter.value + bindparam("count")).returning(ChangeCounter.value))


def next_change_seqs(session: Session, count: int) -> range:
    """Reserve ``count`` consecutive change sequence numbers."""
    if count <= 0:
        return range(0)
    last = session.connection().execute(_RESERVE_SEQS, {"count": count}).scalar_one()
    return range(last - count + 1, last + 1)


def field_stamp(version: int, site: str, replaced: list | None) -> list:
    """The ``field_versions`` entry of a field written now at ``site``: ``[version, site]``, plus
    ``{other site: version}`` — for each other site, the newest of its edits that the replaced
    value descends from (directly or through copies of copies). A merge reads from it that this
    edit was made on top of another site's: a fast-forward, not a concurrent edit."""
    seen: dict[str, int] = {}
    if replaced:
        if len(replaced) > 2 and isinstance(replaced[2], dict):
            seen.update({str(k): int(v) for k, v in replaced[2].items()})
        seen[str(replaced[1])] = max(seen.get(str(replaced[1]), 0), int(replaced[0]))
    seen.pop(site, None)        # this site's own edits are ordered by their versions already
    return [version, site, seen] if seen else [version, site]


def _data_columns(obj: RecordMixin) -> list[str]:
    return [a.key for a in inspect(obj).mapper.column_attrs if a.key not in IDENTITY_COLUMNS]


def before_flush(session: Session, _context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, RecordMixin):
            raise HardDeleteRefused(f"{type(obj).__name__} {obj.id} must be tombstoned, not deleted")
    new = [o for o in session.new if isinstance(o, RecordMixin)]
    dirty = [o for o in session.dirty if isinstance(o, RecordMixin) and session.is_modified(o)]
    if not new and not dirty:
        return
    site = session.info["site_id"]
    reason = session.info.get("reason", "")
    batch_id = session.info.get("batch_id")
    now = utcnow()
    seqs = iter(next_change_seqs(session, len(new) + len(dirty)))
    history: list[dict[str, Any]] = []

    for obj in new:
        _apply_column_defaults(obj)
        if obj.id is None:
            obj.id = uuid.uuid4()
        obj.origin = obj.origin or site
        obj.modified_by = obj.modified_by or site
        obj.version = obj.version or 1
        obj.field_versions = obj.field_versions or {}
        obj.change_seq = next(seqs)
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        obj.deleted = bool(obj.deleted)
        changes = {k: [None, to_json_value(getattr(obj, k))] for k in _data_columns(obj)}
        history.append(_history_row(obj, "create", changes, reason, batch_id, now))

    for obj in dirty:
        state = inspect(obj)
        changes: dict[str, list[Any]] = {}
        for key in _data_columns(obj) + ["deleted"]:
            hist = state.attrs[key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new_value = hist.added[0] if hist.added else None
                if old != new_value:
                    changes[key] = [to_json_value(old), to_json_value(new_value)]
        if not changes:
            continue
        if session.info.get("merging"):
            # Sync merge sets identity fields itself; only the local sequence is ours.
            obj.change_seq = next(seqs)
            action = "merge"
        else:
            obj.version = (obj.version or 1) + 1
            versions = dict(obj.field_versions or {})
            for key in changes:
                versions[key] = field_stamp(obj.version, site, versions.get(key))
            obj.field_versions = versions
            obj.modified_by = site
            obj.change_seq = next(seqs)
            obj.updated_at = now
            action = "update"
            if "deleted" in changes:
                action = "delete" if obj.deleted else "restore"
        history.append(_history_row(obj, action, changes, reason, batch_id, now))

    if history:
        audit.write_history(session, history)


def _apply_column_defaults(obj: RecordMixin) -> None:
    """Python-side defaults, applied now so the "create" history row shows real values."""
    for attr in inspect(obj).mapper.column_attrs:
        column = attr.columns[0]
        if getattr(obj, attr.key) is None and column.default is not None:
            default = column.default
            if default.is_scalar:
                setattr(obj, attr.key, default.arg)
            elif default.is_callable:
                setattr(obj, attr.key, default.arg(None))


def _history_row(obj: RecordMixin, action: str, changes: dict, reason: str,
                 batch_id: uuid.UUID | None, now: datetime) -> dict[str, Any]:
    return {
        "table_name": type(obj).__tablename__, "record_id": obj.id, "version": obj.version,
        "change_seq": obj.change_seq, "action": action, "changes": changes,
        "reason": reason, "batch_id": batch_id, "at": now,
    }


def stamp_rows(session: Session, rows: Iterable[dict[str, Any]], *,
               history_table: str | None = None) -> list[dict[str, Any]]:
    """Fill identity fields of plain dicts for ``session.execute(insert(Model), rows)``.

    With ``history_table`` also writes one "create" history row per record.
    """
    rows = list(rows)
    site = session.info["site_id"]
    now = utcnow()
    for row, seq in zip(rows, next_change_seqs(session, len(rows))):
        row.setdefault("id", uuid.uuid4())
        row.setdefault("origin", site)
        row.setdefault("modified_by", site)
        row.setdefault("version", 1)
        row.setdefault("field_versions", {})
        row.setdefault("created_at", now)
        row.setdefault("updated_at", now)
        row.setdefault("deleted", False)
        row["change_seq"] = seq
    if history_table and rows:
        reason = session.info.get("reason", "")
        batch_id = session.info.get("batch_id")
        audit.write_history(session, [
            {"table_name": history_table, "record_id": r["id"], "version": r["version"],
             "change_seq": r["change_seq"], "action": "create",
             "changes": {k: [None, to_json_value(v)] for k, v in r.items() if k not in IDENTITY_COLUMNS},
             "reason": reason, "batch_id": batch_id, "at": now}
            for r in rows
        ])
    return rows
