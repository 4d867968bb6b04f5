"""Partly hidden personal numbers for a roster shown or handed out (not for the branch's own file).

An ID number keeps its first four digits (the region down to the city) and its last four:
``5101**********1234``; a mobile number keeps the first three and the last four: ``138****5678``.
"""

from __future__ import annotations


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


def mask_address(address: str) -> str:
    """An address down to its district or county (…区, …县, …市 after the first two characters); the rest
    hidden: "四川省成都市武侯区****"."""
    text = (address or "").strip()
    if not text:
        return ""
    for marker in ("区", "县", "旗"):
        at = text.find(marker, 2)
        if at >= 0:
            return text[:at + 1] + "****"
    return text[:min(6, len(text) - 1)] + "****"
