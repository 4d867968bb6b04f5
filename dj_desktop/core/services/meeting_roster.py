"""Who should attend a meeting on its date: the roster on that day, the group, or the committee."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member, Organisation
from dj_desktop.core.rules.cadence import LEADER_ROLES
from dj_desktop.core.rules.quorum import QuorumResult, Seat, quorum
from dj_desktop.core.services.meeting_records import ExpectedAttendee


def votes_on(member_type: str, full_member_on: date | None, day: date) -> bool:
    """A full member on ``day`` votes; an imported full member without a 转正 date is taken as full."""
    if full_member_on is not None:
        return full_member_on <= day
    return member_type == "full"


@dataclass(frozen=True)
class _Person:
    id: uuid.UUID
    name: str
    member_type: str
    full_member_on: date | None
    group_id: uuid.UUID | None
    arrived_on: date
    left_on: date | None


class BranchRoster:
    """The branch's members and committee seats, loaded once, asked "who was there on day D" many times.

    Same rule as the roster's ``members_on``: arrived on or before D and not left before D.
    """

    def __init__(self, session: Session, branch_id: uuid.UUID):
        group = aliased(Organisation)
        rows = session.execute(
            select(Member.id, Member.name, Member.member_type, Member.full_member_on, Member.group_id,
                   Member.arrived_on, Member.left_on)
            .outerjoin(group, and_(group.id == Member.group_id, group.deleted.is_(False)))
            .where(Member.branch_id == branch_id, Member.deleted.is_(False))
            .order_by(group.sort_order, group.name, Member.joined_on, Member.name))
        self.people = [_Person(*r) for r in rows]
        terms = session.execute(select(CommitteeTerm.id, CommitteeTerm.elected_on).where(
            CommitteeTerm.organisation_id == branch_id, CommitteeTerm.deleted.is_(False))).all()
        self.terms = sorted(terms, key=lambda t: t[1])
        self.seats = session.execute(
            select(CommitteeMember.term_id, CommitteeMember.member_id, CommitteeMember.role,
                   CommitteeMember.started_on, CommitteeMember.ended_on)
            .where(CommitteeMember.term_id.in_([t[0] for t in terms]), CommitteeMember.deleted.is_(False))).all()

    def committee_on(self, day: date) -> set[uuid.UUID]:
        """Seat holders on ``day`` in the latest term elected by then: an expired term serves until the next."""
        current = [t for t, elected in self.terms if elected <= day]
        if not current:
            return set()
        return {m for term, m, role, start, end in self.seats
                if term == current[-1] and role in LEADER_ROLES and start <= day and (end is None or end >= day)}

    def expected(self, *, kind: str, day: date, group_id: uuid.UUID | None = None) -> list[ExpectedAttendee]:
        people = [p for p in self.people if p.arrived_on <= day and (p.left_on is None or p.left_on >= day)]
        if kind == "group_meeting":
            people = [p for p in people if p.group_id == group_id]
        elif kind == "committee_meeting":
            committee = self.committee_on(day)
            people = [p for p in people if p.id in committee]
        return [ExpectedAttendee(member_id=p.id, name=p.name, member_type=p.member_type,
                                 votes=votes_on(p.member_type, p.full_member_on, day), group_id=p.group_id)
                for p in people]


def expected_attendees(session: Session, branch_id: uuid.UUID, *, kind: str, day: date,
                       group_id: uuid.UUID | None = None) -> list[ExpectedAttendee]:
    """Members in the branch on ``day``; only the group for a group meeting, only the
    committee for a committee meeting."""
    return BranchRoster(session, branch_id).expected(kind=kind, day=day, group_id=group_id)


def meeting_quorum(kind: str, expected: list[ExpectedAttendee], present_ids: set[uuid.UUID]) -> QuorumResult:
    """Quorum over everyone expected; an expected member missing from the attendance list counts as absent."""
    counts_all = kind == "committee_meeting"
    return quorum(kind, [Seat(counts=counts_all or e.votes, present=e.member_id in present_ids) for e in expected])


def member_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())
