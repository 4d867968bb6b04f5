"""PlanService: the annual work plan and year-end summary, one of each per branch and year."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Organisation, WorkPlan
from dj_desktop.core.vocabularies.work_plan import PLAN_KINDS
from dj_desktop.core.services.meeting_records import PlanRecord


def _record(p: WorkPlan) -> PlanRecord:
    return PlanRecord(id=p.id, branch_id=p.branch_id, year=p.year, kind=p.kind, kind_label=_(PLAN_KINDS[p.kind]),
                      title=p.title, body=p.body, adopted_on=p.adopted_on)


class PlanService:
    def __init__(self, db: Database):
        self._db = db

    def save(self, branch_id: uuid.UUID, *, year: int, kind: str, title: str, body: str,
             adopted_on: date | None = None, reason: str = "") -> PlanRecord:
        """Writes the plan (or summary) of that year, creating it or editing the existing one."""
        problems: dict[str, str] = {}
        if kind not in PLAN_KINDS:
            problems["kind"] = _("Choose whether this is the annual plan or the year-end summary.")
        if not 1949 <= year <= 2100:
            problems["year"] = _("Enter a year between 1949 and 2100.")
        if not body.strip():
            problems["body"] = _("The text is empty; write the plan or summary before saving.")
        if adopted_on is not None and adopted_on.year not in (year - 1, year, year + 1):
            problems["adopted_on"] = _("The adoption date should be in or next to {year}.").format(year=year)
        if problems:
            raise ValidationError(problems)
        with self._db.sessions.begin() as s:
            branch = s.get(Organisation, branch_id)
            if branch is None or branch.deleted or branch.kind != "branch":
                raise ValidationError({"branch_id": _("Choose the Party branch.")})
            row = s.scalar(select(WorkPlan).where(WorkPlan.branch_id == branch_id, WorkPlan.year == year,
                                                  WorkPlan.kind == kind, WorkPlan.deleted.is_(False)))
            s.info["reason"] = reason.strip()
            if row is None:
                row = WorkPlan(branch_id=branch_id, year=year, kind=kind)
                s.add(row)
            row.title, row.body, row.adopted_on = title.strip(), body.strip(), adopted_on
            s.flush()
            return _record(row)

    def get(self, branch_id: uuid.UUID, *, year: int, kind: str) -> PlanRecord | None:
        with self._db.sessions.begin() as s:
            row = s.scalar(select(WorkPlan).where(WorkPlan.branch_id == branch_id, WorkPlan.year == year,
                                                  WorkPlan.kind == kind, WorkPlan.deleted.is_(False)))
            return _record(row) if row else None

    def list(self, branch_id: uuid.UUID | None = None, *, year: int | None = None,
             deleted: bool = False) -> list[PlanRecord]:
        with self._db.sessions.begin() as s:
            stmt = select(WorkPlan).where(WorkPlan.deleted.is_(deleted))
            if branch_id is not None:
                stmt = stmt.where(WorkPlan.branch_id == branch_id)
            if year is not None:
                stmt = stmt.where(WorkPlan.year == year)
            return [_record(p) for p in s.scalars(stmt.order_by(WorkPlan.year, WorkPlan.kind))]

    def tombstone(self, plan_id: uuid.UUID, *, reason: str) -> None:
        if not reason.strip():
            raise UserError(_("Give a reason for deleting the plan (it is kept in the history)."))
        with self._db.sessions.begin() as s:
            row = s.get(WorkPlan, plan_id)
            if row is None or row.deleted:
                raise UserError(_("The plan does not exist or was deleted."))
            s.info["reason"] = reason.strip()
            row.deleted = True

    def restore(self, plan_id: uuid.UUID, *, reason: str = "") -> PlanRecord:
        """Brings a deleted plan or summary back, unless that year already has another one."""
        with self._db.sessions.begin() as s:
            row = s.get(WorkPlan, plan_id)
            if row is None or not row.deleted:
                raise UserError(_("The plan does not exist or was not deleted."))
            other = s.scalar(select(WorkPlan.id).where(
                WorkPlan.branch_id == row.branch_id, WorkPlan.year == row.year,
                WorkPlan.kind == row.kind, WorkPlan.deleted.is_(False)))
            if other is not None:
                raise UserError(_("{year} already has a {kind}; delete that one first if this one should "
                                  "replace it.").format(year=row.year, kind=_(PLAN_KINDS[row.kind])))
            s.info["reason"] = reason.strip()
            row.deleted = False
            s.flush()
            return _record(row)
