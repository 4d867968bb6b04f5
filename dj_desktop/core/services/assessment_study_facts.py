"""Reads each member's study hours for the ``study_hours_at_target`` assessment rule, with the points
ledger's own queries (``core/points_facts.py``): hours from meetings attended plus practice study,
against the cadence rule set's yearly targets (members / secretary and committee), pro rata."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.models import Meeting
from dj_desktop.core.models.points import PracticeActivity
from dj_desktop.core.points_facts import leaders_in, study_hours, study_targets
from dj_desktop.core.rules.assessment_study import StudyFact


def read_study(s: Session, branch_id: uuid.UUID, facts) -> dict:
    first, last = facts.first, facts.last
    hours = study_hours(s, branch_id, first, last)
    leaders = leaders_in(s, branch_id, first, last)
    normal, lead, _ref = study_targets(s, first.year)
    months = Decimal(len(facts.months()))
    study = tuple(StudyFact(m, Decimal(str(sum(hours.get(m, (0.0, 0.0))))).quantize(Decimal("0.1")),
                            (Decimal(str(lead if m in leaders else normal)) * months / 12).quantize(Decimal("0.1")))
                  for m in facts.members)
    meetings = s.scalars(select(Meeting.id).where(
        Meeting.branch_id == branch_id, Meeting.deleted.is_(False), Meeting.study_hours > 0,
        Meeting.held_on >= first, Meeting.held_on <= last).order_by(Meeting.held_on))
    practice = s.scalars(select(PracticeActivity.id).where(
        PracticeActivity.branch_id == branch_id, PracticeActivity.deleted.is_(False),
        PracticeActivity.study_hours > 0, PracticeActivity.done_on >= first, PracticeActivity.done_on <= last)
        .order_by(PracticeActivity.done_on))
    return {"study": study,
            "study_evidence": tuple(("meetings", i) for i in meetings) + tuple(("practice", i) for i in practice)}
