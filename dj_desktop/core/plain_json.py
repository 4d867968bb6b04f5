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
    # Leaves are checked inline, a call only per nested list or object: ~200 documents a bundle are
    # checked twice during an office import (issue 16), and a call per leaf was most of the time.
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str:
                return False
            kind = type(item)
            if not (kind is str or kind is int or kind is bool or item is None
                    or ((kind is dict or kind is list) and is_plain(item))):
                return False
        return True
    if kind is list:
        for item in value:
            kind = type(item)
            if not (kind is str or kind is int or kind is bool or item is None
                    or ((kind is dict or kind is list) and is_plain(item))):
                return False
        return True
    return kind is str or kind is int or kind is bool or value is None
