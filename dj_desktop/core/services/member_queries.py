"""Read queries of the roster: one SELECT returning :class:`MemberRow` tuples, no N+1."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, aliased

from dj_desktop.core.models import Building, Member, Organisation, RecordHistory
from dj_desktop.core.services.member_records import MemberRow, RemovedMember

_group = aliased(Organisation)


def _row_select() -> Select:
    m = Member
    return (
        select(m.id, m.branch_id, m.name, m.gender, m.ethnicity, m.birth_date, m.id_number, m.native_place,
               m.education, m.work_unit, m.post, m.phone, m.address, m.group_id,
               _group.name, m.building_id, Building.name, m.joined_on, m.full_member_on, m.member_type,
               m.category, m.management, m.status, m.arrived_on, m.left_on, m.notes)
        .outerjoin(_group, and_(_group.id == m.group_id, _group.deleted.is_(False)))
        .outerjoin(Building, and_(Building.id == m.building_id, Building.deleted.is_(False)))
        .where(m.deleted.is_(False))
    )


def _rows(session: Session, stmt: Select) -> list[MemberRow]:
    make = MemberRow._make
    # Group and building names are NULL for members without one; the row shows "".
    return [make(r) if r[14] is not None and r[16] is not None else
            make((*r[:14], r[14] or "", r[15], r[16] or "", *r[17:])) for r in session.execute(stmt)]


def roster_rows(session: Session, *, branch_id: uuid.UUID | None, include_left: bool) -> list[MemberRow]:
    stmt = _row_select()
    if branch_id is not None:
        stmt = stmt.where(Member.branch_id == branch_id)
    if not include_left:
        stmt = stmt.where(Member.status == "active")
    return _rows(session, stmt.order_by(_group.sort_order, _group.name, Member.joined_on, Member.name))


def rows_on(session: Session, *, branch_id: uuid.UUID, on: date) -> list[MemberRow]:
    stmt = _row_select().where(
        Member.branch_id == branch_id, Member.arrived_on <= on,
        or_(Member.left_on.is_(None), Member.left_on >= on),
    )
    return _rows(session, stmt.order_by(_group.sort_order, _group.name, Member.joined_on, Member.name))


def row_by_id(session: Session, member_id: uuid.UUID) -> MemberRow | None:
    rows = _rows(session, _row_select().where(Member.id == member_id))
    return rows[0] if rows else None


def row_by_id_number(session: Session, number: str, *, branch_id: uuid.UUID | None) -> MemberRow | None:
    stmt = _row_select().where(Member.id_number == number)
    if branch_id is not None:
        stmt = stmt.where(Member.branch_id == branch_id)
    # Prefer the member who is in a branch now over an old record of someone who left.
    rows = sorted(_rows(session, stmt), key=lambda r: (r.status != "active", -r.arrived_on.toordinal()))
    return rows[0] if rows else None


def removed_rows(session: Session, branch_id: uuid.UUID) -> list[RemovedMember]:
    """Tombstoned members of the branch with the time and reason of their latest removal."""
    members = session.execute(select(Member.id, Member.name, Member.id_number).where(
        Member.branch_id == branch_id, Member.deleted.is_(True))).all()
    if not members:
        return []
    removals: dict[uuid.UUID, tuple] = {}
    for record_id, at, reason in session.execute(
            select(RecordHistory.record_id, RecordHistory.at, RecordHistory.reason)
            .where(RecordHistory.table_name == "member", RecordHistory.action == "delete",
                   RecordHistory.record_id.in_([m.id for m in members]))
            .order_by(RecordHistory.change_seq)):
        removals[record_id] = (at, reason)
    rows = [RemovedMember(m.id, m.name, m.id_number, *removals.get(m.id, (None, ""))) for m in members]
    return sorted(rows, key=lambda r: r.removed_at or datetime.min, reverse=True)
