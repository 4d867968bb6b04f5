"""Working days (工作日) over a holiday and 调休 calendar the user keeps.

A day is a working day when it is a declared make-up working day (调休上班), or a
Monday–Friday that is not a declared holiday. A year with no declared day at all has no
calendar: counts that cross it are provisional (暂算), weekends only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    #: Years with a calendar (any declared day); computed from the days when not given.
    years: frozenset[int] = field(default=frozenset())

    def __post_init__(self) -> None:
        if not self.years:
            object.__setattr__(self, "years", frozenset(d.year for d in self.holidays | self.workdays))

    def is_working(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def covers(self, year: int) -> bool:
        return year in self.years


@dataclass(frozen=True)
class Counted:
    """A day found by counting working days, and whether a year counted through had no calendar."""

    day: date
    provisional: bool


def nth_working_day(calendar: WorkCalendar, start: date, n: int) -> Counted:
    """The ``n``-th working day counting ``start`` itself when it is one (n ≥ 1).

    A public notice posted on ``start`` for 5 working days ends on ``nth_working_day(start, 5)``.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    day, seen, years = start, 0, {start.year}
    while True:
        years.add(day.year)
        if calendar.is_working(day):
            seen += 1
            if seen == n:
                return Counted(day, provisional=not all(calendar.covers(y) for y in years))
        day += timedelta(days=1)


def working_days_between(calendar: WorkCalendar, first: date, last: date) -> int:
    """Working days from ``first`` to ``last``, both included (0 when ``last`` < ``first``)."""
    count, day = 0, first
    while day <= last:
        count += calendar.is_working(day)
        day += timedelta(days=1)
    return count
