"""MemberService (``services.members``): the roster — validate, add, edit, status changes, queries."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dj_desktop.core.books import book
from dj_desktop.core.books.records import history as history_of
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Member, MemberEvent
from dj_desktop.core.vocabularies.member import CATEGORIES
from dj_desktop.core.progress import Progress
from dj_desktop.core.rules.id_number import normalise_id_number
from dj_desktop.core.rules.membership import member_problems
from dj_desktop.core.rules.problems import Problem, first_error_per_field, has_errors
from dj_desktop.core.services import member_bulk, member_queries
from dj_desktop.core.services.live import live
from dj_desktop.core.services.member_events import category_change_note, event_rows_for_change, event_rows_for_new
from dj_desktop.core.services.member_records import (
    MemberDetail, MemberEventRow, MemberInput, MemberRow, RemovedMember, RowProblems, UpsertResult,
)
from dj_desktop.core.services.member_validation import BranchContext, clean_input, column_values, input_problems


class MemberService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- validation -------------------------------------------------------------------------
    def validate(self, branch_id: uuid.UUID, data: MemberInput, *, member_id: uuid.UUID | None = None,
                 today: date | None = None) -> list[Problem]:
        """Problems of one input (for an add, or an edit of ``member_id``); errors refuse it."""
        data = clean_input(data)
        with self._db.sessions() as s:
            ctx = BranchContext.load(s, branch_id, id_numbers=[data.id_number])
            return input_problems(data, ctx, today=today or date.today(), member_id=member_id)

    def validate_many(self, branch_id: uuid.UUID, inputs: Sequence[MemberInput], *, today: date | None = None,
                      row_numbers: Sequence[int] | None = None) -> list[RowProblems]:
        """Problems of a batch (an Excel file), only for inputs that have any.

        An ID number already in this branch is not a problem: :meth:`upsert_many` updates that
        member. The same ID number twice in the batch is an error on the later input;
        ``row_numbers`` (default position + 1) is how messages refer to the other row.
        """
        with self._db.sessions() as s:
            return member_bulk.validate_batch(s, branch_id, inputs, today=today or date.today(),
                                              row_numbers=row_numbers)

    # -- writes -----------------------------------------------------------------------------
    def add(self, branch_id: uuid.UUID, data: MemberInput, *, today: date | None = None,
            reason: str = "") -> uuid.UUID:
        """Add a member who joined in this branch (or arrived on ``arrived_on``); returns the new id.

        Raises :class:`ValidationError` for any error; warnings do not stop it.
        """
        with self._db.sessions.begin() as s:
            return self._add(s, branch_id, data, today=today or date.today(), reason=reason, came_from=None)

    def transfer_in(self, branch_id: uuid.UUID, data: MemberInput, *, on: date, from_organisation: str,
                    today: date | None = None) -> uuid.UUID:
        """Receive a member's relationship from another organisation (转入) on ``on``."""
        if not from_organisation.strip():
            raise ValidationError({"other_organisation": _("Enter the organisation the member comes from.")})
        data = MemberInput(**{**data.__dict__, "arrived_on": on})
        with self._db.sessions.begin() as s:
            returning = s.scalars(select(Member).where(
                Member.branch_id == branch_id, Member.id_number == normalise_id_number(data.id_number),
                Member.deleted.is_(False), Member.status != "active")).first()
            if returning is not None:
                return self._come_back(s, returning, data, on=on, from_organisation=from_organisation,
                                       today=today or date.today())
            return self._add(s, branch_id, data, today=today or date.today(), reason="", came_from=from_organisation)

    def _come_back(self, s: Session, member: Member, data: MemberInput, *, on: date, from_organisation: str,
                   today: date) -> uuid.UUID:
        """A member who once left this branch returns: the same record becomes active again."""
        data = clean_input(data)
        ctx = BranchContext.load(s, member.branch_id, id_numbers=[data.id_number])
        problems = input_problems(data, ctx, today=today, member_id=member.id)
        if member.left_on is not None and on < member.left_on:
            problems.append(Problem("arrived_on", _("The date {day} is before the member left this branch ({left}).")
                                    .format(day=on.isoformat(), left=member.left_on.isoformat())))
        if has_errors(problems):
            raise ValidationError(first_error_per_field(problems))
        for key, value in column_values(data).items():
            if getattr(member, key) != value:
                setattr(member, key, value)
        member.status, member.left_on = "active", None
        s.add(MemberEvent(member_id=member.id, kind="transferred_in", on=on, other_organisation=from_organisation))
        return member.id

    def _add(self, s: Session, branch_id: uuid.UUID, data: MemberInput, *, today: date, reason: str,
             came_from: str | None) -> uuid.UUID:
        data = clean_input(data)
        ctx = BranchContext.load(s, branch_id, id_numbers=[data.id_number])
        problems = input_problems(data, ctx, today=today)
        if has_errors(problems):
            raise ValidationError(first_error_per_field(problems))
        s.info["reason"] = reason
        member = Member(branch_id=branch_id, status="active", **column_values(data))
        s.add(member)
        s.flush()
        for event in event_rows_for_new(member.id, column_values(data), came_from=came_from):
            s.add(MemberEvent(**event))
        return member.id

    def update(self, member_id: uuid.UUID, data: MemberInput, *, today: date | None = None,
               reason: str = "") -> list[Problem]:
        """Save an edit; the audit trail records each changed field. Returns the warnings."""
        with self._db.sessions.begin() as s:
            member = self._live(s, member_id)
            data = clean_input(data)
            ctx = BranchContext.load(s, member.branch_id, id_numbers=[data.id_number])
            problems = input_problems(data, ctx, today=today or date.today(), member_id=member_id)
            if has_errors(problems):
                raise ValidationError(first_error_per_field(problems))
            s.info["reason"] = reason
            values = column_values(data)
            if data.arrived_on is None:
                values.pop("arrived_on")
            on = today or date.today()
            for event in event_rows_for_change(member, values, on=on):
                s.add(MemberEvent(**event))
            for key, value in values.items():
                if getattr(member, key) != value:
                    setattr(member, key, value)
            return problems

    def upsert_many(self, branch_id: uuid.UUID, inputs: Sequence[MemberInput], *,
                    session: Session | None = None, reason: str = "", batch_id: uuid.UUID | None = None,
                    today: date | None = None, progress: Progress | None = None) -> UpsertResult:
        """Add or update many members in one transaction (Excel import).

        An input whose ID number belongs to a member of this branch updates that member;
        the others are added with bulk inserts. Raises :class:`ValidationError` (nothing
        written) if any input has an error — call :meth:`validate_many` first for a report.
        With ``session`` the caller's open transaction is used (and committed by the caller);
        ``batch_id`` (a ``ChangeBatch`` id) is written on every history row so it can be undone.
        """
        kwargs = dict(reason=reason, batch_id=batch_id, today=today or date.today(), progress=progress)
        if session is not None:
            return member_bulk.upsert_batch(session, branch_id, inputs, **kwargs)
        with self._db.sessions.begin() as s:
            return member_bulk.upsert_batch(s, branch_id, inputs, **kwargs)

    # -- status changes ---------------------------------------------------------------------
    def become_full(self, member_id: uuid.UUID, *, on: date, note: str = "",
                    today: date | None = None) -> list[Problem]:
        """Record the conversion to full membership (转正) on ``on``; returns the warnings."""
        with self._db.sessions.begin() as s:
            member = self._live(s, member_id)
            if member.member_type == "full":
                raise UserError(_("{name} is already a full member.").format(name=member.name))
            problems = [p for p in member_problems(
                birth_date=member.birth_date, joined_on=member.joined_on, full_member_on=on, member_type="full",
                today=today or date.today()) if p.field == "full_member_on"]
            if has_errors(problems):
                raise ValidationError(first_error_per_field(problems))
            member.full_member_on, member.member_type = on, "full"
            s.add(MemberEvent(member_id=member.id, kind="became_full", on=on, note=note))
            return problems

    def transfer_out(self, member_id: uuid.UUID, *, on: date, to_organisation: str, note: str = "") -> None:
        """The member's relationship leaves for ``to_organisation`` (转出); the record stays."""
        if not to_organisation.strip():
            raise ValidationError({"other_organisation": _("Enter the organisation the member moves to.")})
        self._leave(member_id, kind="transferred_out", on=on, other=to_organisation.strip(), note=note)

    def mark_deceased(self, member_id: uuid.UUID, *, on: date, note: str = "") -> None:
        self._leave(member_id, kind="deceased", on=on, other="", note=note)

    def remove(self, member_id: uuid.UUID, *, on: date, note: str = "") -> None:
        """Removal from the Party (出党: expelled, struck off, or left); the record stays."""
        self._leave(member_id, kind="removed", on=on, other="", note=note)

    def _leave(self, member_id: uuid.UUID, *, kind: str, on: date, other: str, note: str) -> None:
        with self._db.sessions.begin() as s:
            member = self._live(s, member_id)
            if member.status != "active":
                raise UserError(_("{name} has already left the branch.").format(name=member.name))
            if on < member.arrived_on:
                raise ValidationError({"on": _("The date {day} is before the member came to this branch ({arrived}).")
                                       .format(day=on.isoformat(), arrived=member.arrived_on.isoformat())})
            member.status, member.left_on = kind, on
            s.add(MemberEvent(member_id=member.id, kind=kind, on=on, other_organisation=other, note=note))

    def change_category(self, member_id: uuid.UUID, *, category: str, on: date, note: str = "") -> None:
        if category not in CATEGORIES:
            raise ValidationError({"category": _("Choose one of the listed categories.")})
        with self._db.sessions.begin() as s:
            member = self._live(s, member_id)
            if member.category != category:
                s.add(MemberEvent(member_id=member.id, kind="category_changed", on=on,
                                  note=note or category_change_note(member.category, category)))
                member.category = category

    def delete(self, member_id: uuid.UUID, *, reason: str) -> None:
        """Tombstone a record entered by mistake (not for members who leave: see transfer_out etc.).

        The reason is required and goes into the history; meetings, talks and every other record
        that names the member are kept as they are. :meth:`restore` undoes it.
        """
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the member is removed (e.g. entered twice, wrong "
                                               "person); the reason is kept in the history.")})
        with self._db.sessions.begin() as s:
            member = self._live(s, member_id)
            s.info["reason"] = reason.strip()
            member.deleted = True

    def restore(self, member_id: uuid.UUID, *, reason: str = "") -> None:
        """Bring back a member removed by mistake; refused when the ID number is in use again."""
        with self._db.sessions.begin() as s:
            member = s.get(Member, member_id)
            if member is None or not member.deleted:
                raise UserError(_("This member was not removed, so there is nothing to restore."))
            twin = s.scalars(select(Member).where(
                Member.branch_id == member.branch_id, Member.id_number == member.id_number,
                Member.deleted.is_(False), Member.id != member.id)).first()
            if twin is not None:
                raise UserError(_("{name} cannot be restored: the ID number {number} now belongs to {other} "
                                  "in the roster. Remove or correct that entry first.").format(
                    name=member.name, number=member.id_number, other=twin.name))
            s.info["reason"] = reason.strip()
            member.deleted = False

    def removed_by_mistake(self, branch_id: uuid.UUID) -> list[RemovedMember]:
        """Members removed with :meth:`delete`, newest first, with when and why."""
        with self._db.sessions() as s:
            return member_queries.removed_rows(s, branch_id)

    # -- queries ----------------------------------------------------------------------------
    def roster(self, branch_id: uuid.UUID | None = None, *, include_left: bool = False) -> list[MemberRow]:
        """The roster in one query: members in the branch now (with ``include_left``, also those who left)."""
        with self._db.sessions() as s:
            return member_queries.roster_rows(s, branch_id=branch_id, include_left=include_left)

    def members_on(self, branch_id: uuid.UUID, on: date) -> list[MemberRow]:
        """Who was in the branch on that day: arrived on or before it and not left before it."""
        with self._db.sessions() as s:
            return member_queries.rows_on(s, branch_id=branch_id, on=on)

    def get(self, member_id: uuid.UUID) -> MemberRow:
        with self._db.sessions() as s:
            row = member_queries.row_by_id(s, member_id)
        if row is None:
            raise UserError(_("This member no longer exists."))
        return row

    def find_by_id_number(self, id_number: str, *, branch_id: uuid.UUID | None = None) -> MemberRow | None:
        with self._db.sessions() as s:
            return member_queries.row_by_id_number(s, normalise_id_number(id_number), branch_id=branch_id)

    def detail(self, member_id: uuid.UUID) -> MemberDetail:
        """The member with the status history and every write of the record from the audit trail."""
        with self._db.sessions() as s:
            row = member_queries.row_by_id(s, member_id)
            if row is None:
                raise UserError(_("This member no longer exists."))
            events = tuple(MemberEventRow(e.id, e.kind, e.on, e.other_organisation, e.note) for e in s.scalars(
                select(MemberEvent).where(MemberEvent.member_id == member_id, MemberEvent.deleted.is_(False))
                .order_by(MemberEvent.on, MemberEvent.change_seq)))
            history = tuple(history_of(s, book("members"), member_id))
        return MemberDetail(row=row, events=events, history=history)

    def full_member_count(self, branch_id: uuid.UUID, *, on: date | None = None) -> int:
        on = on or date.today()
        with self._db.sessions() as s:
            return s.scalar(select(func.count()).select_from(Member).where(
                Member.branch_id == branch_id, Member.deleted.is_(False), Member.full_member_on <= on,
                Member.arrived_on <= on, (Member.left_on.is_(None)) | (Member.left_on >= on))) or 0

    @staticmethod
    def _live(s: Session, member_id: uuid.UUID) -> Member:
        return live(s, Member, member_id, N_("This member no longer exists."))


__all__ = ["MemberService", "MemberInput", "MemberRow", "MemberDetail"]
