"""Calendar periods (month, quarter, half year, year) for cadence rules."""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache
from typing import Iterator

PERIODS = ("month", "quarter", "half_year", "year")
_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


def months_in(period: str) -> int:
    try:
        return _MONTHS[period]
    except KeyError:
        raise ValueError(f"unknown period: {period}") from None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_of(day: date, period: str) -> tuple[date, date]:
    """First and last day of the ``period`` that contains ``day``."""
    size = months_in(period)
    first_month = (day.month - 1) // size * size + 1
    return date(day.year, first_month, 1), month_end(day.year, first_month + size - 1)


def periods_between(start: date, end: date, period: str) -> Iterator[tuple[date, date]]:
    """Every period that overlaps ``[start, end]``, oldest first."""
    first, last = period_of(start, period)
    while first <= end:
        yield first, last
        nxt = date(last.year + 1, 1, 1) if last.month == 12 else date(last.year, last.month + 1, 1)
        first, last = period_of(nxt, period)


@lru_cache(maxsize=256)
def periods_in(start: date, end: date, period: str) -> tuple[tuple[date, date], ...]:
    """:func:`periods_between` as a tuple, computed once per window and shared by every branch."""
    return tuple(periods_between(start, end, period))


def last_month_start(period_end: date) -> date:
    """First day of the period's last month: what must exist for the period to count."""
    return period_end.replace(day=1)


def full_months_from(start: date, period_start: date, period_end: date) -> int:
    """Months of the period from the month of ``start`` on (a month counts when ``start`` is its 1st
    or earlier), for pro-rating a yearly target."""
    if start <= period_start:
        return (period_end.year - period_start.year) * 12 + period_end.month - period_start.month + 1
    first = start if start.day == 1 else (
        date(start.year + 1, 1, 1) if start.month == 12 else date(start.year, start.month + 1, 1))
    if first > period_end:
        return 0
    return (period_end.year - first.year) * 12 + period_end.month - first.month + 1


def anniversary(joined: date, year: int) -> date:
    """The date of ``joined``'s anniversary in ``year`` (29 February → 28 February)."""
    if joined.month == 2 and joined.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return joined.replace(year=year)
