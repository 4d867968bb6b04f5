"""The faster SQLite bind processors give SQLAlchemy's text for every date and time, and the same JSON
document for every JSON value (issue 16)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import given, settings, strategies as st
from sqlalchemy import create_engine
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import JSON, Date, DateTime

from dj_desktop.sync import sqlite_binds

DIALECT = create_engine("sqlite://").dialect      # pysqlite's, as the office's engine has


def _both(kind):
    impl = kind.dialect_impl(DIALECT)
    slower = impl.bind_processor(DIALECT)
    return sqlite_binds.faster(impl, slower, DIALECT), slower


zones = st.none() | st.builds(lambda m: timezone(timedelta(minutes=m)), st.integers(-900, 900))


@settings(max_examples=300, deadline=None)
@given(st.dates() | st.datetimes(timezones=zones) | st.none())
def test_date_column_binds_as_sqlalchemy_does(value) -> None:
    faster, slower = _both(Date())
    assert faster is not slower
    assert faster(value) == slower(value)


@settings(max_examples=300, deadline=None)
@given(st.datetimes(timezones=zones) | st.dates() | st.none())
def test_datetime_column_binds_as_sqlalchemy_does(value) -> None:
    faster, slower = _both(DateTime())
    assert faster is not slower
    assert faster(value) == slower(value)


def test_edges_and_other_formats() -> None:
    faster, slower = _both(DateTime())
    for value in (datetime(1, 1, 1), datetime(999, 12, 31, 23, 59, 59, 999999), datetime(2026, 11, 29, 8, 0)):
        assert faster(value) == slower(value)
    impl = sqlite.DATE()                 # the base dialect's DATE has a processor
    slower = impl.bind_processor(DIALECT)
    faster = sqlite_binds.faster(impl, slower)
    assert faster is not slower
    for value in (date(999, 1, 2), date(2026, 11, 29), datetime(2026, 11, 29, 8, 0), None):
        assert faster(value) == slower(value)
    # A column with its own storage format keeps SQLAlchemy's processor.
    own = sqlite.DATETIME(storage_format="%(year)04d/%(month)02d/%(day)02d")
    processor = own.bind_processor(DIALECT)
    assert sqlite_binds.faster(own, processor) is processor


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2 ** 70, max_value=2 ** 70)
    | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_json_column_binds_the_same_document(value) -> None:
    faster, slower = _both(JSON())
    assert faster is not slower
    try:
        expected = slower(value)
    except UnicodeEncodeError:
        return
    written = faster(value)
    assert json.loads(written) == json.loads(expected)
    assert type(written) is str


def test_json_values_orjson_does_not_write_alike_keep_sqlalchemys_text() -> None:
    faster, slower = _both(JSON())
    for value in ({"amount": 1.5}, {"big": 2 ** 64}, float("nan"), {1: "a"}, ["\ud800"], None, JSON.NULL):
        assert faster(value) == slower(value)
    assert faster({"支部": ["王", 1, None, True]}) == '{"支部":["王",1,null,true]}'   # compact, not escaped
    try:
        faster({"d": Decimal("1.2")})
    except TypeError as exc:          # refused as SQLAlchemy refuses it
        assert "Decimal" in str(exc)
    # A column that binds None as SQL NULL, and an engine with a serialiser of its own, keep SQLAlchemy's.
    impl = JSON(none_as_null=True).dialect_impl(DIALECT)
    processor = impl.bind_processor(DIALECT)
    assert sqlite_binds.faster(impl, processor, DIALECT) is processor
    own = create_engine("sqlite://", json_serializer=lambda v: json.dumps(v, indent=2)).dialect
    impl = JSON().dialect_impl(own)
    processor = impl.bind_processor(own)
    assert sqlite_binds.faster(impl, processor, own) is processor
