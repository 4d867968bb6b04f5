"""The bundles' JSON lines are parsed by orjson where it gives what :mod:`json` gives (issue 16):
``shapes.load_json`` must return exactly ``json.loads``'s value, or refuse exactly what it refuses."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings, strategies as st

from dj_desktop.sync import shapes

scalars = (st.none() | st.booleans() | st.integers(min_value=-2 ** 70, max_value=2 ** 70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=16)


def _same(a, b) -> bool:
    """Equal with the same types all the way down (1 and 1.0 differ; NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_load_json_equals_json_loads(document, ascii_only) -> None:
    line = json.dumps(document, ensure_ascii=ascii_only).encode("utf-8")
    assert _same(shapes.load_json(line, "line"), json.loads(line))


@pytest.mark.parametrize("line, expected", [
    (b"[18446744073709551616]", [18446744073709551616]),      # beyond 64 bits: an int, as json reads it
    (b"[-9223372036854775809]", [-9223372036854775809]),
    (b'{"n": 1234567890123456789012}', {"n": 1234567890123456789012}),
    (b'["12345678901234567890123"]', ["12345678901234567890123"]),   # a long run of digits in a string
    (b"[NaN, Infinity]", [math.nan, math.inf]),
    (b'"\\ud800"', "\ud800"),                                  # a lone surrogate, as json reads it
    (b"[1e400, -0.0, 1E5]", [math.inf, -0.0, 100000.0]),
    (b'{"a": 1, "a": 2}', {"a": 2}),
])
def test_what_orjson_reads_otherwise_goes_to_json(line, expected) -> None:
    assert _same(shapes.load_json(line, "line"), expected)


@pytest.mark.parametrize("line", [b"[1,", b"\xef\xbb\xbf[1]", b"\xff", b"{'a': 1}", b"[" * 40 + b"]" * 40])
def test_what_json_refuses_is_refused(line) -> None:
    with pytest.raises(shapes.ShapeError):
        shapes.load_json(line, "line")


NESTED = {   # a document ``levels`` deep, with brackets inside a string that do not count
    "lists": lambda levels: "[" * levels + '"[{"' + "]" * levels,
    "objects": lambda levels: '{"a":' * levels + '"[{"' + "}" * levels,
    "both": lambda levels: '[{"a":' * (levels // 2) + '"[{"' + "}]" * (levels // 2),
}


@pytest.mark.parametrize("kind", NESTED)
@pytest.mark.parametrize("as_bytes", [True, False])
def test_nesting_beyond_the_limit_is_refused(kind, as_bytes) -> None:
    def line(levels: int):
        text = NESTED[kind](levels)
        return text.encode() if as_bytes else text

    assert shapes.load_json(line(4), "line", max_depth=4) == json.loads(line(4))
    with pytest.raises(shapes.ShapeError, match="nested deeper than 4"):
        shapes.load_json(line(6), "line", max_depth=4)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_json_for_postgresql_copy_reads_back_the_same(document) -> None:
    """COPY's JSON text (orjson for plain values, json.dumps for the rest) reads back as the value."""
    from dj_desktop.sync import pg_copy

    text = pg_copy._json_text(json.dumps, lambda value: ("wrapped", value))
    try:
        expected = json.loads(json.dumps(document))
    except (ValueError, UnicodeEncodeError):
        return
    written = text(document)
    assert isinstance(written, str) and _same(json.loads(written), expected)


def _signed_bytes_before(document) -> bytes:
    """What ``format.canonical_json`` wrote before orjson (signatures of headers and receipts)."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=8), documents, max_size=5))
def test_signed_documents_keep_their_bytes(document) -> None:
    from dj_desktop.sync.format import canonical_json

    try:
        expected = _signed_bytes_before(document)
    except UnicodeEncodeError:            # a lone surrogate: refused as before
        with pytest.raises(UnicodeEncodeError):
            canonical_json(document)
        return
    assert canonical_json(document) == expected
