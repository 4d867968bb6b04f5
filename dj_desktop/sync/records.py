"""Records as JSON for bundles, and back to column values — generic over every record table."""

from __future__ import annotations

import base64
import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any, Callable

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import Date, DateTime, LargeBinary, Numeric, Uuid

from dj_desktop.core.models import Base, record_tables
from dj_desktop.core.models.base import IDENTITY_COLUMNS
from dj_desktop.core.tracking import to_json_value
from dj_desktop.sync import lookups, pg_copy, shapes, sqlite_binds

#: Identity fields carried next to ``data`` in each JSON line (``change_seq`` stays local).
CARRIED = ("origin", "version", "field_versions", "modified_by", "created_at", "updated_at", "deleted")


#: Column values as JSON: the same conversion the history rows use.
to_json = to_json_value


_tables_cache: tuple[int, tuple[Table, ...]] = (-1, ())


def sync_tables() -> tuple[Table, ...]:
    """``record_tables()`` (parents first), computed once per set of mapped classes: it walks every
    mapper and sorts the metadata, which cost ~1 ms per call, several times per imported bundle.
    A new model adds its table to the metadata, so the number of tables tells when to compute again
    (counting the mappers builds a set of all of them, ~0.15 ms per call)."""
    global _tables_cache
    key = len(Base.metadata.tables)
    if _tables_cache[0] != key:
        _tables_cache = (key, tuple(record_tables()))
    return _tables_cache[1]


# Cached: references repeat (every member of a bundle names the same branch and a few groups),
# and UUIDs are immutable, so sharing one object is safe.
_uuid_text = lru_cache(maxsize=8192)(uuid.UUID)


def _uuid(value: Any) -> uuid.UUID:
    return _uuid_text(value) if type(value) is str else uuid.UUID(str(value))


def _number(value: Any) -> Any:
    return value if isinstance(value, (int, float)) else Decimal(value)


def _converter(column) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Uuid):
        return _uuid
    if isinstance(kind, Numeric):
        return _number
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return None


def from_json(column, value: Any) -> Any:
    if value is None:
        return None
    convert = _converter(column)
    return value if convert is None else convert(value)


def _default(column) -> Callable[[], Any]:
    if column.default is not None and column.default.is_scalar:
        return lambda: column.default.arg
    if column.default is not None and column.default.is_callable:
        return lambda: column.default.arg(None)
    return _none


def _none() -> None:
    return None


@lru_cache(maxsize=None)
def _codec(table: Table) -> tuple:
    """Per table, computed once: data column names and (name, converter, default) for reading."""
    data = tuple(c for c in table.columns if c.name not in IDENTITY_COLUMNS)
    carried = tuple((name, _converter(table.c[name])) for name in CARRIED)
    plain = tuple((c.name, _default(c)) for c in data if _converter(c) is None)
    converted = tuple((c.name, _converter(c), _default(c)) for c in data if _converter(c) is not None)
    return tuple(c.name for c in data), carried, (plain, converted)


def data_columns(table: Table) -> list:
    return [c for c in table.columns if c.name not in IDENTITY_COLUMNS]


def row_to_record(table: Table, row: Any) -> dict[str, Any]:
    """One database row (a mapping) as the JSON object written to ``records/<table>.jsonl``."""
    names = _codec(table)[0]
    record = {"id": str(row["id"]), "seq": row["change_seq"]}
    for name in CARRIED:
        record[name] = to_json(row[name])
    record["data"] = {name: to_json(row[name]) for name in names}
    return record


def record_to_row(table: Table, record: dict[str, Any]) -> dict[str, Any]:
    """Column values from a JSON record. Fields this schema no longer has are dropped; fields a
    bundle from an older schema lacks get the column's default (the "upgrade" of old bundles)."""
    _names, carried, readers = _codec(table)
    row: dict[str, Any] = {"id": uuid.UUID(record["id"])}
    get = record.get
    for name, convert in carried:
        value = get(name)
        row[name] = value if value is None or convert is None else convert(value)
    row["version"] = int(row["version"] or 1)
    row["field_versions"] = dict(get("field_versions") or {})
    row["deleted"] = bool(row["deleted"])
    data = get("data") or {}
    plain, converted = readers
    for name, default in plain:
        value = data.get(name, _ABSENT)
        row[name] = default() if value is _ABSENT else value
    for name, convert, default in converted:
        value = data.get(name, _ABSENT)
        if value is _ABSENT:
            row[name] = default()
        else:
            row[name] = value if value is None else convert(value)
    return row


