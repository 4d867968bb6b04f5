"""The open reminders engine: the organisation facts every provider may use, loaded for many
branches at once, and the context a book's reminder provider receives.

A provider (``RecordBook.reminders``) takes a :class:`ReminderContext` and the
:class:`BranchFacts` of the branches asked about, reads its own records for all of them
with a few grouped queries, and returns :class:`Reminder` values. The engine
(``services/reminders.py``) calls every registered book's provider and sorts the result.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member, Organisation
from dj_desktop.core.rules.cadence import (
    BranchFacts, GroupFacts, MemberFacts, Reminder, SeatFacts, TermFacts, sort_reminders,
)
from dj_desktop.core.rules.cadence_settings import CadenceSettings

__all__ = ["BranchFacts", "ReminderContext", "chunks", "load_branches", "per_branch"]


@dataclass(frozen=True)
class ReminderContext:
    session: Session
    #: The day the reminders are for, and the first day a provider needs records from.
    on: date
    since: date
    settings: CadenceSettings


def chunks(ids: Sequence, size: int = 500) -> Iterable[list]:
    """``IN (…)`` lists small enough for every engine's parameter limit."""
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def per_branch(rule, ctx: ReminderContext, branches: Iterable[BranchFacts]) -> list[Reminder]:
    """Runs a pure rule ``(branch, on, settings) -> reminders`` over each branch."""
    out: list[Reminder] = []
    for branch in branches:
        out += rule(branch, ctx.on, ctx.settings)
    return out


def load_branches(s: Session, branch_id: uuid.UUID | None = None) -> list[BranchFacts]:
    """The organisation facts (members, groups, committee seats, terms) of every live branch,
    or of one, in a handful of queries whatever the number of branches."""
    stmt = select(Organisation.id, Organisation.name, Organisation.founded_on, Organisation.records_start).where(
        Organisation.kind == "branch", Organisation.deleted.is_(False))
    if branch_id is not None:
        stmt = stmt.where(Organisation.id == branch_id)
    units = list(s.execute(stmt.order_by(Organisation.sort_order, Organisation.name, Organisation.id)))
    ids = [u.id for u in units]
    members: dict[uuid.UUID, list[MemberFacts]] = defaultdict(list)
    groups: dict[uuid.UUID, list[GroupFacts]] = defaultdict(list)
    terms: dict[uuid.UUID, list[TermFacts]] = defaultdict(list)
    seats: dict[uuid.UUID, list[SeatFacts]] = defaultdict(list)
    term_branch: dict[uuid.UUID, uuid.UUID] = {}
    for part in chunks(ids):
        for r in s.execute(select(Member.branch_id, Member.id, Member.name, Member.arrived_on, Member.left_on,
                                  Member.joined_on, Member.group_id, Member.full_member_on, Member.member_type)
                           .where(Member.branch_id.in_(part), Member.deleted.is_(False))):
            members[r.branch_id].append(MemberFacts(id=r.id, name=r.name, arrived_on=r.arrived_on,
                                                    left_on=r.left_on, joined_on=r.joined_on, group_id=r.group_id,
                                                    full_member_on=r.full_member_on, member_type=r.member_type))
        for g in s.execute(select(Organisation.parent_id, Organisation.id, Organisation.name, Organisation.founded_on)
                           .where(Organisation.parent_id.in_(part), Organisation.kind == "group",
                                  Organisation.deleted.is_(False))
                           .order_by(Organisation.sort_order, Organisation.name)):
            groups[g.parent_id].append(GroupFacts(id=g.id, name=g.name, founded_on=g.founded_on))
    leaders = _group_leaders(s, [g.id for gs in groups.values() for g in gs])
    groups = {b: [replace(g, leaders=tuple(leaders.get(g.id, ()))) for g in gs] for b, gs in groups.items()}
    for part in chunks(ids):
        for t in s.execute(select(CommitteeTerm.organisation_id, CommitteeTerm.id, CommitteeTerm.elected_on,
                                  CommitteeTerm.ends_on)
                           .where(CommitteeTerm.organisation_id.in_(part), CommitteeTerm.deleted.is_(False))):
            terms[t.organisation_id].append(TermFacts(id=t.id, elected_on=t.elected_on, ends_on=t.ends_on))
            term_branch[t.id] = t.organisation_id
    for part in chunks(list(term_branch)):
        for c in s.execute(select(CommitteeMember.term_id, CommitteeMember.member_id, CommitteeMember.role,
                                  CommitteeMember.started_on, CommitteeMember.ended_on)
                           .where(CommitteeMember.term_id.in_(part), CommitteeMember.deleted.is_(False))):
            seats[term_branch[c.term_id]].append(SeatFacts(member_id=c.member_id, role=c.role,
                                                           started_on=c.started_on, ended_on=c.ended_on))
    return [BranchFacts(id=u.id, name=u.name, founded_on=u.founded_on, records_start=u.records_start,
                        members=tuple(members[u.id]),
                        groups=tuple(groups.get(u.id, ())), seats=tuple(seats[u.id]), terms=tuple(terms[u.id]))
            for u in units]


def _group_leaders(s: Session, group_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[SeatFacts]]:
    """Group leader seats of each group's terms."""
    out: dict[uuid.UUID, list[SeatFacts]] = defaultdict(list)
    for part in chunks(group_ids):
        for c in s.execute(select(CommitteeTerm.organisation_id, CommitteeMember.member_id, CommitteeMember.role,
                                  CommitteeMember.started_on, CommitteeMember.ended_on)
                           .join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
                           .where(CommitteeTerm.organisation_id.in_(part), CommitteeTerm.deleted.is_(False),
                                  CommitteeMember.deleted.is_(False), CommitteeMember.role == "group_leader")):
            out[c.organisation_id].append(SeatFacts(member_id=c.member_id, role=c.role, started_on=c.started_on,
                                                    ended_on=c.ended_on))
    return out


def run_providers(ctx: ReminderContext, branches: list[BranchFacts], providers, *,
                  ordered: bool = True) -> list[Reminder]:
    out: list[Reminder] = []
    for provider in providers:
        out += provider(ctx, branches)
    return sort_reminders(out) if ordered else out
