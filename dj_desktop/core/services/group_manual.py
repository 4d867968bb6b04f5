"""GroupManualService: one Party group's manual (党小组手册) for a year, read from what the branch
already keeps — leader seats, the roster and its history, the grid, the branch manual's group
meetings — and the group's own books (study, duty areas, posts, co-managed members' cards)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import extract, or_, select

from dj_desktop.core.books.group_membership import group_stays, in_group_on
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.group_printouts import AssignmentLine, GroupManual, MemberLine, OfficerLine, StudyLine
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Building, CommitteeMember, CommitteeTerm, GridArea, Meeting, Member, Organisation
from dj_desktop.core.models.group_manual import CoManagedCard, DutyArea, GroupPost, GroupStudy
from dj_desktop.core.progress import Progress
from dj_desktop.core.rules.committee import term_end
from dj_desktop.core.rules.texts import date_text
from dj_desktop.core.services.attachments import files_dir_for
from dj_desktop.core.services.group_cards import card_sheets
from dj_desktop.core.services.live import live
from dj_desktop.core.services.meeting_details import meeting_details
from dj_desktop.core.services.organisation import to_unit
from dj_desktop.core.services.organisation_records import OrgUnit
from dj_desktop.core.services.printed_sheets import meeting_sheet
from dj_desktop.core.vocabularies import label
from dj_desktop.core.vocabularies.group_manual import GROUP_ROLES


class GroupManualService:
    def __init__(self, db: Database, files_dir: Path | None = None):
        self._db = db
        self._files_dir = files_dir or files_dir_for(db)

    # --- groups -----------------------------------------------------------------------------
    def groups(self, branch_id: uuid.UUID | None = None) -> list[OrgUnit]:
        """The live Party groups (of one branch, or of every branch), in their order."""
        with self._db.sessions() as s:
            stmt = select(Organisation).where(Organisation.kind == "group", Organisation.deleted.is_(False))
            if branch_id is not None:
                stmt = stmt.where(Organisation.parent_id == branch_id)
            return [to_unit(o) for o in s.scalars(stmt.order_by(Organisation.sort_order, Organisation.name))]

    def find_group(self, name_or_id: str, *, branch: str | None = None) -> OrgUnit:
        """The group with this name (or id), in the branch named ``branch`` (name or id) when given;
        an unknown name lists the known ones."""
        wanted = str(name_or_id).strip()
        groups = self.groups()
        if branch:
            with self._db.sessions() as s:
                names = dict(s.execute(select(Organisation.id, Organisation.name).where(
                    Organisation.kind == "branch", Organisation.deleted.is_(False))).all())
            groups = [g for g in groups if branch.strip() in (names.get(g.parent_id), str(g.parent_id))]
        found = [g for g in groups if g.name == wanted or str(g.id) == wanted]
        if len(found) == 1:
            return found[0]
        known = "、".join(g.name for g in groups) or _("(none)")
        if found:
            raise UserError(_("Several Party groups are called {name}; give the group's id instead.").format(
                name=wanted))
        raise UserError(_("There is no Party group called {name}. Known groups: {known}.").format(
            name=wanted, known=known))

    def book(self, group: str, *, year: int, branch: str | None = None, today: date | None = None,
             progress: Progress | None = None) -> GroupManual:
        """The manual of the group named ``group`` for ``year``, as the command line asks for it."""
        today = today or date.today()
        if year > today.year:
            raise UserError(_("The year {year} has not started yet; choose this year or an earlier one.").format(
                year=year))
        return self.manual(self.find_group(group, branch=branch).id, year=year, progress=progress)

    # --- leader and deputy ------------------------------------------------------------------
    def appoint(self, group_id: uuid.UUID, *, member_id: uuid.UUID | None, role: str, started_on: date,
                today: date | None = None) -> OfficerLine:
        """Make a member of the group its leader or deputy from ``started_on``; whoever held the
        role before steps down the day before. Only a full member of the group may lead it."""
        today = today or date.today()
        problems: dict[str, str] = {}
        if role not in GROUP_ROLES:
            problems["role"] = _("Choose group leader or deputy group leader.")
        if started_on > today:
            problems["started_on"] = _("The date {day} is in the future; record it after it happened.").format(
                day=date_text(started_on))
        with self._db.sessions.begin() as s:
            group = live(s, Organisation, group_id, N_("This Party group no longer exists."))
            member = s.get(Member, member_id) if member_id is not None else None
            if member is None or member.deleted:
                problems["member_id"] = _("Choose the member.")
            elif not in_group_on(s, member.id, group.id, started_on):
                problems["member_id"] = _("{name} was not a member of the Party group {group} on {day}.").format(
                    name=member.name, group=group.name, day=date_text(started_on))
            elif member.full_member_on is None or member.full_member_on > started_on:
                problems["member_id"] = _("{name} was not a full member on {day}; a probationary member cannot "
                                          "lead a Party group.").format(name=member.name, day=date_text(started_on))
            if problems:
                raise ValidationError(problems)
            seats = s.scalars(select(CommitteeMember).join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
                              .where(CommitteeTerm.organisation_id == group.id, CommitteeTerm.deleted.is_(False),
                                     CommitteeMember.deleted.is_(False), CommitteeMember.role == role,
                                     or_(CommitteeMember.ended_on.is_(None),
                                         CommitteeMember.ended_on >= started_on))).all()
            for seat in seats:
                if seat.started_on >= started_on:
                    raise ValidationError({"started_on": _(
                        "The role is already held from {day}; choose a later start date.").format(
                        day=date_text(seat.started_on))})
            for seat in seats:
                seat.ended_on = started_on - timedelta(days=1)
            term = s.scalars(select(CommitteeTerm).where(
                CommitteeTerm.organisation_id == group.id, CommitteeTerm.deleted.is_(False),
                CommitteeTerm.elected_on <= started_on).order_by(CommitteeTerm.elected_on.desc())).first()
            if term is None:
                term = CommitteeTerm(organisation_id=group.id, elected_on=started_on,
                                     ends_on=term_end(started_on, kind="group", setting=group.setting), notes="")
                s.add(term)
                s.flush()
            seat = CommitteeMember(term_id=term.id, member_id=member.id, role=role, started_on=started_on)
            s.add(seat)
            s.flush()
            return OfficerLine(seat.id, member.id, member.name, role, label(GROUP_ROLES, role), started_on)

    def step_down(self, seat_id: uuid.UUID, *, on: date) -> None:
        """The leader or deputy steps down on ``on`` (the seat stays in the record)."""
        with self._db.sessions.begin() as s:
            seat = live(s, CommitteeMember, seat_id, N_("This seat no longer exists."))
            if on < seat.started_on:
                raise ValidationError({"ended_on": _("The end date {end} is before the start date {start}; swap or "
                                                     "correct them.").format(end=date_text(on),
                                                                             start=date_text(seat.started_on))})
            seat.ended_on = on

    # --- the manual -------------------------------------------------------------------------
    def manual(self, group_id: uuid.UUID, *, year: int, progress: Progress | None = None) -> GroupManual:
        """Everything the group's manual holds for ``year`` (every section, even when empty)."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        with self._db.sessions.begin() as s:
            group = live(s, Organisation, group_id, N_("This Party group no longer exists."))
            branch = s.get(Organisation, group.parent_id)
            names = dict(s.execute(select(Member.id, Member.name).where(Member.branch_id == group.parent_id))
                         .all())
            cards = list(s.scalars(select(CoManagedCard).where(
                CoManagedCard.group_id == group.id, CoManagedCard.deleted.is_(False),
                CoManagedCard.on <= last).order_by(CoManagedCard.on, CoManagedCard.change_seq)))
            home = {}
            for c in cards:
                if c.home_unit:
                    home[c.member_id] = c.home_unit
            members = tuple(MemberLine(x.member_id, x.name, x.start, x.end, x.management == "co",
                                       home.get(x.member_id, x.work_unit) if x.management == "co" else "")
                            for x in group_stays(s, group.parent_id, group.id) if x.overlaps(first, last))
            meetings = list(s.scalars(select(Meeting).where(
                Meeting.group_id == group.id, Meeting.kind == "group_meeting", Meeting.deleted.is_(False),
                extract("year", Meeting.held_on) == year).order_by(Meeting.held_on, Meeting.starts_at)))
            details = meeting_details(s, self._files_dir, meetings)
            return GroupManual(
                year=year, branch=branch.name if branch else "", group_id=group.id, group=group.name,
                officers=self._officers(s, group.id, names), members=members,
                buildings=tuple(f"{area} {building}" for area, building in s.execute(
                    select(GridArea.name, Building.name).join(GridArea, GridArea.id == Building.area_id)
                    .where(Building.group_id == group.id, Building.deleted.is_(False))
                    .order_by(GridArea.name, Building.name))),
                meetings=tuple(meeting_sheet(d) for d in details), meeting_ids=tuple(m.id for m in meetings),
                studies=tuple(StudyLine(r.id, r.held_on, r.topic, names.get(r.leader_id, ""), r.hours or 0.0,
                                        r.attendees or 0, r.place, r.notes)
                              for r in s.scalars(select(GroupStudy).where(
                                  GroupStudy.group_id == group.id, GroupStudy.deleted.is_(False),
                                  extract("year", GroupStudy.held_on) == year).order_by(GroupStudy.held_on))),
                duty_areas=tuple(AssignmentLine(r.id, r.name, names.get(r.member_id, ""), r.started_on, r.ended_on,
                                                r.scope, r.duties)
                                 for r in self._assignments(s, DutyArea, group.id, first, last)),
                posts=tuple(AssignmentLine(r.id, r.post, names.get(r.member_id, ""), r.started_on, r.ended_on,
                                           r.duties, r.duties)
                            for r in self._assignments(s, GroupPost, group.id, first, last)),
                cards=tuple(card_sheets(s, _year_cards(cards, first))))

    @staticmethod
    def _officers(s, group_id: uuid.UUID, names) -> tuple[OfficerLine, ...]:
        rows = s.scalars(select(CommitteeMember).join(CommitteeTerm, CommitteeTerm.id == CommitteeMember.term_id)
                         .where(CommitteeTerm.organisation_id == group_id, CommitteeTerm.deleted.is_(False),
                                CommitteeMember.deleted.is_(False), CommitteeMember.role.in_(list(GROUP_ROLES)))
                         .order_by(CommitteeMember.started_on, CommitteeMember.change_seq))
        order = list(GROUP_ROLES)       # the leaders first, then the deputies, each in time order
        return tuple(OfficerLine(c.id, c.member_id, names.get(c.member_id, ""), c.role, label(GROUP_ROLES, c.role),
                                 c.started_on, c.ended_on) for c in sorted(rows, key=lambda c: order.index(c.role)))

    @staticmethod
    def _assignments(s, model, group_id: uuid.UUID, first: date, last: date):
        """Duty areas or posts held at some time in the year, in order of their start."""
        return s.scalars(select(model).where(
            model.group_id == group_id, model.deleted.is_(False), model.started_on <= last,
            or_(model.ended_on.is_(None), model.ended_on >= first)).order_by(model.started_on))


def _year_cards(cards: list[CoManagedCard], first: date) -> list[CoManagedCard]:
    """The year's cards, led by each member's latest registration card from before the year (a member
    registers once and stays registered)."""
    registered: dict[uuid.UUID, CoManagedCard] = {}
    for c in cards:
        if c.card == "registration" and c.on < first:
            registered[c.member_id] = c
    return list(registered.values()) + [c for c in cards if c.on >= first]
