"""Report periods typed on the command line or chosen in the window: a month (2025-03) or a
quarter (2025-Q1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    label: str

    def contains(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _check_started(first: date, text: str) -> None:
    if first > date.today():
        raise UserError(_("The period {period} has not started yet; choose a past or the current period.").format(
            period=text))


def parse_month(text: str) -> Period:
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UserError(_("{value} is not a month; write it as year-month, for example 2025-03.").format(value=text))
    year, month = int(match.group(1)), int(match.group(2))
    _check_started(date(year, month, 1), text)
    return Period(date(year, month, 1), _month_end(year, month),
                  _("{year}-{month:02d}").format(year=year, month=month))


def parse_quarter(text: str) -> Period:
    match = re.fullmatch(r"\s*(\d{4})-?[Qq]([1-4])\s*", text or "")
    if not match:
        raise UserError(_("{value} is not a quarter; write it as year-Q and the quarter number, "
                          "for example 2025-Q1.").format(value=text))
    year, quarter = int(match.group(1)), int(match.group(2))
    first = date(year, 3 * quarter - 2, 1)
    _check_started(first, text)
    return Period(first, _month_end(year, 3 * quarter),
                  _("Quarter {quarter} of {year}").format(year=year, quarter=quarter))


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"
