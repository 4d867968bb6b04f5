"""Dates, periods and meeting kinds written the way the record books write them."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.i18n import _
from dj_desktop.core.vocabularies import label
from dj_desktop.core.vocabularies.meeting import MEETING_KINDS


def date_text(day: date) -> str:
    """The one way a day is written for people: 2026年11月28日 in Chinese, 2026-11-28 in English
    (the same form as the English window's date fields), in messages and every PDF alike."""
    return _("{year}-{month:02d}-{day:02d}").format(year=day.year, month=day.month, day=day.day)


def period_text(start: date, period: str) -> str:
    if period == "month":
        return _("{month}/{year}").format(year=start.year, month=start.month)
    if period == "quarter":
        return _("Q{quarter} {year}").format(year=start.year, quarter=(start.month - 1) // 3 + 1)
    if period == "half_year":
        return (_("first half of {year}") if start.month == 1 else _("second half of {year}")).format(year=start.year)
    return _("year {year}").format(year=start.year)


def meeting_kind_text(kind: str) -> str:
    return label(MEETING_KINDS, kind)
