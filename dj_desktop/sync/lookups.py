"""Lookups of office records by many ids at once, built once per table and dialect (issue 16).

Building a select and computing its cache key cost more than running it on a small office table,
several times per bundle, so each statement is built once; the ids are bound as one parameter
(:func:`one_of`) so the statement is the same for any number of them and is planned once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable

from sqlalchemy import Select, String, Table, TypeDecorator, any_, bindparam, func, literal_column, select, union_all
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from dj_desktop.core.plain_json import orjson_text

BATCH = 500


def chunks(items: list, size: int = BATCH) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class _JsonArrayOf(TypeDecorator):
    """A list of values of ``of`` bound as one JSON array of their stored forms (for SQLite's json_each)."""

    impl = String
    cache_ok = True

    def __init__(self, of) -> None:
        super().__init__()
        self.of = of

    def process_bind_param(self, value, dialect):
        # SQLAlchemy's own per-dialect memo of the processor, not a new one at every lookup.
        stored = self.of._cached_bind_processor(dialect)
        values = [stored(v) for v in value] if stored else list(value)
        text = orjson_text(values)      # the ids' hex text is plain: orjson writes it ~10× faster
        return text if text is not None else json.dumps(values)


def one_of(column, name: str, dialect: str):
    """``column IN (…)`` with the values bound as one parameter, so the statement is the same for
    any number of values and is planned once: on PostgreSQL ``column = ANY(array)``, on SQLite
    ``column IN (SELECT value FROM json_each(array))``. (An expanding IN list of 80 parameters cost
    ~2 ms of planning per lookup on PostgreSQL and ~0.3 ms of SQLAlchemy's rendering on SQLite.)"""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=postgresql.ARRAY(column.type)))
    if dialect == "sqlite":
        values = func.json_each(bindparam(name, type_=_JsonArrayOf(column.type))).table_valued("value")
        return column.in_(select(values.c.value))
    return column.in_(bindparam(name, expanding=True))


@lru_cache(maxsize=None)
def select_ids(table: Table, dialect: str) -> Select:
    return select(table.c.id).where(one_of(table.c.id, "ids", dialect))


@lru_cache(maxsize=None)
def select_rows(table: Table, dialect: str) -> Select:
    return select(table).where(one_of(table.c.id, "ids", dialect))


@lru_cache(maxsize=None)
def select_same_key(table: Table, column: str, dialect: str) -> Select:
    col = table.c[column]
    return select(table.c.id, col, table.c.origin).where(one_of(col, "values", dialect),
                                                          table.c.deleted.is_(False))


@lru_cache(maxsize=None)
def select_shared_values(table: Table, column: str, dialect: str) -> Select:
    col = table.c[column]
    return (select(col).where(one_of(col, "values", dialect), table.c.deleted.is_(False))
            .group_by(col).having(func.count() > 1))


@lru_cache(maxsize=None)
def select_origins(table: Table, dialect: str) -> Select:
    return select(table.c.id, table.c.origin).where(one_of(table.c.id, "ids", dialect))


def existing_ids(session: Session, table: Table, ids: set) -> set:
    # On the connection, not the session: every ORM object this applier adds is flushed at once,
    # so there is nothing to autoflush, and the ORM's per-statement work is saved.
    found: set = set()
    for part in chunks(sorted(ids, key=str)):
        conn = session.connection()
        found.update(conn.scalars(select_ids(table, conn.dialect.name), {"ids": part}))
    return found


@lru_cache(maxsize=64)
def _select_origins_of(tables: tuple[Table, ...], dialect: str):
    """One statement for the stored origins of ids in several tables: ``(table index, id, origin)``;
    the ids of table ``i`` are bound as ``ids{i}``."""
    parts = [select(literal_column(str(i)).label("t"), t.c.id, t.c.origin).where(one_of(t.c.id, f"ids{i}", dialect))
             for i, t in enumerate(tables)]
    return parts[0] if len(parts) == 1 else union_all(*parts)


