"""A text field built when first read (issue 16): the compliance overview counts hundreds of thousands
of reminders by kind, status and due day and never reads their messages, so rules hand a reminder a
function that writes its message (``functools.partial``) instead of the text. Reading the field gives
the text, built once; equality, hashing and ``repr`` see the text as before."""

from __future__ import annotations

from typing import Any


class LazyText:
    """A data descriptor for a frozen dataclass field holding ``str`` or a callable returning it."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._key = "_" + name

    def __get__(self, obj: Any, owner: type | None = None) -> str:
        if obj is None:
            raise AttributeError(self._key)   # no default value for the dataclass field
        value = obj.__dict__[self._key]
        if not isinstance(value, str):
            value = value()
            obj.__dict__[self._key] = value
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self._key] = value
