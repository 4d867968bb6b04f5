"""Small text helpers shared by services and views."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that reads runs of digits as numbers: 第9村 before 第10村, 2-3 before 2-10."""
    # split() with a group puts the digit runs at the odd positions.
    return tuple(int(part) if odd else part for odd, part in
                 ((i % 2 == 1, part) for i, part in enumerate(_DIGITS.split(text))))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def month_label(year: int, month: int) -> str:
    """A month as a reader of the current language writes it: 2026年11月, or November 2026."""
    from dj_desktop.core.i18n import _, current_language
    if current_language() == "en":
        return f"{_MONTHS[month - 1]} {year}"
    return _("Month {month} of {year}").format(year=year, month=month)
