"""A rule's finding about one field: an error refuses the input, a warning lets it through."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """``field`` names the input field ("" for the whole record); ``message`` is translated."""

    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def first_error_per_field(problems: Iterable[Problem]) -> dict[str, str]:
    """``{field: message}`` of the first error of each field, for :class:`ValidationError`."""
    out: dict[str, str] = {}
    for p in problems:
        if p.is_error:
            out.setdefault(p.field, p.message)
    return out
