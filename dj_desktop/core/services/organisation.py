"""OrganisationService (``services.organisation``): the first branch, the tree of units and its groups.

Committee terms and seats live in :mod:`.committee_terms`, the grid in :mod:`.grid`;
this class gathers them so callers use one service.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError, ValidationError
from dj_desktop.core.i18n import N_, _
from dj_desktop.core.models import Member, Organisation
from dj_desktop.core.vocabularies.organisation import ALLOWED_PARENTS, ORG_KINDS, SETTINGS_KINDS
from dj_desktop.core.rules.dates import normalise_text
from dj_desktop.core.services.committee_terms import CommitteeTermsMixin
from dj_desktop.core.services.grid import GridMixin
from dj_desktop.core.services.live import live
from dj_desktop.core.services.organisation_records import OrgNode, OrgUnit
from dj_desktop.core.rules.records_start import check_records_start

_NAME_LIMIT = 120


def to_unit(o: Organisation) -> OrgUnit:
    return OrgUnit(o.id, o.name, o.kind, o.parent_id, o.setting, o.founded_on, o.is_joint, o.unit_count,
                   o.sort_order, o.notes, records_start=o.records_start)


class OrganisationService(CommitteeTermsMixin, GridMixin):
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- set-up -----------------------------------------------------------------------------
    def has_branch(self) -> bool:
        from dj_desktop.core.services.office_identity import has_branch
        return has_branch(self._db)

    def create_first_branch(self, name: str, *, setting: str = "community", founded_on: date | None = None,
                            parent_name: str = "", parent_kind: str = "committee") -> OrgUnit:
        """What the first-run wizard and ``dj-desktop init`` do: one branch, optionally under
        its upper organisation (e.g. a 街道党工委). Refused when a branch already exists."""
        if self.has_branch():
            raise UserError(_("This database already has a Party branch; the first-run set-up is done."))
        self._check_name(name)   # before anything is written
        parent_id = None
        if normalise_text(parent_name):
            parent_id = self.add_unit(parent_name, kind=parent_kind, parent_id=None, setting=setting).id
        return self.add_unit(name, kind="branch", parent_id=parent_id, setting=setting, founded_on=founded_on)

    # -- the tree ---------------------------------------------------------------------------
    def add_unit(self, name: str, *, kind: str, parent_id: uuid.UUID | None, setting: str | None = None,
                 founded_on: date | None = None, is_joint: bool = False, unit_count: int = 1,
                 notes: str = "", records_start: date | None = None, today: date | None = None) -> OrgUnit:
        """Add a committee, general branch, branch or Party group under ``parent_id``. A branch's
        record-keeping start date (台账起始日期) is ``records_start``, by default today."""
        name = self._check_name(name)
        if kind == "branch":
            today = today or date.today()
            records_start = check_records_start(records_start or today, founded_on=founded_on, today=today)
        else:
            records_start = None
        if kind not in ORG_KINDS:
            raise ValidationError({"kind": _("Unknown kind of organisation.")})
        if setting is not None and setting not in SETTINGS_KINDS:
            raise ValidationError({"setting": _("Choose where the organisation is (village, community, …).")})
        if is_joint and not 1 <= unit_count <= 5:
            raise ValidationError({"unit_count": _("A joint branch covers at most 5 units.")})
        with self._db.sessions.begin() as s:
            parent = self._check_parent(s, kind, parent_id)
            siblings = s.scalar(select(func.count()).select_from(Organisation).where(
                Organisation.parent_id == parent_id, Organisation.deleted.is_(False))) or 0
            unit = Organisation(name=name, kind=kind, parent_id=parent_id,
                                setting=setting or (parent.setting if parent else "community"),
                                founded_on=founded_on, is_joint=is_joint, unit_count=unit_count,
                                sort_order=siblings, notes=notes, records_start=records_start)
            s.add(unit)
            s.flush()
            return to_unit(unit)

    def rename_unit(self, unit_id: uuid.UUID, name: str) -> OrgUnit:
        name = self._check_name(name)
        with self._db.sessions.begin() as s:
            unit = self._live(s, unit_id)
            unit.name = name
            return to_unit(unit)

    def update_unit(self, unit_id: uuid.UUID, *, setting: str, founded_on: date | None, notes: str = "",
                    is_joint: bool = False, unit_count: int = 1, records_start: date | None = None,
                    today: date | None = None) -> OrgUnit:
        """Change a unit's details; ``records_start`` (branches) moves the record-keeping start date,
        None keeps it."""
        if setting not in SETTINGS_KINDS:
            raise ValidationError({"setting": _("Choose where the organisation is (village, community, …).")})
        if is_joint and not 1 <= unit_count <= 5:
            raise ValidationError({"unit_count": _("A joint branch covers at most 5 units.")})
        with self._db.sessions.begin() as s:
            unit = self._live(s, unit_id)
            unit.setting, unit.founded_on, unit.notes = setting, founded_on, notes
            unit.is_joint, unit.unit_count = is_joint, unit_count
            if records_start is not None and unit.kind == "branch":
                unit.records_start = check_records_start(records_start, founded_on=founded_on,
                                                         today=today or date.today())
            return to_unit(unit)

    def move_unit(self, unit_id: uuid.UUID, *, parent_id: uuid.UUID | None) -> OrgUnit:
        """Place a unit under another parent; refuses cycles and kinds that cannot sit there."""
        with self._db.sessions.begin() as s:
            unit = self._live(s, unit_id)
            self._check_parent(s, unit.kind, parent_id)
            ancestor = parent_id
            while ancestor is not None:
                if ancestor == unit_id:
                    raise UserError(_("A unit cannot be moved under itself or one of its own units."))
                ancestor = s.get(Organisation, ancestor).parent_id
            if unit.kind == "group" and unit.parent_id != parent_id:
                # A member's group must belong to the member's branch, so a group moves empty.
                if s.scalar(select(func.count()).select_from(Member).where(
                        Member.group_id == unit_id, Member.deleted.is_(False), Member.status == "active")):
                    raise UserError(_("Move the members of this group to other groups first."))
            unit.parent_id = parent_id
            return to_unit(unit)

    def remove_unit(self, unit_id: uuid.UUID, *, reason: str = "") -> None:
        """Tombstone a unit that has no units and no members under it."""
        with self._db.sessions.begin() as s:
            unit = self._live(s, unit_id)
            if s.scalar(select(func.count()).select_from(Organisation).where(
                    Organisation.parent_id == unit_id, Organisation.deleted.is_(False))):
                raise UserError(_("{name} still has units under it; move or remove them first.").format(name=unit.name))
            if s.scalar(select(func.count()).select_from(Member).where(
                    (Member.branch_id == unit_id) | (Member.group_id == unit_id), Member.deleted.is_(False),
                    Member.status == "active")):
                raise UserError(_("{name} still has members; move them first.").format(name=unit.name))
            s.info["reason"] = reason
            unit.deleted = True

    def units(self) -> list[OrgUnit]:
        with self._db.sessions() as s:
            return [to_unit(o) for o in s.scalars(select(Organisation).where(Organisation.deleted.is_(False))
                                                  .order_by(Organisation.sort_order, Organisation.name))]

    def tree(self) -> list[OrgNode]:
        """The whole tree, roots first, children in their display order."""
        units = self.units()
        by_parent: dict[uuid.UUID | None, list[OrgUnit]] = {}
        ids = {u.id for u in units}
        for u in units:
            by_parent.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)

        def build(parent: uuid.UUID | None) -> tuple[OrgNode, ...]:
            return tuple(OrgNode(u, build(u.id)) for u in by_parent.get(parent, []))
        return list(build(None))

    def get_unit(self, unit_id: uuid.UUID) -> OrgUnit:
        with self._db.sessions() as s:
            return to_unit(self._live(s, unit_id))

    def branches(self) -> list[OrgUnit]:
        return [u for u in self.units() if u.kind == "branch"]

    def first_branch(self) -> OrgUnit | None:
        """The branch this installation keeps (the first created), or None before set-up."""
        with self._db.sessions() as s:
            o = s.scalars(select(Organisation).where(Organisation.kind == "branch", Organisation.deleted.is_(False))
                          .order_by(Organisation.created_at, Organisation.change_seq).limit(1)).first()
            return to_unit(o) if o else None

    def groups(self, branch_id: uuid.UUID) -> list[OrgUnit]:
        with self._db.sessions() as s:
            return [to_unit(o) for o in s.scalars(select(Organisation).where(
                Organisation.parent_id == branch_id, Organisation.kind == "group", Organisation.deleted.is_(False))
                .order_by(Organisation.sort_order, Organisation.name))]

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _check_name(name: str) -> str:
        name = normalise_text(name, keep_inner_spaces=True)
        if not name:
            raise ValidationError({"name": _("Enter the name of the organisation.")})
        if len(name) > _NAME_LIMIT:
            raise ValidationError({"name": _("Too long: at most {limit} characters.").format(limit=_NAME_LIMIT)})
        return name

    def _check_parent(self, s: Session, kind: str, parent_id: uuid.UUID | None) -> Organisation | None:
        parent = self._live(s, parent_id) if parent_id is not None else None
        parent_kind = parent.kind if parent else None
        if parent_kind not in ALLOWED_PARENTS[kind]:
            if parent is None:
                raise ValidationError({"parent_id": _("A Party group must belong to a Party branch.")})
            raise ValidationError({"parent_id": _("A {kind} cannot be placed under a {parent}.").format(
                kind=_(ORG_KINDS[kind]), parent=_(ORG_KINDS[parent_kind]))})
        return parent

    @staticmethod
    def _live(s: Session, unit_id: uuid.UUID) -> Organisation:
        return live(s, Organisation, unit_id, N_("This organisation no longer exists."))
