"""The lookups a bundle's import begins with, read in one round trip on PostgreSQL (issue 16).

Before it merges a bundle the office asks the database what nothing in between changes: whether the
bundle came before and which devices its site has (:mod:`.importer`), the audit entries it holds from
the site around the bundle's segment (:func:`audit_trail.stored_lookup`), the site's row and group
(:func:`authority.site_state`), the stored origins of the bundle's ids in every table
(:func:`lookups.origins_of`, the ownership check's first question), and which live records hold the
bundle's natural keys (ID numbers: the duplicate check). On SQLite each is a call into the same
process; on PostgreSQL each was a round trip to a server that shares the office's two cores with the
import, so :func:`read_ahead` sends them in one psycopg pipeline and each asker takes its answer from
the :class:`Ahead` (the applier through ``session.info``, :func:`taken`). Anything not read ahead
(another engine, a bundle whose content cannot be read, more ids than one lookup takes) is asked
where it was asked before.

The duplicate check runs after the bundle's records are written (only written rows can have made a
duplicate); the answer read ahead spares its query when it settles the question: none of the values
was held by a live record before the bundle, and no two written rows share one (:func:`none_shared`).
Otherwise, and for rows written later (records released from waiting), it asks the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from dj_desktop.sync import audit_trail, authority, lookups
from dj_desktop.sync.records import sync_tables

#: ``session.info`` key of what was read ahead for the bundle being merged (for :func:`taken`).
AHEAD = "sync.read_ahead"


@dataclass
class Ahead:
    given: list[tuple[Any, dict]] = field(default_factory=list)   # the caller's statements and parameters
    answers: dict[int, list] = field(default_factory=dict)         # their rows, by position, until taken
    site: tuple[str, list[dict]] | None = None                     # the site's id and its group's rows
    audit: list | None = None                                      # audit_trail.stored_lookup's rows
    ids: dict[Table, list] = field(default_factory=dict)           # the ids whose origins were read
    origins: dict[Table, dict] | None = None                       # lookups.origins_of of ``ids``
    #: Per (table, natural-key column): the values looked up, and (id, value, origin) of the live
    #: records holding them before the bundle was merged.
    keys: dict[tuple[Table, str], tuple[set, list]] = field(default_factory=dict)

    def rows(self, conn: Connection, statement: Any, params: dict[str, Any]) -> list:
        """The rows of one of the caller's statements: read ahead (once), else read now."""
        for index, (given, given_params) in enumerate(self.given):
            if given is statement and given_params == params and index in self.answers:
                return self.answers.pop(index)
        return conn.execute(statement, params).all()

    def site_state(self, session: Session, site_id: str) -> tuple[frozenset[str], Any]:
        """:func:`authority.site_state`, read ahead (once) or now."""
        site, self.site = self.site, None
        if site is not None and site[0] == site_id:
            return authority.group_of(site_id, site[1])
        return authority.site_state(session, site_id)

    def audit_rows(self) -> list | None:
        """The rows of :func:`audit_trail.stored_lookup` for the bundle's entries, if read ahead (once)."""
        rows, self.audit = self.audit, None
        return rows


def read_ahead(session: Session, opened: Any, given: list[tuple[Any, dict]],
               natural_keys: dict[str, tuple[str, ...]]) -> Ahead:
    """What the import of ``opened`` (an :class:`~dj_desktop.sync.opened.OpenedBundle`) will ask first:
    the caller's ``given`` statements, then those of this module's docstring; read in one round trip
    on PostgreSQL, left to each asker elsewhere."""
    session.info.pop(AHEAD, None)
    ahead = Ahead(given=given)
    conn = session.connection()
    if not lookups.pipelines(conn.dialect):
        return ahead
    dialect = conn.dialect.name
    site_id = str(opened.header.get("site_id", ""))
    statements = [*given, (authority.GROUP_ROWS, {"site": site_id})]
    readable = opened.content_problem is None and opened.payload is not None
    rows = opened.rows if readable else {}
    ids = {t: [r["id"] for r in rows[t.name]] for t in sync_tables() if rows.get(t.name)}
    part: tuple = ()
    wanted = []
    if ids and all(len(v) <= lookups.BATCH for v in ids.values()):
        part, statement, params = lookups.origins_lookup(ids, dialect)
        statements.append((statement, params))
        for table in sync_tables():
            for column in natural_keys.get(table.name, ()):
                values = sorted({r[column] for r in rows.get(table.name, ()) if r.get(column)})
                if values and len(values) <= lookups.BATCH:
                    wanted.append((table, column, set(values)))
                    statements.append((lookups.select_same_key(table, column, dialect), {"values": values}))
    audit = readable and bool(opened.payload.audit)
    if audit:
        statements.append(audit_trail.stored_lookup(site_id, opened.payload.audit))
    answers = lookups.pipelined(conn, statements)
    ahead.answers = dict(enumerate(answers[:len(given)]))
    answers = answers[len(given):]
    ahead.site = (site_id, [row._asdict() for row in answers.pop(0)])
    if part:
        ahead.ids, ahead.origins = ids, {t: dict.fromkeys(v) for t, v in ids.items()}
        lookups.add_origins(ahead.origins, part, answers.pop(0))
        for table, column, values in wanted:
            ahead.keys[(table, column)] = (values, answers.pop(0))
    if audit:
        ahead.audit = answers.pop(0)
    session.info[AHEAD] = ahead
    return ahead


def taken(session: Session, ids: dict[Table, list]) -> Ahead | None:
    """What :func:`read_ahead` read for the bundle whose ids per table are ``ids`` (None: nothing, or
    for other ids); taken once."""
    ahead = session.info.pop(AHEAD, None)
    return ahead if ahead is not None and ahead.origins is not None and ahead.ids == ids else None


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
