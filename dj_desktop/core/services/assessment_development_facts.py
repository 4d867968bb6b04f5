"""Reads, for the ``development_on_time`` assessment rule, whether each person in one branch's member
development kept to the rule bounds in a period (``core/rules/assessment_development.py``)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.models import DevelopmentFile
from dj_desktop.core.rules.assessment_development import DevelopmentFact


def read_development(s: Session, development, branch_id: uuid.UUID, first: date, last: date,
                     today: date) -> tuple[DevelopmentFact, ...]:
    """``development``: the ``DevelopmentService`` (its rule versions and calendar). People who applied
    by ``last`` and whose candidacy was not cancelled; overdue is judged on ``min(last, today)``."""
    until = min(last, today)
    calendar = development.calendar.load(s, branch_id)
    out = []
    for f in s.scalars(select(DevelopmentFile).where(
            DevelopmentFile.branch_id == branch_id, DevelopmentFile.deleted.is_(False),
            DevelopmentFile.applied_on <= last).order_by(DevelopmentFile.applied_on, DevelopmentFile.name)):
        if f.cancelled_reason:
            continue
        rows, following = development.progress_in(s, f, calendar)
        late = tuple(row.no for row in rows for day in row.actual if first <= day <= last and (
            (row.bounds.latest is not None and day > row.bounds.latest)
            or (row.bounds.earliest is not None and day < row.bounds.earliest)))
        overdue = None
        if following is not None:
            latest = rows[following - 1].bounds.latest
            if latest is not None and latest < until:
                overdue = (following, latest)
        if following is None and max((d for r in rows for d in r.actual), default=f.applied_on) < first:
            continue                  # a full member before the period began: nothing to judge
        out.append(DevelopmentFact(file_id=f.id, name=f.name, late_steps=late,
                                   overdue_step=overdue[0] if overdue else None,
                                   overdue_since=overdue[1] if overdue else None))
    return tuple(out)
