"""Session-level loading of the points ledger's facts: a branch's month scored, study hours by member.

Used by ``services.points`` and by the reminder providers of the practice, pledge and points books.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dj_desktop.core.models import Attendance, CommitteeMember, CommitteeTerm, Meeting, Member, Organisation
from dj_desktop.core.models.money import DuesBase, DuesPayment
from dj_desktop.core.models.points import Pledge, PointEntry, PointExemption, PracticeActivity
from dj_desktop.core.points_scheme import scheme_for
from dj_desktop.core.rules import points
from dj_desktop.core.rules.cadence import LEADER_ROLES
from dj_desktop.core.rules.dues import add_months, dues_start
from dj_desktop.core.rulesets import store


def month_end(month: date) -> date:
    return date.fromordinal(add_months(month, 1).toordinal() - 1)


def _age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@dataclass
class MonthTable:
    month: date
    rules_version: str
    source: str
    rows: list[points.MemberMonth]


def month_members(s: Session, branch_id: uuid.UUID, month: date) -> list[Member]:
    """Members who belonged to the branch on some day of the month (as a Party member)."""
    end = month_end(month)
    return list(s.scalars(select(Member).where(
        Member.branch_id == branch_id, Member.deleted.is_(False), Member.arrived_on <= end,
        Member.joined_on <= end, (Member.left_on.is_(None)) | (Member.left_on >= month)).order_by(Member.name)))


def exempt_members(s: Session, branch_id: uuid.UUID, month: date) -> set[uuid.UUID]:
    """Members with a recorded exemption (illness …) covering ``month``."""
    return set(s.scalars(select(PointExemption.member_id).where(
        PointExemption.branch_id == branch_id, PointExemption.deleted.is_(False), PointExemption.from_month <= month,
        (PointExemption.until_month.is_(None)) | (PointExemption.until_month >= month))))


#: The namespace of the ids that stand for "member × month" in automatic dues deductions.
_DUES_MONTH = uuid.UUID("6f1c2a52-8c3e-4a8e-9d59-2f0c5d1b7e21")


def dues_late(s: Session, branch_id: uuid.UUID, month: date, members: list[Member]) -> list[points.Scored]:
    """Members who owed dues for ``month`` (a base recorded from that month or before, dues begun) and had
    not paid that month by its last day (a payment in advance counts; a voluntary one does not)."""
    end = month_end(month)
    based = {mid for mid, in s.execute(select(DuesBase.member_id).where(
        DuesBase.branch_id == branch_id, DuesBase.deleted.is_(False), DuesBase.from_month <= month))}
    paid = {mid for mid, in s.execute(select(DuesPayment.member_id).where(
        DuesPayment.branch_id == branch_id, DuesPayment.deleted.is_(False), DuesPayment.voluntary.is_(False),
        DuesPayment.first_month <= month, DuesPayment.last_month >= month, DuesPayment.paid_on <= end))}
    return [points.Scored(m.id, "dues_late", uuid.uuid5(_DUES_MONTH, f"{m.id}:{month:%Y-%m}")) for m in members
            if m.id in based and m.id not in paid and dues_start(max(m.joined_on, m.arrived_on)) <= month]


def month_table(s: Session, branch_id: uuid.UUID, month: date, *, today: date | None = None) -> MonthTable:
    """The month scored; dues count once the month is over (``today`` after its last day)."""
    version = scheme_for(s, branch_id, month)
    content, end = version.content, month_end(month)
    age = content.get("exempt_age")
    excused = exempt_members(s, branch_id, month)
    listed = month_members(s, branch_id, month)
    members = [(m.id, m.name, m.id in excused or (bool(age) and _age_on(m.birth_date, month) >= age))
               for m in listed]
    scored: list[points.Scored] = []
    for meeting_id, kind, member_id in s.execute(
            select(Meeting.id, Meeting.kind, Attendance.member_id).join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(Meeting.branch_id == branch_id, Meeting.deleted.is_(False), Attendance.deleted.is_(False),
                   Attendance.present.is_(True), Meeting.held_on >= month, Meeting.held_on <= end)
            .order_by(Meeting.held_on)):
        scored.append(points.Scored(member_id, points.meeting_item(kind), meeting_id))
    for a in s.scalars(select(PracticeActivity).where(
            PracticeActivity.branch_id == branch_id, PracticeActivity.deleted.is_(False),
            PracticeActivity.done_on >= month, PracticeActivity.done_on <= end).order_by(PracticeActivity.done_on)):
        scored.append(points.Scored(a.member_id, points.practice_item(a.kind), a.id))
    for p in s.scalars(select(Pledge).where(Pledge.branch_id == branch_id, Pledge.deleted.is_(False),
                                            Pledge.end_status == "kept", Pledge.end_review_on >= month,
                                            Pledge.end_review_on <= end)):
        scored.append(points.Scored(p.member_id, "pledge_kept", p.id))
    branch = s.get(Organisation, branch_id)
    starts = branch.records_start if branch is not None else None
    if "dues_late" in content["deductions"] and end < (today or date.today()) and (starts is None or starts <= month):
        scored += dues_late(s, branch_id, month, listed)
    manual = [points.Manual(e.member_id, e.item, e.points, e.record_id) for e in s.scalars(
        select(PointEntry).where(PointEntry.branch_id == branch_id, PointEntry.deleted.is_(False),
                                 PointEntry.month == month).order_by(PointEntry.created_at))]
    rows = points.score_month(content, members, scored, manual)
    source = "；".join(x.document for x in version.sources)
    return MonthTable(month, version.ref, source, rows)


def leaders_in(s: Session, branch_id: uuid.UUID, start: date, end: date) -> set[uuid.UUID]:
    """Secretary and committee members who held a seat at some time between ``start`` and ``end``."""
    return set(s.scalars(select(CommitteeMember.member_id).join(
        CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id).where(
        CommitteeTerm.organisation_id == branch_id, CommitteeMember.deleted.is_(False),
        CommitteeTerm.deleted.is_(False), CommitteeMember.role.in_(LEADER_ROLES),
        CommitteeMember.started_on <= end,
        (CommitteeMember.ended_on.is_(None)) | (CommitteeMember.ended_on >= start))))


def study_hours(s: Session, branch_id: uuid.UUID, start: date, end: date) -> dict[uuid.UUID, tuple[float, float]]:
    """Member → (hours from meetings attended, hours from practice study) between the two days."""
    out: dict[uuid.UUID, list[float]] = {}
    for member_id, hours in s.execute(
            select(Attendance.member_id, func.sum(Meeting.study_hours)).join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.branch_id == branch_id, Meeting.deleted.is_(False), Attendance.deleted.is_(False),
                   Attendance.present.is_(True), Meeting.held_on >= start, Meeting.held_on <= end)
            .group_by(Attendance.member_id)):
        out.setdefault(member_id, [0.0, 0.0])[0] = float(hours or 0)
    for member_id, hours in s.execute(
            select(PracticeActivity.member_id, func.sum(PracticeActivity.study_hours))
            .where(PracticeActivity.branch_id == branch_id, PracticeActivity.deleted.is_(False),
                   PracticeActivity.done_on >= start, PracticeActivity.done_on <= end)
            .group_by(PracticeActivity.member_id)):
        out.setdefault(member_id, [0.0, 0.0])[1] = float(hours or 0)
    return {k: (round(v[0], 1), round(v[1], 1)) for k, v in out.items()}


def study_targets(s: Session, year: int) -> tuple[float, float, str]:
    """(members' target, leaders' target, cadence version ref) for the year, from the cadence rule set."""
    version = store.version_on(s, "cadence", date(year, 12, 31))
    content = version.content if version else {}
    return (float(content.get("study_hours", 32)), float(content.get("study_hours_leaders", 56)),
            version.ref if version else "")
