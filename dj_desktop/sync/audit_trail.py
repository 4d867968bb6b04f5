"""The audit chain travels in bundles (issue 11): the branch sends the segment of its chain that
covers the changes in the bundle; the office checks the segment before merging anything and keeps
it per site, so ``audit verify --site`` proves later that nothing a branch sent was changed.

A segment is refused when an entry's hash does not match its history row (the row or the entry
was edited), when entries do not follow each other, or when it does not link to the entries the
office already holds from that site (the branch's chain was rewritten since the last bundle).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from dj_desktop.core import audit
from dj_desktop.core.i18n import _
from dj_desktop.core.models.audit import AuditEntry, SiteAuditEntry
from dj_desktop.core.models.meta import RecordHistory
from dj_desktop.core.models.sync import ReceivedBundle
from dj_desktop.sync.format import BundleError
from dj_desktop.sync import records
from dj_desktop.sync.records import insert_rows

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_COLUMNS = ("table_name", "record_id", "version", "change_seq", "action", "changes", "reason", "batch_id", "at")
_TABLE = SiteAuditEntry.__table__
_RECEIVED = ReceivedBundle.__table__


# -- at the branch ----------------------------------------------------------------------------------

def _content(values: Iterable[Any]) -> dict[str, Any]:
    row = dict(zip(_COLUMNS, values))
    row["record_id"] = audit._uuid(row["record_id"])
    row["batch_id"] = audit._uuid(row["batch_id"])
    row["at"] = audit._time(row["at"])
    row["reason"] = row["reason"] or ""
    return row


def collect(session: Session, *, since: int, full: bool) -> list[dict[str, Any]]:
    """The chain from its start (a full bundle) or from the first entry whose history row is newer
    than ``since`` (the acknowledged sequence) to its end; empty when nothing changed."""
    start = 1
    if not full:
        first = session.scalar(select(func.min(AuditEntry.seq))
                               .join(RecordHistory, RecordHistory.id == AuditEntry.history_id)
                               .where(RecordHistory.change_seq > since))
        if first is None:
            return []
        start = first
    columns = [getattr(RecordHistory, c) for c in _COLUMNS]
    query = (select(AuditEntry.seq, AuditEntry.history_id, AuditEntry.who, AuditEntry.prev_hash,
                    AuditEntry.hash, *columns)
             .join(RecordHistory, RecordHistory.id == AuditEntry.history_id, isouter=True)
             .where(AuditEntry.seq >= start).order_by(AuditEntry.seq))
    return [{"seq": seq, "history_id": history_id, "who": who, "prev_hash": prev, "hash": digest,
             "row": _content(values) if values[0] is not None else None}
            for seq, history_id, who, prev, digest, *values in session.execute(query)]


# -- at the office ----------------------------------------------------------------------------------

#: The manifest key with the number of chain entries in the bundle (bundles since this version).
COUNT_KEY = "audit_entries"
#: The problem code of a merged bundle from an older program that sent no trail.
NOT_SENT = "audit_not_sent"


def check_present(manifest: dict[str, Any], entries: list[dict[str, Any]], *, site_name: str,
                  carries_changes: bool) -> dict[str, Any] | None:
    """Refuse (:class:`BundleError` ``audit_missing``) a bundle whose manifest declares chain entries
    it does not carry (the part was taken out or cut short); for a bundle of an older program that
    declares nothing and sends no trail with its changes, the warning problem to report (it merges,
    and the site counts as not verified); else None."""
    declared = manifest.get(COUNT_KEY)
    if declared is not None:
        if len(entries) != declared:
            raise BundleError("audit_missing", _(
                "The audit trail of {site} is missing from this bundle (its manifest lists "
                "{declared} entries, the bundle carries {found}). Nothing from this bundle was imported; "
                "ask the branch to export again with this program.").format(
                site=site_name or "—", declared=declared, found=len(entries)))
        return None
    if entries or not carries_changes:
        return None
    return {"code": NOT_SENT, "message": _(
        "Warning: this bundle of {site} comes from an older version of the program and carries no audit "
        "trail. It was imported, but its changes are not verified (audit trail missing); ask the branch to update "
        "the program.").format(site=site_name or "—")}

@dataclass(frozen=True)
class SegmentBreak:
    seq: int
    history_id: Any
    table_name: str
    problem: str      # shape / changed / missing / out-of-order / relinked


def problem_text(problem: str) -> str:
    """Why an entry of a chain does not hold, in the user's words (also for the local chain)."""
    return {
        "shape": _("the entry is malformed"),
        "changed": _("its content no longer matches its hash (the entry or its history row was edited)"),
        "missing": _("an entry or its history row before it was removed"),
        "out-of-order": _("it does not follow the entry before it (entries were reordered or replaced)"),
        "unchained": _("a history row was added outside the program"),
        "relinked": _("it differs from the entry the office received earlier from this branch (the "
                      "branch's audit trail was rewritten)"),
    }[problem]


