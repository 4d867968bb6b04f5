"""The bytes an audit entry's hash covers are the same whichever encoder writes them (issue 16:
orjson where it writes what ``json.dumps`` writes): chains written before stay verifiable."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from dj_desktop.core import audit
from dj_desktop.core.plain_json import is_plain

values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2 ** 70, max_value=2 ** 70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12)


def _json_bytes(seq, history_id, who, row) -> bytes:
    """What ``canonical`` wrote before orjson: the reference."""
    document = {
        "seq": seq, "history_id": history_id, "who": who, "table": row["table_name"],
        "record": audit._uuid(row["record_id"]), "version": row["version"], "change_seq": row["change_seq"],
        "action": row["action"], "changes": row["changes"], "reason": row.get("reason") or "",
        "batch": audit._uuid(row.get("batch_id")), "at": audit._time(row["at"]),
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def _row(changes, reason="") -> dict:
    return {"table_name": "member", "record_id": uuid.uuid4().hex, "version": 2, "change_seq": 7,
            "action": "update", "changes": changes, "reason": reason, "batch_id": None,
            "at": "2026-11-29T08:00:00.000001"}


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=10), st.lists(values, min_size=2, max_size=2), max_size=6),
       st.text(max_size=12), st.text(max_size=12))
def test_canonical_bytes_unchanged(changes, who, reason) -> None:
    row = _row(changes, reason)
    try:
        expected = _json_bytes(5, 9, who, row)
    except UnicodeEncodeError:            # a lone surrogate: refused as before
        with pytest.raises(UnicodeEncodeError):
            audit.canonical(5, 9, who, row)
        return
    assert audit.canonical(5, 9, who, row) == expected


@pytest.mark.parametrize("changes", [
    {"amount": [None, 1.5]}, {"amount": [1e16, 1e-05]}, {"big": [0, 2 ** 64]}, {"d": [None, Decimal("12.30")]},
    {"on": [None, datetime(2026, 1, 2, 3, 4, 5)]}, {"ctrl": ["\x00\x1f\x7f", "\u2028\n\t\"\\"]},
    {"长支部": ["王", "张"]}, {"nested": [{"b": 1, "a": [True, None]}, []]},
])
def test_canonical_bytes_unchanged_at_the_edges(changes) -> None:
    row = _row(changes)
    assert audit.canonical(1, 1, "root", row) == _json_bytes(1, 1, "root", row)


def _plain(value) -> bool:
    """The definition ``is_plain`` implements faster."""
    if type(value) is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    if type(value) is list:
        return all(_plain(item) for item in value)
    return type(value) in (str, int, bool) or value is None


class _Text(str):
    pass


@settings(max_examples=400, deadline=None)
@given(st.recursive(values | st.just(_Text("x")) | st.just((1, 2)) | st.just(uuid.UUID(int=1)),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.text(max_size=4) | st.integers(0, 3), inner, max_size=3), max_leaves=12))
def test_is_plain_is_its_definition(value) -> None:
    assert is_plain(value) is _plain(value)


def _time_before(value) -> str:
    """What ``audit._time`` did before its shortcut for canonical text: the reference."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds")


def _uuid_before(value):
    if value is None:
        return None
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex


def _outcome(function, value):
    try:
        return function(value)
    except (ValueError, TypeError) as exc:
        return type(exc)


zones = st.none() | st.builds(lambda m: timezone(timedelta(minutes=m)), st.integers(-900, 900))


@settings(max_examples=300, deadline=None)
@given(st.datetimes(timezones=zones), st.sampled_from([
    lambda d: d, lambda d: d.isoformat(), lambda d: d.isoformat(timespec="microseconds"),
    lambda d: d.isoformat(" "), lambda d: d.isoformat(timespec="seconds"), lambda d: d.isoformat()[:-1],
    lambda d: d.isoformat(timespec="microseconds").replace("-", "/"), lambda d: d.date().isoformat()]))
def test_times_are_written_as_before(moment, form) -> None:
    value = form(moment)
    assert _outcome(audit._time, value) == _outcome(_time_before, value)


@pytest.mark.parametrize("value", [
    "2026-13-01T00:00:00.000000", "2026-02-30T08:00:00.000000", "2026-11-29T24:00:00.000000",
    "２０２６-11-29T08:00:00.000000", "2026-11-29T08:00:00.000000 ", "2026-11-29T08:00:00.000000Z", "", "x"])
def test_times_that_are_no_time_are_refused_as_before(value) -> None:
    assert _outcome(audit._time, value) == _outcome(_time_before, value)


@settings(max_examples=200, deadline=None)
@given(st.uuids(), st.sampled_from([lambda u: u, lambda u: u.hex, str, lambda u: u.hex.upper(),
                                    lambda u: "{" + str(u) + "}", lambda u: u.hex[:31], lambda u: u.hex + "0",
                                    lambda u: "g" + u.hex[1:], lambda u: u.int, lambda u: None]))
def test_record_ids_are_written_as_before(value, form) -> None:
    text = form(value)
    assert _outcome(audit._uuid, text) == _outcome(_uuid_before, text)
