"""Committee terms (届) and seats, with the committee and term rules of DESIGN §2."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import CommitteeMember, CommitteeTerm, Member, Organisation
from dj_desktop.core.vocabularies.organisation import COMMITTEE_ROLES
from dj_desktop.core.rules.committee import committee_problems, seat_refusal, term_end, term_problems
from dj_desktop.core.rules.membership import branch_size_problems
from dj_desktop.core.rules.problems import Problem, WARNING, first_error_per_field
from dj_desktop.core.services.live import live
from dj_desktop.core.services.organisation_records import Seat, SeatResult, Term


class CommitteeTermsMixin:
    """Mixed into OrganisationService; expects ``self._db``."""

    def start_term(self, organisation_id: uuid.UUID, *, elected_on: date, ends_on: date | None = None,
                   notes: str = "") -> Term:
        """Record an election. The term ends after the rule's years unless ``ends_on`` is given;
        a running term ends the day before, with its open seats."""
        with self._db.sessions.begin() as s:
            org = _live_org(s, organisation_id)
            ends_on = ends_on or term_end(elected_on, kind=org.kind, setting=org.setting)
            if ends_on <= elected_on:
                raise ValidationError({"ends_on": _("The term must end after the election day.")})
            for previous in s.scalars(select(CommitteeTerm).where(
                    CommitteeTerm.organisation_id == organisation_id, CommitteeTerm.deleted.is_(False),
                    CommitteeTerm.elected_on <= elected_on, CommitteeTerm.ends_on >= elected_on)):
                if previous.elected_on == elected_on:
                    raise UserError(_("A term elected on {day} is already recorded.").format(day=elected_on.isoformat()))
                previous.ends_on = elected_on - timedelta(days=1)
                for seat in s.scalars(select(CommitteeMember).where(
                        CommitteeMember.term_id == previous.id, CommitteeMember.ended_on.is_(None),
                        CommitteeMember.deleted.is_(False))):
                    seat.ended_on = previous.ends_on
            term = CommitteeTerm(organisation_id=organisation_id, elected_on=elected_on, ends_on=ends_on, notes=notes)
            s.add(term)
            s.flush()
            return _term(s, term)

    def terms(self, organisation_id: uuid.UUID) -> list[Term]:
        """All terms, the newest first."""
        with self._db.sessions() as s:
            return [_term(s, t) for t in s.scalars(select(CommitteeTerm).where(
                CommitteeTerm.organisation_id == organisation_id, CommitteeTerm.deleted.is_(False))
                .order_by(CommitteeTerm.elected_on.desc()))]

    def current_term(self, organisation_id: uuid.UUID, *, on: date | None = None) -> Term | None:
        """The latest term elected on or before ``on`` (it may have run out: see :meth:`committee_check`)."""
        on = on or date.today()
        return next((t for t in self.terms(organisation_id) if t.elected_on <= on), None)

    def add_seat(self, term_id: uuid.UUID, *, member_id: uuid.UUID, role: str,
                 started_on: date | None = None) -> SeatResult:
        """Give a member a role in a term; rule errors refuse it, warnings come back with the seat."""
        if role not in COMMITTEE_ROLES:
            raise ValidationError({"role": _("Choose one of the listed roles.")})
        with self._db.sessions.begin() as s:
            term = s.get(CommitteeTerm, term_id)
            if term is None or term.deleted:
                raise UserError(_("This term no longer exists."))
            org = _live_org(s, term.organisation_id)
            member = s.get(Member, member_id)
            if member is None or member.deleted or member.status != "active":
                raise ValidationError({"member_id": _("Choose a member who is in the branch now.")})
            if not _belongs(s, member, org):
                raise ValidationError({"member_id": _("{name} is not a member of {org}.")
                                       .format(name=member.name, org=org.name)})
            started_on = started_on or term.elected_on
            held = _open_seats(s, term.id, on=started_on)
            if any(seat.member_id == member_id and seat.role == role for seat in held):
                raise UserError(_("{name} already holds this role.").format(name=member.name))
            full = _full_members(s, org, on=started_on)
            pairs = [(seat.member_id, seat.role) for seat in held]
            errors = seat_refusal(kind=org.kind, full_members=full, roles=pairs, new_role=role)
            if errors:
                raise ValidationError(first_error_per_field(errors))
            seat = CommitteeMember(term_id=term.id, member_id=member_id, role=role, started_on=started_on)
            s.add(seat)
            s.flush()
            warnings = tuple(p for p in committee_problems(kind=org.kind, full_members=full,
                                                           roles=[*pairs, (member_id, role)]) if p.severity == WARNING)
            return SeatResult(Seat(seat.id, member_id, member.name, role, started_on, None), warnings)

    def end_seat(self, seat_id: uuid.UUID, *, on: date) -> None:
        """The member steps down from the role on ``on`` (the seat record stays)."""
        with self._db.sessions.begin() as s:
            seat = s.get(CommitteeMember, seat_id)
            if seat is None or seat.deleted:
                raise UserError(_("This seat no longer exists."))
            if on < seat.started_on:
                raise ValidationError({"ended_on": _("The end date is before the start of the role.")})
            seat.ended_on = on

    def committee_check(self, organisation_id: uuid.UUID, *, today: date | None = None) -> list[Problem]:
        """Warnings and errors about the organisation's size, committee and term on ``today``."""
        today = today or date.today()
        term = self.current_term(organisation_id, on=today)
        with self._db.sessions() as s:
            org = _live_org(s, organisation_id)
            full = _full_members(s, org, on=today)
            problems: list[Problem] = []
            if org.kind == "branch":
                members = s.scalar(select(func.count()).select_from(Member).where(
                    Member.branch_id == org.id, Member.deleted.is_(False), Member.status == "active")) or 0
                problems += branch_size_problems(full_members=full, members=members)
        if org.kind != "group":
            problems += term_problems(term.ends_on if term else None, today=today)
        if term is not None:
            pairs = [(seat.member_id, seat.role) for seat in term.current_seats(today)]
            problems += committee_problems(kind=org.kind, full_members=full, roles=pairs)
        return problems


