"""Small text helpers shared by services and views."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that reads runs of digits as numbers: 第9村 before 第10村, 2-3 before 2-10."""
    # split() with a group puts the digit runs at the odd positions.
    return tuple(int(part) if odd else part for odd, part in
                 ((i % 2 == 1, part) for i, part in enumerate(_DIGITS.split(text))))
