"""Assessment periods as typed: a year (2026), a half year (2026-H1), a quarter (2026-Q3) or a
month (2026-03)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _


@dataclass(frozen=True)
class AssessmentPeriod:
    text: str          # normalised: "2026", "2026-H1", "2026-Q3", "2026-03"
    first: date
    last: date

    @property
    def year(self) -> int:
        return self.first.year


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def parse_period(text: str, today: date) -> AssessmentPeriod:
    """Refuses anything else, and a period that has not started on ``today``."""
    raw = (text or "").strip().upper()
    match = re.fullmatch(r"(\d{4})(?:-(?:(Q)([1-4])|(H)([12])|(\d{1,2})))?", raw)
    if not match or not 1949 <= int(match.group(1)) <= 2100 or (match.group(6) and not 1 <= int(match.group(6)) <= 12):
        raise UserError(_("{value} is not a period; write a year (2026), a half year (2026-H1), a quarter (2026-Q3) "
                          "or a month (2026-03).").format(value=text))
    year = int(match.group(1))
    if match.group(2):
        q = int(match.group(3))
        period = AssessmentPeriod(f"{year}-Q{q}", date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    elif match.group(4):
        h = int(match.group(5))
        period = AssessmentPeriod(f"{year}-H{h}", date(year, 6 * h - 5, 1), _month_end(year, 6 * h))
    elif match.group(6):
        m = int(match.group(6))
        period = AssessmentPeriod(f"{year}-{m:02d}", date(year, m, 1), _month_end(year, m))
    else:
        period = AssessmentPeriod(str(year), date(year, 1, 1), date(year, 12, 31))
    if period.first > today:
        raise UserError(_("The period {period} has not started yet; choose a past or the current period.").format(
            period=period.text))
    return period
