"""The practice, pledge and points books' facts for many branches at once (issue 16): one query per
chunk of branches instead of one per branch, with the same values as ``points_facts.study_hours`` and
``points_scheme.scheme_for`` give for one branch."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dj_desktop.core.books.reminders import chunks
from dj_desktop.core.models import Attendance, Meeting
from dj_desktop.core.models.points import Pledge, PointMonth, PracticeActivity
from dj_desktop.core.rulesets import RuleVersion, store


def pledges_by_branch(s: Session, ids: list[uuid.UUID], year: int) -> dict[uuid.UUID, dict[uuid.UUID, object]]:
    """Branch → {member: its pledge row for ``year``} (id, member_id, published_on, *_review_on)."""
    out: dict[uuid.UUID, dict[uuid.UUID, object]] = defaultdict(dict)
    for part in chunks(ids):
        for p in s.execute(select(Pledge.id, Pledge.branch_id, Pledge.member_id, Pledge.published_on,
                                  Pledge.mid_review_on, Pledge.end_review_on).where(
                Pledge.branch_id.in_(part), Pledge.year == year, Pledge.deleted.is_(False))):
            out[p.branch_id][p.member_id] = p
    return out


def study_hours_by_branch(s: Session, ids: list[uuid.UUID], start: date,
                          end: date) -> dict[uuid.UUID, dict[uuid.UUID, tuple[float, float]]]:
    """Branch → member → (hours from meetings attended, hours from practice study) between the two days."""
    raw: dict[uuid.UUID, dict[uuid.UUID, list[float]]] = defaultdict(dict)
    for part in chunks(ids):
        for branch, member, hours in s.execute(
                select(Meeting.branch_id, Attendance.member_id, func.sum(Meeting.study_hours))
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Meeting.branch_id.in_(part), Meeting.deleted.is_(False), Attendance.deleted.is_(False),
                       Attendance.present.is_(True), Meeting.held_on >= start, Meeting.held_on <= end)
                .group_by(Meeting.branch_id, Attendance.member_id)):
            raw[branch].setdefault(member, [0.0, 0.0])[0] = float(hours or 0)
        for branch, member, hours in s.execute(
                select(PracticeActivity.branch_id, PracticeActivity.member_id, func.sum(PracticeActivity.study_hours))
                .where(PracticeActivity.branch_id.in_(part), PracticeActivity.deleted.is_(False),
                       PracticeActivity.done_on >= start, PracticeActivity.done_on <= end)
                .group_by(PracticeActivity.branch_id, PracticeActivity.member_id)):
            raw[branch].setdefault(member, [0.0, 0.0])[1] = float(hours or 0)
    return {b: {m: (round(v[0], 1), round(v[1], 1)) for m, v in per.items()} for b, per in raw.items()}


def months_by_branch(s: Session, ids: list[uuid.UUID], month: date) -> dict[uuid.UUID, tuple[str, date | None]]:
    """Branch → (rules version it kept, day confirmed) of its points month ``month``, where it has one."""
    out: dict[uuid.UUID, tuple[str, date | None]] = {}
    for part in chunks(ids):
        for row in s.execute(select(PointMonth.branch_id, PointMonth.rules_version, PointMonth.confirmed_on).where(
                PointMonth.branch_id.in_(part), PointMonth.month == month, PointMonth.deleted.is_(False))):
            out.setdefault(row.branch_id, (row.rules_version or "", row.confirmed_on))
    return out


def scheme_of(s: Session, kept: str, month: date, cache: dict) -> RuleVersion | None:
    """``scheme_for`` from a kept ``name@version`` (or none): that version, else the one in effect; cached."""
    if kept not in cache:
        found = None
        if kept:
            name, _sep, version = kept.partition("@")
            found = store.find(s, name, version)
        cache[kept] = found if found is not None else store.version_on(s, "points", month)
    return cache[kept]
