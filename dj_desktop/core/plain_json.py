"""Where orjson writes what :func:`json.dumps` writes (issue 16).

orjson encodes JSON several times faster than :mod:`json`, but not always the same way: floats in
another notation, ``NaN`` as ``null``, dates, UUIDs and subclasses natively where :mod:`json` calls
``default`` or refuses. For *plain* values — text, whole numbers, booleans, None, lists and objects
with text keys, nothing derived from them — both give the same document, so the callers use orjson
for those and :mod:`json` for anything else (its refusals included).
"""

from __future__ import annotations

from typing import Any, Iterable

import orjson


def is_plain(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        for key in value:
            if type(key) is not str:
                return False
        return _all_plain(value.values())
    if kind is list:
        return _all_plain(value)
    return kind is str or kind is int or kind is bool or value is None


def _all_plain(items: Iterable[Any]) -> bool:
    # Leaves are checked inline, and so are the items of a nested list (a history row's changes are
    # an object of [before, after] pairs): a call only per deeper list or object. ~200 documents a
    # bundle are checked twice during an office import (issue 16), and a call per leaf was most of
    # the time; a call per pair, a third.
    for item in items:
        kind = type(item)
        if kind is str or kind is int or item is None or kind is bool:
            continue
        if kind is list:
            for leaf in item:
                kind = type(leaf)
                if not (kind is str or kind is int or leaf is None or kind is bool
                        or ((kind is dict or kind is list) and is_plain(leaf))):
                    return False
            continue
        if kind is dict and is_plain(item):
            continue
        return False
    return True


def orjson_bytes(value: Any, *, sort_keys: bool = False) -> bytes | None:
    """orjson's compact UTF-8 of a plain ``value`` (:func:`json.dumps` with ``separators=(",", ":")``,
    ``ensure_ascii=False`` and ``sort_keys`` gives the same), or None: not plain, or refused by orjson
    (a whole number beyond 64 bits, a lone surrogate), for the caller's :mod:`json` to write."""
    if not is_plain(value):
        return None
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else None)
    except orjson.JSONEncodeError:
        return None


def orjson_text(value: Any) -> str | None:
    """:func:`orjson_bytes` (no sorting) as text, for a database's JSON column or parameter."""
    data = orjson_bytes(value)
    return data.decode() if data is not None else None
