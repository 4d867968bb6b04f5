"""The lookups a bundle's merge begins with, read in one round trip on PostgreSQL (issue 16).

Before it merges a bundle the office asks the database three things that nothing in between
changes: the sending site's row and group (:func:`authority.site_state`), the stored origins of the
bundle's ids in every table (:func:`lookups.origins_of`, the ownership check's first question), and
which live records already hold the bundle's natural keys (ID numbers: the duplicate check). On
SQLite each is a call into the same process; on PostgreSQL each was a round trip to the server,
which shares the office's two cores with the import, so :func:`read_ahead` sends the three in one
psycopg pipeline and :class:`~dj_desktop.sync.apply.BundleApplier` takes the answers (:func:`taken`).

The duplicate check itself runs after the bundle's records are written (only written rows can have
made a duplicate); the answer read ahead spares it when it settles the question: none of the values
was held by a live record before the bundle, and no two written rows share one (:func:`none_shared`).
Otherwise, and for rows written later (records released from waiting), it asks the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from dj_desktop.sync import authority, lookups
from dj_desktop.sync.records import sync_tables

#: ``session.info`` key of what was read ahead for the bundle being merged.
AHEAD = "sync.read_ahead"


@dataclass
class Ahead:
    ids: dict[Table, list]                      # the ids whose origins were read, per table
    origins: dict[Table, dict]                  # :func:`lookups.origins_of` of ``ids``
    #: Per (table, natural-key column): the values looked up, and (id, value, origin) of the live
    #: records holding them before the bundle was merged.
    keys: dict[tuple[Table, str], tuple[set, list]] = field(default_factory=dict)


def read_ahead(session: Session, site_id: str, rows: dict[str, list[dict[str, Any]]],
               natural_keys: dict[str, tuple[str, ...]]) -> tuple[frozenset[str], Any]:
    """:func:`authority.site_state` of ``site_id``; on PostgreSQL read in one round trip together with
    the origins of the ids of ``rows`` (per table name, the bundle's records as column values) and
    the live holders of their ``natural_keys``, which are kept for :func:`taken`."""
    session.info.pop(AHEAD, None)
    conn = session.connection()
    ids = {t: [r["id"] for r in rows[t.name]] for t in sync_tables() if rows.get(t.name)}
    if not lookups.pipelines(conn.dialect) or any(len(v) > lookups.BATCH for v in ids.values()):
        return authority.site_state(session, site_id)
    dialect = conn.dialect.name
    statements: list[tuple[Any, dict]] = [(authority.GROUP_ROWS, {"site": site_id})]
    part = ()
    if ids:
        part, statement, params = lookups.origins_lookup(ids, dialect)
        statements.append((statement, params))
    wanted = []
    for table in sync_tables():
        for column in natural_keys.get(table.name, ()):
            values = sorted({r[column] for r in rows.get(table.name, ()) if r.get(column)})
            if values and len(values) <= lookups.BATCH:
                wanted.append((table, column, set(values)))
                statements.append((lookups.select_same_key(table, column, dialect), {"values": values}))
    answers = lookups.pipelined(conn, statements)
    names, site_rows = answers[0]
    ahead = Ahead(ids=ids, origins={t: dict.fromkeys(v) for t, v in ids.items()})
    if ids:
        lookups.add_origins(ahead.origins, part, answers[1][1])
    for (table, column, values), (_names, holders) in zip(wanted, answers[1 + bool(ids):]):
        ahead.keys[(table, column)] = (values, holders)
    session.info[AHEAD] = ahead
    return authority.group_of(site_id, [dict(zip(names, row)) for row in site_rows])


def taken(session: Session, ids: dict[Table, list]) -> Ahead | None:
    """What :func:`read_ahead` read for the bundle whose ids per table are ``ids`` (None: nothing, or
    for other ids); taken once."""
    ahead = session.info.pop(AHEAD, None)
    return ahead if ahead is not None and ahead.ids == ids else None


def none_shared(ahead: tuple[set, list] | None, column: str, written: list[dict[str, Any]]) -> bool:
    """Whether no value of ``column`` among ``written`` (the live rows the bundle just wrote, before
    any other write to their table) is held by two live records, known from ``ahead`` (an entry of
    :attr:`Ahead.keys`) without a query: every value was looked up, none was held, none is written
    twice. False when that does not settle it."""
    if ahead is None:
        return False
    looked_up, holders = ahead
    values = [r[column] for r in written if r.get(column)]
    distinct = set(values)
    return (len(distinct) == len(values) and distinct <= looked_up
            and not any(value in distinct for _id, value, _origin in holders))