def break_text(broken: SegmentBreak) -> str:
    """Where a branch's chain breaks and why (for ``audit verify --site``)."""
    return _("The audit trail this branch sent is broken at entry {seq} (history row {history}, table "
             "{table}): {problem}.").format(seq=broken.seq, history=broken.history_id,
                                           table=broken.table_name or "—", problem=problem_text(broken.problem))


def break_message(site_name: str, broken: SegmentBreak) -> str:
    """Why a bundle was refused (the import's reason and receipt)."""
    return _("The audit trail of {site} is broken at entry {seq} (history row {history}, table {table}): "
             "{problem}. Nothing from this bundle was imported; ask the branch to run \"audit verify\" "
             "and restore a backup made before the change.").format(
        site=site_name or "—", seq=broken.seq, history=broken.history_id, table=broken.table_name or "—",
        problem=problem_text(broken.problem))


def _valid_shape(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    row = entry.get("row")
    return (type(entry.get("seq")) is int and entry["seq"] >= 1 and type(entry.get("history_id")) is int
            and isinstance(entry.get("who"), str) and len(entry["who"]) <= 120
            and all(isinstance(entry.get(k), str) and _HEX64.match(entry[k]) for k in ("prev_hash", "hash"))
            and (row is None or (isinstance(row, dict) and set(row) == set(_COLUMNS))))


def _entry_holds(entry: dict[str, Any]) -> bool:
    try:
        return audit.entry_hash(entry["prev_hash"], entry["seq"], entry["history_id"], entry["who"],
                                entry["row"]) == entry["hash"]
    except (KeyError, TypeError, ValueError, AttributeError):
        return False


def entry_checks(entries: list[Any]) -> list[tuple[bool, bool]]:
    """Per entry, (well formed, its hash matches its content): the part of :func:`first_break` that
    needs no database, so the worker that opens bundles computes it ahead (issue 16)."""
    checks = []
    for entry in entries:
        shape = _valid_shape(entry)
        checks.append((shape, shape and entry["row"] is not None and _entry_holds(entry)))
    return checks


def first_break(entries: list[dict[str, Any]], *, stored: dict[int, tuple[str, str]],
                checked: list[tuple[bool, bool]] | None = None) -> SegmentBreak | None:
    """The first entry of ``entries`` that does not hold, alone or against ``stored``
    (seq → (prev_hash, hash) the office already holds from the site, around and within the segment).
    ``checked``: :func:`entry_checks` of these entries, when computed ahead."""
    prev: dict[str, Any] | None = None
    if checked is None or len(checked) != len(entries):
        checked = [(_valid_shape(e), None) for e in entries]
    for entry, (shape, holds) in zip(entries, checked):
        if not shape:
            seq = entry.get("seq") if isinstance(entry, dict) and type(entry.get("seq")) is int else 0
            return SegmentBreak(seq, "—", "", "shape")
        row = entry["row"] or {}
        name = str(row.get("table_name", ""))[:64]
        broken = lambda problem: SegmentBreak(entry["seq"], entry["history_id"], name, problem)  # noqa: E731
        if prev is None:
            if entry["seq"] == 1 and entry["prev_hash"] != audit.GENESIS:
                return broken("out-of-order")
        elif entry["seq"] != prev["seq"] + 1:
            return broken("missing")
        elif entry["prev_hash"] != prev["hash"]:
            return broken("out-of-order")
        if entry["row"] is None:
            return broken("missing")
        if not (_entry_holds(entry) if holds is None else holds):
            return broken("changed")
        earlier = stored.get(entry["seq"])
        before = stored.get(entry["seq"] - 1)
        if (earlier is not None and earlier != (entry["prev_hash"], entry["hash"])) or (
                prev is None and before is not None and before[1] != entry["prev_hash"]):
            return broken("relinked")
        prev = entry
    after = stored.get(prev["seq"] + 1) if prev is not None else None
    if after is not None and after[0] != prev["hash"]:
        return SegmentBreak(prev["seq"] + 1, "—", "", "relinked")
    return None


def bind_ahead(site_id: str, entries: list[Any], checked: list[tuple[bool, bool]], dialect) -> list[tuple | None]:
    """Per entry, the driver values of its ``site_audit_entry`` row (None for an entry not well formed),
    computed by the worker that opens bundles: serialising 100 history rows to JSON per bundle was
    a tenth of the office's merge (issue 16). :func:`records.insert_rows` checks them before use."""
    rows = [{"site_id": site_id, "seq": e["seq"], "history_id": e["history_id"], "who": e["who"],
             "prev_hash": e["prev_hash"], "hash": e["hash"], "content": e["row"]} if shape else {}
            for e, (shape, _holds) in zip(entries, checked)]
    records.bind_ahead(_TABLE, dialect, [row for row in rows if row])
    return [row.get(records.BOUND) for row in rows]


def lighten(entries: list[Any], checked: list[tuple[bool, bool]], bound: list[tuple | None]) -> list[Any]:
    """The entries as the worker that opened the bundle hands them over once it has checked them and
    prepared their rows (issue 16): the history row of each well-formed entry with prepared values is
    cut down to its table name, all that :func:`first_break` reads of it (it was a third of what
    crossed the pipe). The first entry stays whole: :func:`check_and_keep` checks the prepared values
    against its own binding of it before it uses any."""
    out = list(entries)
    for index in range(1, len(out)):
        entry, shape, values = out[index], checked[index][0], bound[index]
        if shape and values is not None and entry["row"] is not None:
            out[index] = {**entry, "row": {_LIGHT: True, "table_name": entry["row"]["table_name"]}}
    return out


#: Marks an entry's history row cut down by :func:`lighten` (never a column name).
_LIGHT = "\0light"


_STORED = select(_TABLE.c.seq, _TABLE.c.prev_hash, _TABLE.c.hash).where(
    _TABLE.c.site_id == bindparam("site"), _TABLE.c.seq.between(bindparam("low"), bindparam("high")))


def stored_lookup(site_id: str, entries: list[Any]) -> tuple[Any, dict[str, Any]]:
    """The statement and parameters reading the ``(seq, prev_hash, hash)`` the office holds from
    ``site_id`` around and within ``entries`` (read ahead on PostgreSQL: :mod:`.read_ahead`)."""
    seqs = [e["seq"] for e in entries if isinstance(e, dict) and type(e.get("seq")) is int]
    low, high = (min(seqs) - 1, max(seqs) + 1) if seqs else (0, 0)
    return _STORED, {"site": site_id, "low": low, "high": high}


def check_and_keep(session: Session, *, site_id: str, site_name: str, entries: list[dict[str, Any]],
                   checked: list[tuple[bool, bool]] | None = None, bound: list[tuple | None] | None = None,
                   stored_rows: list | None = None) -> int:
    """Refuse the bundle (:class:`BundleError` ``audit_broken``) when its segment does not hold;
    else keep the entries the office does not have yet. Returns how many were kept. ``checked``: see
    :func:`first_break`; ``bound``: :func:`bind_ahead` of the entries (required for entries cut down
    by :func:`lighten`); ``stored_rows``: the rows of :func:`stored_lookup`, when read ahead."""
    if not entries:
        return 0
    conn = session.connection()
    stored = {seq: (prev, digest) for seq, prev, digest in (
        conn.execute(*stored_lookup(site_id, entries)) if stored_rows is None else stored_rows)}
    broken = first_break(entries, stored=stored, checked=checked)
    if broken is not None:
        raise BundleError("audit_broken", break_message(site_name, broken))
    ahead = bound if bound is not None and len(bound) == len(entries) else [None] * len(entries)
    rows = [{"site_id": site_id, "seq": e["seq"], "history_id": e["history_id"], "who": e["who"],
             "prev_hash": e["prev_hash"], "hash": e["hash"], "content": e["row"],
             **({records.BOUND: values} if values is not None else {})} for e, values in zip(entries, ahead)]
    # Entries cut down by lighten() are written from their prepared values only, once the whole first
    # entry shows that the worker binds as this connection does.
    light = len(entries) > 1 and any(isinstance(e["row"], dict) and _LIGHT in e["row"] for e in entries[1:])
    if light and not records.prepared_match(conn, _TABLE, rows[0]):
        raise RuntimeError("the audit entries were prepared for another database configuration")
    new = [row for row in rows if row["seq"] not in stored]
    if new:
        insert_rows(conn, _TABLE, new, verified=light)     # compiled once: ~100 entries a bundle (issue 16)
    return len(new)


@dataclass(frozen=True)
class SiteChainReport:
    site_id: str
    entries: int
    first_seq: int              # > 1: the office never received the start (bundles before this version)
    broken: SegmentBreak | None
    without_trail: int = 0      # bundles merged without a trail (older program): not verified

    @property
    def holds(self) -> bool:
        return self.broken is None and not self.without_trail


def verify_site(session: Session, site_id: str) -> SiteChainReport:
    """Recompute the chain the office holds from ``site_id``; a gap counts as a missing entry."""
    query = (select(_TABLE.c.seq, _TABLE.c.history_id, _TABLE.c.who, _TABLE.c.prev_hash, _TABLE.c.hash,
                    _TABLE.c.content).where(_TABLE.c.site_id == site_id).order_by(_TABLE.c.seq))
    entries = [{"seq": seq, "history_id": history_id, "who": who, "prev_hash": prev, "hash": digest, "row": row}
               for seq, history_id, who, prev, digest, row in session.execute(query)]
    broken = first_break(entries, stored={})
    without = sum(1 for problems in session.scalars(select(_RECEIVED.c.problems).where(
        _RECEIVED.c.site_id == site_id)) if any(isinstance(p, dict) and p.get("code") == NOT_SENT
                                                 for p in problems or ()))
    return SiteChainReport(site_id=site_id, entries=len(entries), first_seq=entries[0]["seq"] if entries else 0,
                           broken=broken, without_trail=without)


def sites(session: Session) -> list[str]:
    """Every site that sent a trail or a merged bundle (one without a trail is not verified)."""
    return sorted(set(session.scalars(select(_TABLE.c.site_id).distinct()))
                  | set(session.scalars(select(_RECEIVED.c.site_id).distinct())))
