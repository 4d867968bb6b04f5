"""Who should attend a meeting on its date: the roster on that day, the group, or the committee."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member
from dj_desktop.core.rules.cadence import LEADER_ROLES
from dj_desktop.core.rules.quorum import Seat, quorum, QuorumResult
from dj_desktop.core.services.meeting_records import ExpectedAttendee
from dj_desktop.core.services.member_queries import rows_on


def votes_on(member_type: str, full_member_on: date | None, day: date) -> bool:
    """A full member on ``day`` votes; an imported full member without a 转正 date is taken as full."""
    if full_member_on is not None:
        return full_member_on <= day
    return member_type == "full"


def committee_member_ids(session: Session, branch_id: uuid.UUID, day: date) -> set[uuid.UUID]:
    """Members holding a committee seat on ``day`` in the latest term elected by then.

    A term whose end date has passed still serves until the next election, so the
    latest elected term is used rather than one whose dates cover ``day``.
    """
    term_id = session.scalar(
        select(CommitteeTerm.id).where(CommitteeTerm.organisation_id == branch_id, CommitteeTerm.deleted.is_(False),
                                       CommitteeTerm.elected_on <= day)
        .order_by(CommitteeTerm.elected_on.desc()).limit(1))
    if term_id is None:
        return set()
    rows = session.execute(
        select(CommitteeMember.member_id, CommitteeMember.role, CommitteeMember.started_on, CommitteeMember.ended_on)
        .where(CommitteeMember.term_id == term_id, CommitteeMember.deleted.is_(False)))
    return {m for m, role, start, end in rows
            if role in LEADER_ROLES and start <= day and (end is None or end >= day)}


def expected_attendees(session: Session, branch_id: uuid.UUID, *, kind: str, day: date,
                       group_id: uuid.UUID | None = None) -> list[ExpectedAttendee]:
    """Members in the branch on ``day``; only the group for a group meeting, only the
    committee for a committee meeting."""
    rows = rows_on(session, branch_id=branch_id, on=day)
    if kind == "group_meeting":
        rows = [r for r in rows if r.group_id == group_id]
    elif kind == "committee_meeting":
        committee = committee_member_ids(session, branch_id, day)
        rows = [r for r in rows if r.id in committee]
    return [ExpectedAttendee(member_id=r.id, name=r.name, member_type=r.member_type,
                             votes=votes_on(r.member_type, r.full_member_on, day), group_id=r.group_id)
            for r in rows]


def meeting_quorum(kind: str, expected: list[ExpectedAttendee], present_ids: set[uuid.UUID]) -> QuorumResult:
    """Quorum over everyone expected; an expected member missing from the attendance list counts as absent."""
    counts_all = kind == "committee_meeting"
    return quorum(kind, [Seat(counts=counts_all or e.votes, present=e.member_id in present_ids) for e in expected])


def member_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())
