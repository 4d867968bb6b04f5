"""Where orjson writes what :func:`json.dumps` writes (issue 16).

orjson encodes JSON several times faster than :mod:`json`, but not always the same way: floats in
another notation, ``NaN`` as ``null``, dates, UUIDs and subclasses natively where :mod:`json` calls
``default`` or refuses. For *plain* values — text, whole numbers, booleans, None, lists and objects
with text keys, nothing derived from them — both give the same document, so the callers use orjson
for those and :mod:`json` for anything else (its refusals included).
"""

from __future__ import annotations

from typing import Any


def is_plain(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        return all(type(key) is str and is_plain(item) for key, item in value.items())
    if kind is list:
        return all(is_plain(item) for item in value)
    return kind is str or kind is int or kind is bool or value is None
