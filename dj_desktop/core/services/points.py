"""PointsService: the monthly points table (automatic + manual, ranked), confirming a month, study hours.

The scoring is ``core/rules/points.py``; the facts are loaded by ``core/points_facts.py``; writes go
through ``core/books/records.py`` (history, audit, sync).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models.points import PointMonth, PointSignoff
from dj_desktop.core.points_facts import MonthTable, leaders_in, month_table, study_hours, study_targets
from dj_desktop.core.points_year import YearLine, year_table
from dj_desktop.core.rules.dues import month_text


@dataclass(frozen=True)
class StudyLine:
    member_id: uuid.UUID
    name: str
    meeting_hours: float
    practice_hours: float
    target: float

    @property
    def total(self) -> float:
        return round(self.meeting_hours + self.practice_hours, 1)


class PointsService:
    def __init__(self, db: Database):
        self._db = db

    def month(self, branch_id: uuid.UUID, month: date, *, today: date | None = None) -> MonthTable:
        """Every member's points for the month, ranked, under the scheme version the month keeps."""
        with self._db.sessions() as s:
            return month_table(s, branch_id, month.replace(day=1), today=today)

    def confirmed_on(self, branch_id: uuid.UUID, month: date) -> date | None:
        with self._db.sessions() as s:
            return s.scalar(select(PointMonth.confirmed_on).where(
                PointMonth.branch_id == branch_id, PointMonth.month == month.replace(day=1),
                PointMonth.deleted.is_(False)))

    def confirm(self, branch_id: uuid.UUID, month: date, *, today: date) -> str:
        """Records the month as confirmed (members signed off) under the scheme version it is scored with;
        the month keeps that version when the scheme changes later. Returns the version ref."""
        month = month.replace(day=1)
        if month > today:
            raise UserError(_("{month} has not begun; a month is confirmed after its points are in.").format(
                month=month_text(month)))
        with self._db.sessions.begin() as s:
            table = month_table(s, branch_id, month, today=today)
            row = s.scalar(select(PointMonth).where(PointMonth.branch_id == branch_id, PointMonth.month == month,
                                                    PointMonth.deleted.is_(False)))
            if row is None:
                ops.create(s, book("point_months"), {"branch_id": branch_id, "month": month,
                                                      "rules_version": table.rules_version, "confirmed_on": today},
                           today=today)
            else:
                ops.update(s, book("point_months"), row.id, {"confirmed_on": today}, today=today)
            return table.rules_version

    def year(self, branch_id: uuid.UUID, year: int, *, today: date | None = None) -> list[YearLine]:
        """The year's totals ranked (the months up to today); rank 1 is the year's most-awarded."""
        with self._db.sessions() as s:
            return year_table(s, branch_id, year, through=today or date.today())

    def exempt_reasons(self, branch_id: uuid.UUID, month: date) -> list[str]:
        """The reasons for exemption the scheme in effect names (age is applied by itself)."""
        from dj_desktop.core.points_scheme import scheme_for
        with self._db.sessions() as s:
            return list(scheme_for(s, branch_id, month.replace(day=1)).content.get("exempt_reasons", []))

    def signoffs(self, branch_id: uuid.UUID, month: date) -> dict[uuid.UUID, date]:
        """Member → the day the member signed off the month's points (本人确认)."""
        with self._db.sessions() as s:
            return dict(s.execute(select(PointSignoff.member_id, PointSignoff.signed_on).where(
                PointSignoff.branch_id == branch_id, PointSignoff.month == month.replace(day=1),
                PointSignoff.deleted.is_(False))).all())

    def sign_off(self, branch_id: uuid.UUID, member_id: uuid.UUID, month: date, *, on: date, note: str = "",
                 today: date | None = None) -> None:
        with self._db.sessions.begin() as s:
            ops.create(s, book("point_signoffs"), {"branch_id": branch_id, "member_id": member_id,
                                                    "month": month.replace(day=1), "signed_on": on, "note": note},
                       today=today or date.today())

    def year_report(self, branch_id: uuid.UUID, year: int, *, today: date | None = None):
        """The year's ranking as a ``TabularReport`` (PDF or .xlsx through ``write_report``)."""
        from dj_desktop.core.points_printouts import year_report
        with self._db.sessions() as s:
            return year_report(s, branch_id, year, printed_on=today or date.today())

    def study(self, branch_id: uuid.UUID, start: date, end: date) -> list[StudyLine]:
        """Each current member's study hours (meetings attended + practice study) against the yearly target."""
        from dj_desktop.core.points_facts import month_members
        with self._db.sessions() as s:
            members, leaders = month_members(s, branch_id, end.replace(day=1)), leaders_in(s, branch_id, start, end)
            hours = study_hours(s, branch_id, start, end)
            normal, lead, _ref = study_targets(s, start.year)
            return [StudyLine(m.id, m.name, *hours.get(m.id, (0.0, 0.0)), lead if m.id in leaders else normal)
                    for m in members]

    def month_report(self, branch_id: uuid.UUID, month: date, *, today: date | None = None):
        """The month's ranked table as a printable/exportable ``TabularReport`` (write it with
        ``reports.pdf.tabular.write_report`` as .pdf or .xlsx)."""
        from dj_desktop.core.points_printouts import month_report
        with self._db.sessions() as s:
            return month_report(s, branch_id, month.replace(day=1), printed_on=today or date.today())

    def member_report(self, member_id: uuid.UUID, year: int, *, today: date | None = None):
        """One member's practice record, study hours and points history for the year."""
        from dj_desktop.core.points_printouts import member_report
        with self._db.sessions() as s:
            return member_report(s, member_id, year, printed_on=today or date.today())
