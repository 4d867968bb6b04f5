"""Who was in a Party group when: read from the roster and the history the organisation already
keeps (the member record's ``group_id`` changes in ``record_history``, dated by the member's
"group changed" status entries), never from a second list of group members."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.reminders import chunks
from dj_desktop.core.models import Member, MemberEvent, RecordHistory


@dataclass(frozen=True)
class Stay:
    """One member's time in one group: from ``start`` to ``end`` (None: still there), both included."""

    member_id: uuid.UUID
    name: str
    group_id: uuid.UUID | None
    start: date
    end: date | None
    management: str = "self"
    work_unit: str = ""
    full_member_on: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


def _uuid(value) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def stays(s: Session, branch_id: uuid.UUID) -> list[Stay]:
    """Every live member's stays in the branch's groups (or in no group), in a few queries."""
    members = list(s.scalars(select(Member).where(Member.branch_id == branch_id, Member.deleted.is_(False))))
    ids = [m.id for m in members]
    changes: dict[uuid.UUID, list[tuple[str, object, object, date]]] = defaultdict(list)
    moved_on: dict[uuid.UUID, list[date]] = defaultdict(list)
    for part in chunks(ids):
        for h in s.scalars(select(RecordHistory).where(RecordHistory.table_name == Member.__tablename__,
                                                       RecordHistory.record_id.in_(part))
                           .order_by(RecordHistory.id)):
            if "group_id" in (h.changes or {}):
                old, new = h.changes["group_id"]
                changes[h.record_id].append((h.action, old, new, h.at.date()))
        for e in s.execute(select(MemberEvent.member_id, MemberEvent.on).where(
                MemberEvent.member_id.in_(part), MemberEvent.kind == "group_changed",
                MemberEvent.deleted.is_(False)).order_by(MemberEvent.on)):
            moved_on[e.member_id].append(e.on)
    out: list[Stay] = []
    for m in members:
        out += _member_stays(m, changes.get(m.id, []), moved_on.get(m.id, []))
    return out


def _member_stays(m: Member, changes, moved_on: list[date]) -> list[Stay]:
    moves = [(old, new, at) for action, old, new, at in changes if action in ("update", "merge") and old != new]
    first = _uuid(moves[0][0]) if moves else m.group_id
    cuts: list[tuple[date, uuid.UUID | None]] = []
    for n, (_old, new, at) in enumerate(moves):
        day = moved_on[n] if n < len(moved_on) else at
        cuts.append((max(day, m.arrived_on), _uuid(new)))
    out: list[Stay] = []
    start, group = m.arrived_on, first
    for day, new in cuts:
        if day > start:
            out.append(_stay(m, group, start, day - timedelta(days=1)))
        start, group = max(start, day), new
    out.append(_stay(m, group, start, m.left_on))
    return [stay for stay in out if stay.end is None or stay.end >= stay.start]


def _stay(m: Member, group_id, start: date, end: date | None) -> Stay:
    return Stay(member_id=m.id, name=m.name, group_id=group_id, start=start, end=end, management=m.management,
                work_unit=m.work_unit, full_member_on=m.full_member_on)


def group_stays(s: Session, branch_id: uuid.UUID, group_id: uuid.UUID) -> list[Stay]:
    return sorted((x for x in stays(s, branch_id) if x.group_id == group_id), key=lambda x: (x.start, x.name))


def in_group_on(s: Session, member_id: uuid.UUID, group_id: uuid.UUID, day: date) -> bool:
    """Whether the member was in the group on ``day``."""
    member = s.get(Member, member_id)
    if member is None or member.deleted:
        return False
    return any(x.member_id == member_id and x.covers(day) for x in group_stays(s, member.branch_id, group_id))