def origins_lookup(ids_by_table: dict[Table, list], dialect: str,
                   start: int = 0) -> tuple[tuple[Table, ...], Any, dict]:
    """The tables, statement and parameters of :func:`origins_of`'s lookup of ids ``start`` to
    ``start + BATCH`` of each table (tables with fewer ids are left out)."""
    part = tuple(t for t, ids in ids_by_table.items() if len(ids) > start)
    params = {f"ids{i}": ids_by_table[t][start:start + BATCH] for i, t in enumerate(part)}
    return part, _select_origins_of(part, dialect), params


def origins_of(conn: Connection, ids_by_table: dict[Table, list]) -> dict[Table, dict]:
    """Per table, ``{id: stored origin or None}`` for every id given (None: not in the database), read
    with one statement for all the tables (up to :data:`BATCH` ids of each at a time): a bundle's
    ownership check asks once, not once per table (issue 16)."""
    out: dict[Table, dict] = {t: dict.fromkeys(ids) for t, ids in ids_by_table.items()}
    longest = max((len(ids) for ids in ids_by_table.values()), default=0)
    for start in range(0, longest, BATCH):
        part, statement, params = origins_lookup(ids_by_table, conn.dialect.name, start)
        add_origins(out, part, conn.execute(statement, params))
    return out


def add_origins(out: dict[Table, dict], part: tuple[Table, ...], rows: Iterable) -> None:
    for index, rid, origin in rows:
        out[part[int(index)]][rid] = origin


def analyze_sql(table: Table, natural_keys: Iterable[str] = ()) -> str:
    """PostgreSQL's ANALYZE of ``table`` during an office import: of a record table only the columns
    the import looks records up by (id, its ``natural_keys``, the live flag). All the columns of
    ``member`` took 400–560 ms at 80,000 rows, these 130–170 ms; the others keep the statistics
    autovacuum gives them (it analyses a table once a tenth of it changed)."""
    if "origin" not in table.c or "deleted" not in table.c:
        return f'ANALYZE "{table.name}"'
    columns = dict.fromkeys(["id", *natural_keys, "deleted"])
    return f'ANALYZE "{table.name}" (' + ", ".join(f'"{c}"' for c in columns) + ")"


def pipelines(dialect) -> bool:
    """Whether the driver is psycopg (PostgreSQL): statements can go in one pipeline (:func:`pipelined`,
    :func:`records.insert_plain`) and rows through COPY (:func:`records.insert_rows`)."""
    return dialect.name == "postgresql" and dialect.driver == "psycopg"


@lru_cache(maxsize=256)
def _driver_sql(statement: Any, dialect) -> str:
    return str(statement.compile(dialect=dialect))


def pipelined(conn: Connection, statements: list[tuple[Any, dict[str, Any]]]) -> list[list]:
    """PostgreSQL through psycopg: run ``(statement, parameters)`` pairs — Core statements built once,
    parameters in the driver's form — in one pipeline, one round trip for all; per statement its
    rows as named tuples of the driver's values, without SQLAlchemy's result processing (only for
    columns whose driver values are the Python values, as UUIDs, text, numbers, booleans and
    timestamps are with psycopg)."""
    from psycopg.rows import namedtuple_row      # the office's PostgreSQL driver, imported only there

    driver = conn.connection.driver_connection
    cursors = []
    sql = ""
    try:
        with driver.pipeline():
            for statement, params in statements:
                sql = _driver_sql(statement, conn.dialect)
                cursors.append(driver.cursor(row_factory=namedtuple_row))
                cursors[-1].execute(sql, params)
        return [cursor.fetchall() for cursor in cursors]
    except driver.DatabaseError as exc:   # raised as SQLAlchemy raises the driver's errors
        raise DBAPIError.instance(sql, None, exc, driver.DatabaseError) from exc
    finally:
        for cursor in cursors:
            cursor.close()
