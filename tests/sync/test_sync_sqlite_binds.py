"""The faster SQLite date and time bind processors give SQLAlchemy's text for every value (issue 16)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st
from sqlalchemy import create_engine
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import Date, DateTime

from dj_desktop.sync import sqlite_binds

DIALECT = create_engine("sqlite://").dialect      # pysqlite's, as the office's engine has


def _both(kind):
    impl = kind.dialect_impl(DIALECT)
    slower = impl.bind_processor(DIALECT)
    return sqlite_binds.faster(impl, slower), slower


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
