"""Who may write which record (issue 9): a bundle from site S creates, changes or deletes only
records that belong to S.

A record belongs to the site in its ``origin`` column — the branch whose books hold it. Every
record table has the column (:class:`~dj_desktop.core.models.base.RecordMixin`), so the rule is
generic over whatever tables sync iterates (:func:`dj_desktop.sync.records.sync_tables`) and
books added later are covered without a change here. The column never changes after creation
(the merge keeps the stored record's identity), and records the office writes for a branch —
its decisions on conflicts — keep the branch's origin, so they stay the branch's. Ownership is
one plain column per row, so the office can distribute its tables on it; a record may point only
at parent records of its own site (no cross-site foreign keys).

Refused records are reported one by one (``not_owner`` problems in the receipt and the office's
log) and the rest of the bundle is applied. The check needs no personal data: table, record id
and site ids only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import Table, bindparam, func, or_, select
from sqlalchemy.orm import Session

from dj_desktop.core.models import BranchSite, DeferredRecord
from dj_desktop.sync.lookups import select_origins

log = logging.getLogger(__name__)

_BATCH = 500
_SITES = BranchSite.__table__
# The site's own row and every row continuing the same branch, in one statement: the site's home is
# its row's ``home_site_id`` or, without one, the site itself.
GROUP_ROWS = select(_SITES).where(or_(
    _SITES.c.site_id == bindparam("site"),
    _SITES.c.home_site_id == func.coalesce(
        select(_SITES.c.home_site_id).where(_SITES.c.site_id == bindparam("site")).scalar_subquery(),
        bindparam("site"))))


@dataclass(frozen=True)
class Refusal:
    table: str
    record_id: str
    site_id: str          # who sent it
    owner: str            # whose record it is (or whose parent it points at)
    why: str              # origin / owned / parent / waiting

    def problem(self) -> dict[str, Any]:
        return {"code": "not_owner", "table": self.table, "id": self.record_id, "owner": self.owner,
                "why": self.why}


def site_group(session: Session, site_id: str) -> frozenset[str]:
    """The sites whose records ``site_id`` may write: itself, and the other installations of the same
    branch the office approved as continuing it (``sync_branch_site.home_site_id``)."""
    return site_state(session, site_id)[0]


def site_state(session: Session, site_id: str) -> tuple[frozenset[str], Any]:
    """:func:`site_group` and the site's own ``sync_branch_site`` row (a mapping, None for a site
    the office has not heard from), read with one statement built once (asked for every bundle)."""
    return group_of(site_id, session.connection().execute(GROUP_ROWS, {"site": site_id}).mappings().all())


def group_of(site_id: str, rows: list) -> tuple[frozenset[str], Any]:
    """:func:`site_state` from the rows of :data:`GROUP_ROWS` (mappings) for ``site_id``."""
    own = next((r for r in rows if r["site_id"] == site_id), None)
    home = (own["home_site_id"] if own is not None else None) or site_id
    linked = [r["site_id"] for r in rows if r["home_site_id"] == home]
    return frozenset({site_id, home, *linked}), own


def _origins(session: Session, table: Table, ids: Iterable, seen: dict | None = None) -> dict:
    """``{id: origin}`` of the records of ``table`` among ``ids`` that the database holds.

    ``seen`` (``{id: origin or None}``, None for "not in the database"), when given, is what the
    caller already knows of this table in the same transaction: only the other ids are queried, and
    their answers (absent ones as None) are added to it."""
    ids = set(ids)
    found: dict = {}
    if seen is not None:
        found = {i: seen[i] for i in ids if seen.get(i) is not None}
        ids = {i for i in ids if i not in seen}
    wanted = sorted(ids, key=str)
    conn = session.connection()
    for start in range(0, len(wanted), _BATCH):
        part = wanted[start:start + _BATCH]
        rows = dict(conn.execute(select_origins(table, conn.dialect.name), {"ids": part}).all())
        found.update(rows)
        if seen is not None:
            seen.update({i: rows.get(i) for i in part})
    return found


def _waiting_sites(session: Session, table: Table, ids: Iterable) -> dict:
    """``{record id: site}`` of records of ``table`` among ``ids`` waiting for a parent."""
    wanted = sorted(set(ids), key=str)
    found: dict = {}
    for start in range(0, len(wanted), _BATCH):
        part = wanted[start:start + _BATCH]
        found.update(session.execute(select(DeferredRecord.record_id, DeferredRecord.site_id).where(
            DeferredRecord.table_name == table.name, DeferredRecord.record_id.in_(part))).all())
    return found


def authorised(session: Session, table: Table, rows: list[dict[str, Any]], owners: frozenset[str],
               parents: tuple[tuple[str, Table], ...], *, waiting: bool = True,
               seen: dict[Table, dict] | None = None) -> tuple[list[dict[str, Any]], list[Refusal]]:
    """Split ``rows`` (column values of ``table`` sent on behalf of the sites ``owners``, see
    :func:`site_group`) into those they may write and the refusals: a record claiming another
    origin, a record the database holds for another site, a record waiting for its parent on
    behalf of another site, a reference to a parent record of another site.

    ``seen``: per table, the origins this transaction already read or wrote (``{id: origin or
    None}``, kept up to date by the caller, see :func:`_origins`); the stored origins of the rows and
    of the parents they point at are looked up once per table, the parents in the same table (a
    group's branch) with the rows themselves."""
    if not rows:
        return rows, []
    site_id = min(owners)
    seen = {} if seen is None else seen
    refs: dict[Table, set] = {table: {r["id"] for r in rows}}
    for column, parent in parents:
        refs.setdefault(parent, set()).update(r[column] for r in rows if r.get(column) is not None)
    parent_owner = {t: _origins(session, t, ids, seen.setdefault(t, {})) for t, ids in refs.items() if ids}
    stored = parent_owner[table]
    held = _waiting_sites(session, table, (r["id"] for r in rows)) if waiting else {}
    allowed, refused = [], []
    for row in rows:
        why, owner = "", site_id
        if str(row.get("origin")) not in owners:
            why, owner = "origin", str(row.get("origin"))
        elif stored.get(row["id"], site_id) not in owners:
            why, owner = "owned", stored[row["id"]]
        elif held.get(row["id"], site_id) not in owners:
            why, owner = "waiting", held[row["id"]]
        else:
            for column, parent in parents:
                value = row.get(column)
                theirs = parent_owner.get(parent, {}).get(value, site_id) if value is not None else site_id
                if theirs not in owners:
                    why, owner = "parent", theirs
                    break
        if why:
            refused.append(Refusal(table=table.name, record_id=str(row["id"]), site_id=site_id, owner=owner,
                                   why=why))
            log.warning("refused %s %s from site %s: it belongs to site %s (%s)", table.name, row["id"],
                        site_id, owner, why)
        else:
            allowed.append(row)
    return allowed, refused
