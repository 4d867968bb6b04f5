"""The organisation facts the reminder providers share (``BranchFacts``: members, groups, committee
seats, terms), read for many branches with a few grouped queries (issue 16)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Iterable, NamedTuple, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.books.fact_values import ValueReader, raw, raw_rows
from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member, Organisation
from dj_desktop.core.rules.cadence import BranchFacts, GroupFacts, MemberFacts, SeatFacts, TermFacts


class BranchUnit(NamedTuple):
    id: uuid.UUID
    name: str
    founded_on: date | None
    records_start: date | None


def chunks(ids: Sequence, size: int = 500) -> Iterable[list]:
    """``IN (…)`` lists small enough for every engine's parameter limit."""
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def load_branches(s: Session, branch_id: uuid.UUID | None = None) -> list[BranchFacts]:
    """The organisation facts (members, groups, committee seats, terms) of every live branch,
    or of one, in a handful of queries whatever the number of branches."""
    return facts_of(s, branch_units(s, branch_id))


def branch_units(s: Session, branch_id: uuid.UUID | None = None) -> list[BranchUnit]:
    """Every live branch (or one) in the engine's order, without its facts: an office loads the
    facts chunk by chunk (:func:`facts_of`), so memory stays bounded whatever the number of branches."""
    s.flush()   # read on the connection: what the ORM's autoflush would have written first
    v = ValueReader()
    stmt = select(raw(Organisation.id), Organisation.name, raw(Organisation.founded_on),
                  raw(Organisation.records_start)).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
    if branch_id is not None:
        stmt = stmt.where(Organisation.id == branch_id)
    return [BranchUnit(v.id(u[0]), u[1], v.date(u[2]), v.date(u[3])) for u in
            s.connection().execute(stmt.order_by(Organisation.sort_order, Organisation.name, Organisation.id))]


def facts_of(s: Session, units: list[BranchUnit]) -> list[BranchFacts]:
    """The facts of ``units``, in their order, in a handful of grouped queries. Columns are read as
    stored and converted once per distinct value, without the ORM's row loading (``fact_values.py``)."""
    s.flush()
    conn, v = s.connection(), ValueReader()
    ids = [u.id for u in units]
    members: dict[uuid.UUID, list[MemberFacts]] = defaultdict(list)
    groups: dict[uuid.UUID, list[GroupFacts]] = defaultdict(list)
    terms: dict[uuid.UUID, list[TermFacts]] = defaultdict(list)
    seats: dict[uuid.UUID, list[SeatFacts]] = defaultdict(list)
    term_branch: dict[uuid.UUID, uuid.UUID] = {}
    by_stored: dict = defaultdict(list)   # members by their branch id as stored, converted once below
    new_id = v.new_id
    for part in chunks(ids):
        rows = raw_rows(conn, select(
            raw(Member.branch_id), raw(Member.id), Member.name, raw(Member.arrived_on), raw(Member.left_on),
            raw(Member.joined_on), raw(Member.group_id), raw(Member.full_member_on), Member.member_type)
            .where(Member.branch_id.in_(part), Member.deleted.is_(False)))
        day, group_id = v.dates_in(rows, (3, 4, 5, 7)), v.ids_in(rows, (6,))
        for branch, member_id, name, arrived, left, joined, group, full, member_type in rows:
            # MemberFacts(id, name, arrived_on, left_on, joined_on, group_id, full_member_on, member_type)
            by_stored[branch].append(MemberFacts(new_id(member_id), name, day(arrived), day(left), day(joined),
                                                 group_id(group), day(full), member_type))
        for g in conn.execute(select(raw(Organisation.parent_id), raw(Organisation.id), Organisation.name,
                                     raw(Organisation.founded_on))
                              .where(Organisation.parent_id.in_(part), Organisation.kind == "group",
                                     Organisation.deleted.is_(False))
                              .order_by(Organisation.sort_order, Organisation.name)):
            groups[v.id(g.parent_id)].append(GroupFacts(id=v.id(g.id), name=g.name, founded_on=v.date(g.founded_on)))
    for stored, facts in by_stored.items():
        members[v.id(stored)] += facts
    leaders = _group_leaders(s, [g.id for gs in groups.values() for g in gs])
    groups = {b: [replace(g, leaders=tuple(leaders[g.id])) if g.id in leaders else g for g in gs]
              for b, gs in groups.items()}
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
                        members=tuple(members[u.id]), groups=tuple(groups.get(u.id, ())),
                        seats=tuple(seats[u.id]), terms=tuple(terms[u.id]))
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
