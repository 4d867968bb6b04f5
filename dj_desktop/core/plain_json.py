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
        return all(type(key) is str for key in value) and _all_plain(value.values())
    if kind is list:
        return _all_plain(value)
    return kind is str or kind is int or kind is bool or value is None


def _all_plain(items: Iterable[Any]) -> bool:
    # Leaves are checked inline, a call only per nested list or object: ~200 documents a bundle are
    # checked twice during an office import (issue 16), and a call per leaf was most of the time.
    for item in items:
        kind = type(item)
        if not (kind is str or kind is int or kind is bool or item is None
                or ((kind is dict or kind is list) and is_plain(item))):
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