_ABSENT = object()


@lru_cache(maxsize=64)
def _insert_plan(table: Table, dialect) -> tuple:
    """The INSERT of every column of ``table``, compiled once for ``dialect``, with each column's
    bind processor — what SQLAlchemy would redo for every statement and every row."""
    compiled = insert(table).compile(dialect=dialect, column_keys=[c.key for c in table.columns])
    names = compiled.positiontup if compiled.positional else list(compiled.binds)
    keys, processors = [], []
    for index, name in enumerate(names):
        bind = compiled.binds[name]
        keys.append(bind.key)
        impl = bind.type.dialect_impl(dialect)
        processor = sqlite_binds.faster(impl, impl.bind_processor(dialect), dialect)
        if processor is not None:
            processors.append((index, processor))
    return compiled.string, compiled.positional, tuple(keys), itemgetter(*keys), tuple(processors)


#: Key under which a row carries its driver values computed ahead (never a column name).
BOUND = "\0bound"
#: Key under which a slim row carries its record's JSON line (never a column name).
LINE = "\0line"


def slim(rows: list[dict[str, Any]], lines: list[bytes], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """``rows`` (with their driver values, :func:`bind_ahead`) cut to ``keys`` plus each record's line:
    what the office's worker sends for a record, whose typed values the merge rebuilds with
    :func:`full` only where it needs them (a record the office holds already, one that waits for its
    parent). Sending every typed value was most of the pickling both ways (issue 16)."""
    return [{**{k: row[k] for k in keys if k in row}, LINE: line} for row, line in zip(rows, lines, strict=True)]


def full(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Every column value of ``row``: the row itself, or a :func:`slim` row's rebuilt from its line,
    with its driver values and its stamped change sequence number."""
    line = row.get(LINE)
    if line is None:
        return row
    out = record_to_row(table, shapes.load_json(line, table.name))
    for key in (BOUND, "change_seq"):
        if key in row:
            out[key] = row[key]
    return out


def _bound_values(plan: tuple, row: dict[str, Any]) -> list:
    _sql, _positional, _keys, values_of, processors = plan
    values = list(values_of(row))
    for index, processor in processors:
        values[index] = processor(values[index])
    return values


def bind_ahead(table: Table, dialect, rows: list[dict[str, Any]]) -> None:
    """Attach to each row the values the driver will be given for its INSERT (SQLite's positional
    parameters) or COPY (PostgreSQL through psycopg, :mod:`.pg_copy`), ``change_seq`` left empty (it
    is stamped at the office), so a worker process can do this part of the import."""
    binder = _binder(table, dialect)
    if binder is None:
        return
    bind = binder[1]
    stamped = "change_seq" in table.c
    for row in rows:
        if stamped:
            row.setdefault("change_seq", None)
        row[BOUND] = tuple(bind(row))


def _binder(table: Table, dialect) -> tuple[tuple[str, ...], Callable[[dict[str, Any]], list]] | None:
    """For the drivers whose values are prepared ahead: the column keys in the driver's order, and the
    values one row is given to the driver in that order."""
    if lookups.pipelines(dialect):
        return pg_copy.plan(table, dialect)[1], lambda row: pg_copy.values(table, dialect, row)
    plan = _insert_plan(table, dialect)
    return (plan[2], lambda row: _bound_values(plan, row)) if plan[1] else None


def _prepared(table: Table, dialect, rows: list[dict[str, Any]], verified: bool) -> list[tuple] | None:
    """The driver values :func:`bind_ahead` prepared for ``rows`` (``change_seq`` stamped), or None when
    a row has none or the first row bound here differs from its prepared values (the worker's dialect
    is not configured like this connection's). Rows without ``change_seq`` (the office's copy of the
    audit entries) skip that check when the caller has ``verified`` it with :func:`prepared_match`."""
    binder = _binder(table, dialect)
    if binder is None or not all(BOUND in row for row in rows):
        return None
    keys, bind = binder
    if "change_seq" in keys:
        seq_at = keys.index("change_seq")
        params = []
        for row in rows:
            values = list(row[BOUND])
            values[seq_at] = row["change_seq"]
            params.append(tuple(values))
    else:
        params = [row[BOUND] for row in rows]
        if verified:
            return params
    return params if params[0] == tuple(bind(full(table, rows[0]))) else None


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]], *, verified: bool = False) -> None:
    """``conn.execute(insert(table), rows)`` for rows holding every column, with the statement
    compiled once per table: the same SQL, the same bind processors, one ``executemany`` (any
    table: the record tables and the office's copy of the branches' audit chains). On PostgreSQL
    the rows go through ``COPY … FROM STDIN`` instead (:mod:`.pg_copy`).

    Values prepared by :func:`bind_ahead` are used after one check: the first row bound here must
    equal its prepared values, unless the caller has ``verified`` that with :func:`prepared_match`
    (its rows may then hold only them)."""
    dialect = conn.dialect
    params = _prepared(table, dialect, rows, verified) if rows else None
    if params is None:
        rows = [full(table, row) for row in rows]
    if lookups.pipelines(dialect):     # psycopg
        _copy(conn, table, params if params is not None else pg_copy.rows_for_copy(table, dialect, rows))
        return
    plan = _insert_plan(table, dialect)
    sql, positional, keys, _values_of, _processors = plan
    if params is None:
        params = []
        for row in rows:
            values = _bound_values(plan, row)
            params.append(tuple(values) if positional else dict(zip(keys, values)))
    conn.exec_driver_sql(sql, params)


def prepared_match(conn: Connection, table: Table, row: dict[str, Any]) -> bool:
    """Whether ``row``'s values prepared by :func:`bind_ahead` are what this connection binds."""
    binder = _binder(table, conn.dialect)
    return binder is not None and row.get(BOUND) == tuple(binder[1](row))


def _copy(conn: Connection, table: Table, rows: list) -> None:
    """PostgreSQL: ``rows`` (:func:`pg_copy.values` of each) through ``COPY … FROM STDIN``: the same
    checks (constraints, foreign keys, indexes) as INSERT, without psycopg's per-row statement work."""
    sql = pg_copy.plan(table, conn.dialect)[0]
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for values in rows:
                copy.write_row(values)
    except driver.DatabaseError as exc:   # raised as SQLAlchemy raises the driver's errors
        raise DBAPIError.instance(sql, None, exc, driver.DatabaseError) from exc


@lru_cache(maxsize=64)
def _positional_sql(table: Table, dialect) -> tuple[str, tuple[int, ...]]:
    """:func:`_insert_plan`'s INSERT with ``%s`` markers, and where each marker's value is among the
    plan's values (for psycopg given tuples)."""
    sql = _insert_plan(table, dialect)[0]
    names = list(insert(table).compile(dialect=dialect, column_keys=[c.key for c in table.columns]).binds)
    order = tuple(names.index(name) for name in re.findall(r"%\(([^)]+)\)s", sql))
    return re.sub(r"%\(([^)]+)\)s", "%s", sql), order


def insert_plain(conn: Connection, batches: list[tuple[Table, dict[str, Any]]]) -> None:
    """One INSERT of a row holding every column per ``(table, row)``, in order, with statements compiled
    once: the office's bookkeeping rows of a bundle (device, site, log). On PostgreSQL they go in one
    psycopg pipeline, one round trip for all (issue 16); elsewhere one execute each."""
    if not lookups.pipelines(conn.dialect):
        for table, row in batches:
            plan = _insert_plan(table, conn.dialect)
            values = _bound_values(plan, row)
            conn.exec_driver_sql(plan[0], tuple(values) if plan[1] else dict(zip(plan[2], values)))
        return
    driver = conn.connection.driver_connection
    sql = ""
    try:
        with driver.pipeline(), driver.cursor() as cursor:
            for table, row in batches:
                sql, order = _positional_sql(table, conn.dialect)
                values = _bound_values(_insert_plan(table, conn.dialect), row)
                cursor.execute(sql, tuple(values[i] for i in order))
    except driver.DatabaseError as exc:   # raised as SQLAlchemy raises the driver's errors
        raise DBAPIError.instance(sql, None, exc, driver.DatabaseError) from exc
