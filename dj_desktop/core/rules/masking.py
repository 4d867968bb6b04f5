"""Partly hidden personal numbers for a roster shown or handed out (not for the branch's own file).

An ID number keeps its first four digits (the region down to the city) and its last four:
``5101**********1234``; a mobile number keeps the first three and the last four: ``138****5678``.
"""

from __future__ import annotations

import re


def _mask(text: str, *, keep_start: int, keep_end: int) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) <= keep_start + keep_end:
        # Too short to show both ends: show at most the last two characters.
        shown = min(2, len(text) - 1) if len(text) > 1 else 0
        return "*" * (len(text) - shown) + text[len(text) - shown:]
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[-keep_end:]


def mask_id_number(number: str) -> str:
    return _mask(number, keep_start=4, keep_end=4)


def mask_phone(phone: str) -> str:
    return _mask(phone, keep_start=3, keep_end=4)



#: The levels of a Chinese address down to the district (county): province, city, district.
_ADDRESS_LEVELS = (
    re.compile(r"^.{2,10}?(?:省|自治区|特别行政区)"),
    re.compile(r"^.{1,10}?(?:市|自治州|地区|盟)"),
    re.compile(r"^.{1,10}?(?:(?<![小社园校景])区|县|旗|市)"),
)


def mask_address(address: str) -> str:
    """The address cut to its district (county): ``东城区幸福里小区3号楼`` → ``东城区****`` (a 小区 or 社区 is
    not a district); an address naming no district is hidden whole."""
    text = (address or "").strip()
    if not text:
        return ""
    kept, rest = "", text
    for level in _ADDRESS_LEVELS:
        found = level.match(rest)
        if found:
            kept, rest = kept + found.group(0), rest[found.end():]
    return kept + "****" if rest else kept
