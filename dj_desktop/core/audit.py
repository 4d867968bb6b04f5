"""The audit trail's hash chain: who changed which record, when, the fields before and after —
and proof that nobody edited, removed or reordered an entry afterwards.

Every ``record_history`` row (written by :mod:`dj_desktop.core.tracking` on every flush, so every
record table has it) gets an :class:`AuditEntry` in the same transaction: consecutive ``seq``,
``who`` (the logged-in user, else the operating-system user), ``prev_hash`` (the previous entry's
hash) and ``hash`` = SHA-256 of ``prev_hash`` + the canonical JSON of the entry and its history row.
:func:`verify` recomputes the chain and names the first entry that does not hold.

The change counter row is updated earlier in every writing transaction, so on PostgreSQL too two
transactions never extend the chain (or hand out history ids) at the same time.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Iterable

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from dj_desktop.core.models.audit import AuditEntry
from dj_desktop.core.models.meta import RecordHistory
from dj_desktop.core.plain_json import orjson_bytes

GENESIS = "0" * 64
_MAX_ID = select(func.coalesce(func.max(RecordHistory.id), 0))
_LAST = select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)


@lru_cache(maxsize=1)
def os_user() -> str:
    try:
        return getpass.getuser()[:120]
    except Exception:        # no user name in the environment (a service account)
        return ""


#: What ``UUID.hex`` writes: 32 lower-case hexadecimal digits.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{32}").fullmatch


def _uuid(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return value.hex
    if type(value) is str and _CANONICAL_UUID(value):
        return value               # already canonical (a history row's ids are stored so)
    return uuid.UUID(str(value)).hex


#: The canonical form of a time: what ``isoformat(timespec="microseconds")`` writes of a naive datetime.
_CANONICAL_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}").fullmatch


def _time(value: Any) -> str:
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)     # refuses what is no time, as before
        if parsed.tzinfo is None and _CANONICAL_TIME(value):
            return value            # already canonical: ~3 µs saved an entry (issue 16)
        value = parsed
    # ``replace`` alone costs 2 µs, and changes nothing of a naive datetime
    return (value.replace(tzinfo=None) if value.tzinfo is not None else value).isoformat(timespec="microseconds")


def canonical(seq: int, history_id: int, who: str, row: dict[str, Any]) -> bytes:
    """The bytes an entry's hash covers (``row`` holds the history row's columns)."""
    document = {
        "seq": seq, "history_id": history_id, "who": who, "table": row["table_name"],
        "record": _uuid(row["record_id"]), "version": row["version"], "change_seq": row["change_seq"],
        "action": row["action"], "changes": row["changes"], "reason": row.get("reason") or "",
        "batch": _uuid(row.get("batch_id")), "at": _time(row["at"]),
    }
    # The same bytes from orjson where it writes them, 3× faster (the office rechecks ~100 entries a
    # bundle, issue 16).
    fast = orjson_bytes(document, sort_keys=True)
    if fast is not None:
        return fast
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(prev_hash: str, seq: int, history_id: int, who: str, row: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(seq, history_id, who, row)).hexdigest()


def write_history(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert history rows and chain them (the only way history is written)."""
    if not rows:
        return
    conn = session.connection()
    # Ids are handed out here, not by the database: one executemany instead of a statement per row
    # (an ordered RETURNING falls back to row-at-a-time). Safe because every writing transaction
    # has already locked the change counter row (tracking.next_change_seqs), so none runs alongside.
    start = conn.execute(_MAX_ID).scalar_one()
    ids = range(start + 1, start + 1 + len(rows))
    for history_id, row in zip(ids, rows):
        row["id"] = history_id
    conn.execute(insert(RecordHistory), rows)
    last = conn.execute(_LAST).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    who = session.info.get("user") or os_user()
    entries = []
    for history_id, row in zip(ids, rows):
        seq += 1
        digest = entry_hash(prev, seq, history_id, who, row)
        entries.append({"seq": seq, "history_id": history_id, "who": who, "prev_hash": prev, "hash": digest})
        prev = digest
    conn.execute(insert(AuditEntry), entries)


# ------------------------------------------------------------------ verification

@dataclass(frozen=True)
class ChainBreak:
    seq: int
    history_id: int | None
    problem: str          # changed / missing / out-of-order / unchained


@dataclass(frozen=True)
class ChainReport:
    entries: int
    history_rows: int
    broken: ChainBreak | None

    @property
    def holds(self) -> bool:
        return self.broken is None


_HISTORY_COLUMNS = ("table_name", "record_id", "version", "change_seq", "action", "changes", "reason",
                    "batch_id", "at")


def _rows(session: Session, batch: int = 5000) -> Iterable[tuple]:
    columns = [getattr(RecordHistory, c) for c in _HISTORY_COLUMNS]
    query = (select(AuditEntry, RecordHistory.id, *columns)
             .join(RecordHistory, RecordHistory.id == AuditEntry.history_id, isouter=True)
             .order_by(AuditEntry.seq))
    yield from session.execute(query.execution_options(yield_per=batch))


def verify(session: Session) -> ChainReport:
    """Recompute the chain; the first entry that does not hold is named."""
    expected_seq, prev = 1, GENESIS
    count = 0
    broken: ChainBreak | None = None
    chained: set[int] = set()
    for entry, history_id, *values in _rows(session):
        count += 1
        if broken is not None:
            continue
        chained.add(entry.history_id)
        if entry.seq != expected_seq or entry.prev_hash != prev:
            broken = ChainBreak(expected_seq if entry.seq != expected_seq else entry.seq, entry.history_id,
                                "out-of-order" if entry.seq == expected_seq else "missing")
        elif history_id is None:
            broken = ChainBreak(entry.seq, entry.history_id, "missing")
        elif entry_hash(prev, entry.seq, entry.history_id, entry.who,
                        dict(zip(_HISTORY_COLUMNS, values))) != entry.hash:
            broken = ChainBreak(entry.seq, entry.history_id, "changed")
        prev = entry.hash
        expected_seq += 1
    history_rows = session.scalar(select(func.count()).select_from(RecordHistory)) or 0
    if broken is None and history_rows != count:
        unchained = session.scalar(select(func.min(RecordHistory.id)).where(
            RecordHistory.id.not_in(select(AuditEntry.history_id))))
        broken = ChainBreak(count + 1, unchained, "unchained")
    return ChainReport(entries=count, history_rows=history_rows, broken=broken)


def chain_existing(session: Session) -> int:
    """Chain history rows written before the trail existed (the migration runs this once)."""
    rows = session.execute(select(RecordHistory.id, *[getattr(RecordHistory, c) for c in _HISTORY_COLUMNS])
                           .where(RecordHistory.id.not_in(select(AuditEntry.history_id)))
                           .order_by(RecordHistory.id)).all()
    last = session.execute(_LAST).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    entries = []
    for history_id, *values in rows:
        seq += 1
        digest = entry_hash(prev, seq, history_id, "", dict(zip(_HISTORY_COLUMNS, values)))
        entries.append({"seq": seq, "history_id": history_id, "who": "", "prev_hash": prev, "hash": digest})
        prev = digest
    if entries:
        session.execute(insert(AuditEntry), entries)
    return len(entries)
