"""Applying a bundle's records to the office database, generic over ``record_tables()``.

Per table: rows whose parent records are missing are deferred (kept in ``sync_deferred`` and
retried whenever a later bundle brings records); new rows are bulk-inserted with their incoming
identity; existing rows are merged field by field (:mod:`dj_desktop.sync.merge`) and written through
the ORM with ``session.info["merging"]`` so the tracking hook keeps the incoming identity and only
stamps the local change sequence. Conflicts and duplicate natural keys go to ``sync_conflict``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from dj_desktop.core import tracking
from dj_desktop.core.models import Base, DeferredRecord, SyncConflict
from dj_desktop.core.progress import Progress, step
from dj_desktop.sync.authority import authorised, site_group
from dj_desktop.sync.lookups import (
    chunks as _chunks, existing_ids as _existing_ids, origins_of as _origins_of, select_rows as _select_rows,
    select_same_key as _select_same_key, select_shared_values as _select_shared_values,
)
from dj_desktop.sync.read_ahead import none_shared, taken
from dj_desktop.sync.merge import FieldConflict, keep_local_where_concurrent, merge_pair
from dj_desktop.sync.merge_reads import NATURAL_KEYS, parent_refs
from dj_desktop.sync.records import CARRIED, data_columns, full, insert_rows, record_to_row, sync_tables, to_json


@dataclass
class ApplyReport:
    applied: dict[str, int] = field(default_factory=dict)
    #: Records written whose values (not only their version bookkeeping) changed, new ones included.
    values_changed: int = 0
    conflicts: int = 0
    deferred: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0        # records of another site (:mod:`dj_desktop.sync.authority`)


def model_for(table: Table):
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    raise LookupError(table.name)


_ANY_DEFERRED = select(DeferredRecord.id).limit(1)
_ANY_DEFERRED_KEY = "sync.any_deferred"
#: ``session.info`` keys: how many change sequence numbers to reserve at once, and those still unused.
SEQ_BLOCK, SEQ_POOL = "sync.seq_block", "sync.seq_pool"


class BundleApplier:
    def __init__(self, session: Session, *, site_id: str, bundle_id: str, review: bool = True,
                 owners: frozenset[str] | None = None) -> None:
        """``review=False`` (a branch applying what the office decided): merge without writing
        conflict or duplicate rows — the office has reviewed them already — and keep this site's
        value of any field edited here concurrently (the office reviews it when it arrives).
        ``owners``: only records of these sites are written (:mod:`dj_desktop.sync.authority`)."""
        self.s = session
        #: The transaction's connection, asked of the session once (each ask walks its transactions).
        self.conn = session.connection()
        self.site_id = site_id
        self.bundle_id = bundle_id
        self.review = review
        self.owners = owners
        self.report = ApplyReport()
        self._conflict_keys: set[str] = set()
        self.reason = f"sync bundle {bundle_id} from site {site_id}"
        session.info["reason"] = self.reason
        # Most imports find nothing waiting; then the per-table lookups of waiting records are skipped.
        # Asked once per session (an office import's transaction holds many bundles): only _defer adds rows.
        if session.info.get(_ANY_DEFERRED_KEY) is None:
            session.info[_ANY_DEFERRED_KEY] = self.conn.scalar(_ANY_DEFERRED) is not None
        self._any_deferred = session.info[_ANY_DEFERRED_KEY]
        self.tables = sync_tables()
        #: Ids known to exist at the office, per table (written by this bundle or seen), so parents
        #: that came in the same bundle need no query.
        self._known: dict[Table, set] = {}
        #: Per table, ``{id: origin or None}`` of records this transaction read or wrote (None: not at the
        #: office), shared by the authority checks and the parent lookups so each id is asked for once.
        self._origins: dict[Table, dict] = {}
        self._spare_seqs: list[int] = []
        self._ahead_keys: dict = {}     # natural keys' holders read ahead (:func:`read_ahead.none_shared`)

    # -- entry point -------------------------------------------------------------------------
    def apply(self, rows: dict[str, list[dict[str, Any]]], *, progress: Progress | None = None) -> ApplyReport:
        """``rows``: per table name, the bundle's records as column values (``records.record_to_row``)."""
        tables = self.tables
        # One reservation of change sequence numbers for the whole bundle instead of one per table;
        # numbers left unused only leave a gap in the office's own counter.
        self._spare_seqs = self._reserve(sum(len(rows.get(t.name, ())) for t in tables))
        # Which of the bundle's ids the office holds, and whose they are, for every table in one statement
        # (on PostgreSQL read ahead with the site's row, :mod:`.read_ahead`); only tables where some are
        # held read those rows in full (:meth:`_stored_rows`).
        ids = {t: [r["id"] for r in rows[t.name]] for t in tables if rows.get(t.name)}
        ahead = taken(self.s, ids)
        self._origins.update(ahead.origins if ahead else _origins_of(self.conn, ids))
        self._ahead_keys = ahead.keys if ahead else {}
        for index, table in enumerate(tables):
            step(progress, index, len(tables), table.name)
            if rows.get(table.name):
                self._apply_table(table, rows[table.name])
        self._retry_deferred()
        return self.report

    # -- one table ---------------------------------------------------------------------------
    def _apply_table(self, table: Table, rows: list[dict[str, Any]], *, owners: frozenset | None = None) -> None:
        owners = owners or self.owners
        # The stored rows of these ids are read once, before the authority check: their origins answer
        # its question about the ids (so it asks the database only about parents), and the merge below
        # needs the rows themselves (issue 16: one query instead of two per table and bundle).
        existing = self._stored_rows(table, rows)
        if owners is not None:
            rows, refused = authorised(self.s, table, rows, owners, parent_refs(table), waiting=self._any_deferred,
                                        seen=self._origins)
            self.report.refused += len(refused)
            self.report.problems.extend(r.problem() for r in refused)
        rows = self._absorb_deferred(table, rows)
        ready, waiting = self._order_by_parents(table, rows)
        for row, (missing_table, missing_id) in waiting:
            self._defer(table, row, missing_table, missing_id)
        if not ready:
            return
        conn = self.conn
        fields = [c.name for c in data_columns(table)]
        inserts, updates = [], []
        for row in ready:
            local = existing.get(row["id"])
            if local is None:
                inserts.append(row)
                continue
            row = full(table, row)
            merged = merge_pair(local, row, fields)
            if not self.review:
                merged = keep_local_where_concurrent(local, row, merged, fields)
            for conflict in merged.conflicts:
                self._record_conflict(table, row["id"], conflict, local, row)
            if merged.changed:
                updates.append(merged.row)
                if any(merged.row.get(name) != local.get(name) for name in [*fields, "deleted"]):
                    self.report.values_changed += 1
        if inserts:
            # Bulk path: the rows keep their incoming identity; only change_seq is ours (what
            # tracking.stamp_rows would do, from one reservation per bundle). No
            # "create" history rows at the office: the received-bundle log names where each record
            # came from, and copying every field into the history would double the database.
            self._stamp(inserts)
            insert_rows(conn, table, inserts)   # compiled once per table, one executemany
        if updates:
            self._write_updates(table, updates, fields)
        self._known.setdefault(table, set()).update(r["id"] for r in ready)
        seen = self._origins.setdefault(table, {})
        for row in ready:   # an update keeps the stored record's origin
            seen[row["id"]] = existing[row["id"]]["origin"] if row["id"] in existing else row.get("origin")
        count = len(inserts) + len(updates)
        self.report.values_changed += len(inserts)
        if count:
            self.report.applied[table.name] = self.report.applied.get(table.name, 0) + count
        if table.name in NATURAL_KEYS and self.review:
            # Only rows written now can have created a duplicate; unchanged ones were checked before.
            self._flag_duplicate_keys(table, [r for r in [*inserts, *updates] if not r.get("deleted")])

    def _stored_rows(self, table: Table, rows: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
        """``{id: stored row}`` of the records among ``rows`` the database holds; their origins (None for
        the ids it does not hold) go into ``self._origins`` for the authority check and parent lookups."""
        existing: dict[Any, dict[str, Any]] = {}
        conn = self.conn
        seen = self._origins.setdefault(table, {})
        # Ids known to be absent (read ahead for the whole bundle) need no lookup.
        ids = [r["id"] for r in rows if r["id"] not in seen or seen[r["id"]] is not None]
        for part in _chunks(ids):
            for m in conn.execute(_select_rows(table, conn.dialect.name), {"ids": part}).mappings():
                existing[m["id"]] = dict(m)
        seen.update({i: existing[i]["origin"] if i in existing else None for i in ids})
        return existing

    def _stamp(self, rows: list[dict[str, Any]]) -> None:
        if len(self._spare_seqs) < len(rows):   # records released from waiting came on top
            self._spare_seqs += self._reserve(len(rows) - len(self._spare_seqs))
        for row, seq in zip(rows, self._spare_seqs):
            row["change_seq"] = seq
        del self._spare_seqs[:len(rows)]

    def _reserve(self, count: int) -> list[int]:
        """``count`` change sequence numbers. In a session marked with :data:`SEQ_BLOCK` (an office
        import's transaction of many bundles, :mod:`dj_desktop.sync.import_batch`) they come from a
        block reserved at once: on PostgreSQL each update of the counter row within one transaction
        leaves a row version the next one walks past. Whoever rolls back a savepoint drops the block
        (:data:`SEQ_POOL`): the counter's update may have been undone with it."""
        block = self.s.info.get(SEQ_BLOCK)
        if not block:
            return list(tracking.next_change_seqs(self.s, count))
        pool = self.s.info.setdefault(SEQ_POOL, [])
        if len(pool) < count:
            pool.extend(tracking.next_change_seqs(self.s, max(count - len(pool), block)))
        taken = pool[:count]
        del pool[:count]
        return taken

    def _write_updates(self, table: Table, updates: list[dict[str, Any]], fields: list[str]) -> None:
        model = model_for(table)
        objects = {}
        for part in _chunks([u["id"] for u in updates]):
            objects.update({o.id: o for o in self.s.scalars(select(model).where(model.id.in_(part)))})
        for row in updates:
            obj = objects[row["id"]]
            for name in [*fields, *CARRIED]:
                if name in row and getattr(obj, name) != row[name]:
                    setattr(obj, name, row[name])
        self.s.flush()

    # -- parents and deferral ----------------------------------------------------------------
    def _order_by_parents(self, table: Table, rows: list[dict[str, Any]]):
        """Rows whose parents exist, parents before children within the table; the rest waiting."""
        refs = parent_refs(table)
        if not refs:
            return rows, []
        wanted: dict[Table, set] = {}
        for row in rows:
            for column, parent in refs:
                if row.get(column) is not None:
                    wanted.setdefault(parent, set()).add(row[column])
        known: dict[Table, set] = {}
        # Parents among these rows (a group's branch) need no lookup: the loop below orders them.
        batch = {row["id"] for row in rows} if any(parent is table for _c, parent in refs) else set()
        for parent, ids in wanted.items():
            seen = self._known.get(parent, set())
            unknown = ids - seen - (batch if parent is table else set())
            origins = self._origins.get(parent, {})
            answered = {i for i in unknown if i in origins}
            found = {i for i in answered if origins[i] is not None}
            if unknown - answered:
                found |= _existing_ids(self.s, parent, unknown - answered)
            known[parent] = (ids & seen) | found
        known.setdefault(table, set())
        ready, pending = [], list(rows)
        while pending:
            still, progressed = [], False
            for row in pending:
                for column, parent in refs:
                    value = row.get(column)
                    if value is not None and value not in known.get(parent, ()):
                        still.append(row)
                        break
                else:
                    ready.append(row)
                    known[table].add(row["id"])
                    progressed = True
            pending = still
            if not progressed:
                break
        waiting = []
        for row in pending:
            column, parent = next((c, p) for c, p in refs
                                  if row.get(c) is not None and row[c] not in known.get(p, ()))
            waiting.append((row, (parent.name, row[column])))
        return ready, waiting

    def _absorb_deferred(self, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A record that is already waiting is merged with the newer copy and waits no longer here."""
        if not self._any_deferred:
            return rows
        ids = [r["id"] for r in rows]
        waiting = {}
        for part in _chunks(ids):
            waiting.update({d.record_id: d for d in self.s.scalars(select(DeferredRecord).where(
                DeferredRecord.table_name == table.name, DeferredRecord.record_id.in_(part)))})
        if not waiting:
            return rows
        fields = [c.name for c in data_columns(table)]
        out = []
        for row in rows:
            held = waiting.get(row["id"])
            if held is not None:
                row = full(table, row)
                earlier = record_to_row(table, held.record)
                merged = merge_pair(earlier, row, fields)
                for conflict in merged.conflicts:
                    self._record_conflict(table, row["id"], conflict, earlier, row)
                row = merged.row
                self.s.delete(held)
            out.append(row)
        self.s.flush()
        return out

    def _defer(self, table: Table, row: dict[str, Any], missing_table: str, missing_id: Any) -> None:
        row = full(table, row)
        record = {"id": str(row["id"]), **{n: to_json(row.get(n)) for n in CARRIED},
                  "data": {c.name: to_json(row.get(c.name)) for c in data_columns(table)}}
        self.s.add(DeferredRecord(table_name=table.name, record_id=row["id"], missing_table=missing_table,
                                  missing_id=missing_id, site_id=self.site_id, bundle_id=self.bundle_id,
                                  record=record))
        self.s.flush()
        self._any_deferred = self.s.info[_ANY_DEFERRED_KEY] = True
        self.report.deferred += 1
        self.report.problems.append({"code": "deferred", "table": table.name, "id": str(row["id"]),
                                     "missing_table": missing_table, "missing_id": str(missing_id)})

    def _retry_deferred(self) -> None:
        """Apply waiting records whose parent has arrived, until nothing more can be applied."""
        if not self._any_deferred:
            return
        by_name = {t.name: t for t in self.tables}
        while True:
            self._origins.clear()   # records of other sites may be written below: ask the database again
            held = list(self.s.scalars(select(DeferredRecord).order_by(DeferredRecord.id)))
            ready = [d for d in held if d.missing_table in by_name
                     and _existing_ids(self.s, by_name[d.missing_table], {d.missing_id})]
            if not ready:
                return
            for table in self.tables:
                batch = [d for d in ready if d.table_name == table.name]
                if not batch:
                    continue
                self.s.execute(delete(DeferredRecord).where(DeferredRecord.id.in_([d.id for d in batch])))
                self.report.deferred = max(0, self.report.deferred - len(batch))
                by_owner: dict[frozenset | None, list] = {}   # office: for the site that sent it
                for d in batch:
                    owners = site_group(self.s, d.site_id) if self.owners and self.review else self.owners
                    by_owner.setdefault(owners, []).append(record_to_row(table, d.record))
                for owners, rows in by_owner.items():
                    self._apply_table(table, rows, owners=owners)

    # -- conflicts ---------------------------------------------------------------------------
    def _record_conflict(self, table: Table, record_id: uuid.UUID, c: FieldConflict,
                         local: dict[str, Any], incoming: dict[str, Any]) -> None:
        if not self.review:
            return
        lost = "-".join(str(p) for p in c.lost_stamp)
        key = f"{c.kind}:{table.name}:{record_id}:{c.field}:{lost}"[:255]
        if not self._add_conflict(key, kind=c.kind, table_name=table.name, record_id=record_id,
                                  field=c.field, site_id=str(c.lost_stamp[1]),
                                  other_site_id=str(c.kept_stamp[1]), kept_value=c.kept_value,
                                  kept_stamp=list(c.kept_stamp), lost_value=c.lost_value,
                                  lost_stamp=list(c.lost_stamp)):
            return
        self.report.problems.append({"code": c.kind, "table": table.name, "id": str(record_id),
                                     "field": c.field})

    def _add_conflict(self, key: str, **values: Any) -> bool:
        if key in self._conflict_keys or self.s.scalar(select(SyncConflict.id).where(SyncConflict.key == key)):
            return False
        self._conflict_keys.add(key)
        self.s.add(SyncConflict(key=key, bundle_id=self.bundle_id, **values))
        self.s.flush()
        self.report.conflicts += 1
        return True

    def _flag_duplicate_keys(self, table: Table, written: list[dict[str, Any]]) -> None:
        for column in NATURAL_KEYS[table.name]:
            if none_shared(self._ahead_keys.pop((table, column), None), column, written):
                continue
            for part in _chunks([r for r in written if r.get(column)]):
                wanted = {r["id"] for r in part}
                # The values come from the rows in hand, so the lookup is one indexed IN list; only
                # values held by two live records or more are fetched in full (usually none).
                shared = self.conn.scalars(_select_shared_values(table, column, self.conn.dialect.name),
                                           {"values": sorted({r[column] for r in part})}).all()
                rows = self.conn.execute(_select_same_key(table, column, self.conn.dialect.name),
                                         {"values": sorted(shared)}).all() if shared else []
                by_value: dict[Any, list] = {}
                for rid, value, origin in rows:
                    by_value.setdefault(value, []).append((rid, origin))
                for group in by_value.values():
                    if len(group) < 2:
                        continue
                    for rid, origin in group:
                        if rid not in wanted:
                            continue
                        for other_id, other_origin in group:
                            if other_id == rid:
                                continue
                            first, second = sorted([(str(rid), origin), (str(other_id), other_origin)])
                            key = f"duplicate_key:{table.name}:{column}:{first[0]}:{second[0]}"
                            if self._add_conflict(key, kind="duplicate_key", table_name=table.name,
                                                  record_id=uuid.UUID(first[0]), field=column,
                                                  other_record_id=uuid.UUID(second[0]), site_id=first[1],
                                                  other_site_id=second[1], kept_value=None, lost_value=None):
                                self.report.problems.append({"code": "duplicate_key", "table": table.name,
                                                             "id": str(rid), "other_id": str(other_id),
                                                             "field": column})
