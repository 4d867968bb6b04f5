"""The holiday and 调休 calendar (节假日安排) of a branch: the days the user declares, which the
working-day counts of member development use. A year with no declared day has no calendar, and
counts through it are provisional (暂算)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import WorkCalendarDay
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.rules.workdays import WorkCalendar

KINDS = ("holiday", "workday")
#: The longest holiday range entered at once (the Spring Festival with its weekends is 9 days).
MAX_RANGE_DAYS = 31


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: str


class CalendarStore:
    def __init__(self, db: Database):
        self._db = db

    @staticmethod
    def load(s: Session, branch_id: uuid.UUID) -> WorkCalendar:
        rows = s.execute(select(WorkCalendarDay.day, WorkCalendarDay.kind).where(
            WorkCalendarDay.branch_id == branch_id, WorkCalendarDay.deleted.is_(False))).all()
        return WorkCalendar(holidays=frozenset(d for d, k in rows if k == "holiday"),
                            workdays=frozenset(d for d, k in rows if k == "workday"))

    def calendar(self, branch_id: uuid.UUID) -> WorkCalendar:
        with self._db.sessions() as s:
            return self.load(s, branch_id)

    def days(self, branch_id: uuid.UUID, year: int | None = None) -> list[CalendarDay]:
        with self._db.sessions() as s:
            query = select(WorkCalendarDay.day, WorkCalendarDay.kind).where(
                WorkCalendarDay.branch_id == branch_id, WorkCalendarDay.deleted.is_(False))
            if year is not None:
                query = query.where(WorkCalendarDay.day >= date(year, 1, 1), WorkCalendarDay.day <= date(year, 12, 31))
            return [CalendarDay(d, k) for d, k in s.execute(query.order_by(WorkCalendarDay.day))]

    def add(self, branch_id: uuid.UUID, kind: str, first: date, last: date | None = None) -> int:
        """Declare ``first``..``last`` holidays (放假) or one make-up working day (调休上班); a day
        declared before takes the new kind. Returns the number of days written."""
        if kind not in KINDS:
            raise UserError(_("A calendar day is a holiday or a make-up working day."))
        last = last or first
        if last < first:
            raise UserError(_("The range ends ({last}) before it starts ({first}).").format(
                last=date_text(last), first=date_text(first)))
        if (last - first).days >= MAX_RANGE_DAYS:
            raise UserError(_("A holiday range is at most {count} days; enter longer ones in parts.").format(
                count=MAX_RANGE_DAYS))
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        with self._db.sessions.begin() as s:
            existing = {r.day: r for r in s.scalars(select(WorkCalendarDay).where(
                WorkCalendarDay.branch_id == branch_id, WorkCalendarDay.deleted.is_(False),
                WorkCalendarDay.day >= first, WorkCalendarDay.day <= last))}
            for day in days:
                row = existing.get(day)
                if row is None:
                    s.add(WorkCalendarDay(branch_id=branch_id, day=day, kind=kind))
                elif row.kind != kind:
                    row.kind = kind
        return len(days)

    def remove(self, branch_id: uuid.UUID, day: date) -> bool:
        """Forget a declared day (it becomes an ordinary weekday or weekend day)."""
        with self._db.sessions.begin() as s:
            rows = s.scalars(select(WorkCalendarDay).where(WorkCalendarDay.branch_id == branch_id,
                             WorkCalendarDay.day == day, WorkCalendarDay.deleted.is_(False))).all()
            for row in rows:
                row.deleted = True
            return bool(rows)
