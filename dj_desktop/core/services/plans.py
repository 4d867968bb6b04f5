"""PlanService: the annual work plan and year-end summary, one of each per branch and year.

Writes, tombstones, restores and history are the generic record operations over the
plans book (``core/books/plans.py``: its validation and its one-per-year rule)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.books.records import HistoryEntry
from dj_desktop.core.db import Database
from dj_desktop.core.i18n import _
from dj_desktop.core.models import WorkPlan
from dj_desktop.core.vocabularies.work_plan import PLAN_KINDS
from dj_desktop.core.services.meeting_records import PlanRecord


def _record(p: WorkPlan) -> PlanRecord:
    return PlanRecord(id=p.id, branch_id=p.branch_id, year=p.year, kind=p.kind, kind_label=_(PLAN_KINDS[p.kind]),
                      title=p.title, body=p.body, adopted_on=p.adopted_on)


def _book():
    return book("plans")


class PlanService:
    def __init__(self, db: Database):
        self._db = db

    def save(self, branch_id: uuid.UUID, *, year: int, kind: str, title: str, body: str,
             adopted_on: date | None = None, reason: str = "") -> PlanRecord:
        """Writes the plan (or summary) of that year, creating it or editing the existing one."""
        values = dict(branch_id=branch_id, year=year, kind=kind, title=title.strip(), body=body.strip(),
                      adopted_on=adopted_on)
        with self._db.sessions.begin() as s:
            existing = self._current(s, branch_id, year, kind) if kind in PLAN_KINDS else None
            if existing is None:
                row = ops.create(s, _book(), values, today=date.today(), reason=reason)
            else:
                row = ops.update(s, _book(), existing.id, values, today=date.today(), reason=reason)
            return _record(row)

    @staticmethod
    def _current(s, branch_id: uuid.UUID, year: int, kind: str) -> WorkPlan | None:
        return s.scalar(select(WorkPlan).where(WorkPlan.branch_id == branch_id, WorkPlan.year == year,
                                               WorkPlan.kind == kind, WorkPlan.deleted.is_(False)))

    def get(self, branch_id: uuid.UUID, *, year: int, kind: str) -> PlanRecord | None:
        with self._db.sessions.begin() as s:
            row = self._current(s, branch_id, year, kind)
            return _record(row) if row else None

    def list(self, branch_id: uuid.UUID | None = None, *, year: int | None = None,
             deleted: bool = False) -> list[PlanRecord]:
        with self._db.sessions.begin() as s:
            rows = ops.query(s, _book(), branch_id=branch_id, year=year, deleted=deleted)
            return [_record(p) for p in sorted(rows, key=lambda p: (p.year, p.kind))]

    def tombstone(self, plan_id: uuid.UUID, *, reason: str) -> None:
        with self._db.sessions.begin() as s:
            ops.tombstone(s, _book(), plan_id, reason=reason)

    def restore(self, plan_id: uuid.UUID, *, reason: str = "") -> PlanRecord:
        """Brings a deleted plan or summary back, unless that year already has another one."""
        with self._db.sessions.begin() as s:
            return _record(ops.restore(s, _book(), plan_id, reason=reason))

    def history(self, plan_id: uuid.UUID) -> list[HistoryEntry]:
        with self._db.sessions.begin() as s:
            return ops.history(s, _book(), plan_id)