def _live_org(s: Session, org_id: uuid.UUID) -> Organisation:
    return live(s, Organisation, org_id, N_("This organisation no longer exists."))


def _term(s: Session, term: CommitteeTerm) -> Term:
    rows = s.execute(select(CommitteeMember, Member.name).join(Member, Member.id == CommitteeMember.member_id)
                     .where(CommitteeMember.term_id == term.id, CommitteeMember.deleted.is_(False))
                     .order_by(CommitteeMember.started_on, CommitteeMember.change_seq)).all()
    seats = tuple(Seat(c.id, c.member_id, name, c.role, c.started_on, c.ended_on) for c, name in rows)
    return Term(term.id, term.organisation_id, term.elected_on, term.ends_on, term.notes, seats)


def _open_seats(s: Session, term_id: uuid.UUID, *, on: date) -> list[CommitteeMember]:
    return list(s.scalars(select(CommitteeMember).where(
        CommitteeMember.term_id == term_id, CommitteeMember.deleted.is_(False),
        or_(CommitteeMember.ended_on.is_(None), CommitteeMember.ended_on >= on))))


def _branch_ids(s: Session, org: Organisation) -> list[uuid.UUID]:
    """The branches at or under ``org`` (a group counts its own branch)."""
    if org.kind == "branch":
        return [org.id]
    if org.kind == "group":
        return [org.parent_id]
    found, frontier = [], [org.id]
    while frontier:
        children = s.execute(select(Organisation.id, Organisation.kind).where(
            Organisation.parent_id.in_(frontier), Organisation.deleted.is_(False))).all()
        found += [cid for cid, kind in children if kind == "branch"]
        frontier = [cid for cid, kind in children if kind != "group"]
    return found


def _belongs(s: Session, member: Member, org: Organisation) -> bool:
    if org.kind == "group":
        return member.group_id == org.id
    return member.branch_id in _branch_ids(s, org)


def _full_members(s: Session, org: Organisation, *, on: date) -> int:
    return s.scalar(select(func.count()).select_from(Member).where(
        Member.branch_id.in_(_branch_ids(s, org)), Member.deleted.is_(False), Member.full_member_on <= on,
        Member.arrived_on <= on, or_(Member.left_on.is_(None), Member.left_on >= on))) or 0
