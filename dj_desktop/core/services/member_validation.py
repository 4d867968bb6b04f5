"""Checking a :class:`MemberInput` against the rules and the branch, and turning it into column values.

:class:`BranchContext` loads what validation needs about a branch once (its groups,
buildings and the ID numbers already on record), so a batch of 10,000 inputs
costs a handful of queries, not one per row.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from dj_desktop.core.i18n import _
from dj_desktop.core.models import Building, GridArea, Member, Organisation
from dj_desktop.core.vocabularies.member import CATEGORIES, GENDERS, MANAGEMENT, MEMBER_TYPES, STATUSES
from dj_desktop.core.rules.dates import normalise_text
from dj_desktop.core.rules.id_number import normalise_id_number, parse_id_number, validate_id_number
from dj_desktop.core.rules.membership import member_problems, member_type_for
from dj_desktop.core.rules.problems import ERROR, Problem
from dj_desktop.core.services.member_records import MemberInput

_PHONE = re.compile(r"^[0-9+\-() /]*$")
_LENGTHS = {c.name: c.type.length for c in Member.__table__.columns
            if getattr(c.type, "length", None) and c.name not in ("origin", "modified_by")}
_TEXT_FIELDS = ("ethnicity", "native_place", "education", "work_unit", "post", "address", "notes")


@dataclass(frozen=True)
class Holder:
    """A member already on record with some ID number."""

    member_id: uuid.UUID
    branch_id: uuid.UUID
    name: str
    status: str


@dataclass
class BranchContext:
    branch_id: uuid.UUID
    group_ids: set[uuid.UUID]
    building_ids: set[uuid.UUID]
    holders: dict[str, list[Holder]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, branch_id: uuid.UUID, *, id_numbers: Iterable[str]) -> BranchContext:
        if session.get(Organisation, branch_id) is None:
            from dj_desktop.core.errors import UserError
            raise UserError(_("The branch does not exist (it may have been removed)."))
        groups = set(session.scalars(select(Organisation.id).where(
            Organisation.parent_id == branch_id, Organisation.kind == "group", Organisation.deleted.is_(False))))
        buildings = set(session.scalars(
            select(Building.id).join(GridArea, GridArea.id == Building.area_id)
            .where(GridArea.organisation_id == branch_id, Building.deleted.is_(False), GridArea.deleted.is_(False))))
        ctx = cls(branch_id, groups, buildings)
        numbers = sorted({n for n in id_numbers if n})
        for start in range(0, len(numbers), 500):
            chunk = numbers[start:start + 500]
            for mid, bid, name, status, number in session.execute(
                select(Member.id, Member.branch_id, Member.name, Member.status, Member.id_number)
                .where(Member.id_number.in_(chunk), Member.deleted.is_(False))
            ):
                ctx.holders.setdefault(number, []).append(Holder(mid, bid, name, status))
        return ctx

    def same_branch_holder(self, number: str) -> Holder | None:
        """The member of this branch with this number (whom an import updates), if any."""
        return next((h for h in self.holders.get(number, ()) if h.branch_id == self.branch_id), None)

    def conflict(self, number: str, *, member_id: uuid.UUID | None) -> Holder | None:
        """Another member who already uses the number: anyone in this branch, or an active member elsewhere."""
        for h in self.holders.get(number, ()):
            if h.member_id != member_id and (h.branch_id == self.branch_id or h.status == "active"):
                return h
        return None


def clean_input(data: MemberInput) -> MemberInput:
    """Normalised text: half-width digits, no stray spaces, upper-case X in the ID number."""
    values: dict[str, Any] = {
        "name": normalise_text(data.name),
        "id_number": normalise_id_number(data.id_number),
        "phone": normalise_text(data.phone),
        "gender": normalise_text(data.gender),
    }
    for name in _TEXT_FIELDS:
        values[name] = normalise_text(getattr(data, name), keep_inner_spaces=True)
    return replace(data, **values)


def input_problems(data: MemberInput, ctx: BranchContext, *, today: date,
                   member_id: uuid.UUID | None = None) -> list[Problem]:
    """All problems of one (cleaned) input; errors refuse it, warnings let it through."""
    problems: list[Problem] = []
    if not data.name:
        problems.append(Problem("name", _("Enter the member's name.")))
    if data.gender and data.gender not in GENDERS:
        problems.append(Problem("gender", _("Choose the gender: male or female.")))
    problems += validate_id_number(data.id_number, birth_date=data.birth_date, gender=data.gender or None)
    birth = data.birth_date or _derived_birth(data.id_number)
    if birth is None and not any(p.field == "id_number" for p in problems):
        problems.append(Problem("birth_date", _("Enter the birth date.")))
    if data.member_type is not None and data.member_type not in MEMBER_TYPES:
        problems.append(Problem("member_type", _("Choose the member type: full or probationary.")))
    if data.category not in CATEGORIES:
        problems.append(Problem("category", _("Choose one of the listed categories.")))
    if data.management not in MANAGEMENT:
        problems.append(Problem("management", _("Choose self-managed or co-managed.")))
    if data.phone and not _PHONE.match(data.phone):
        problems.append(Problem("phone", _("The phone number {phone} may hold only digits, +, - and brackets.")
                                .format(phone=data.phone)))
    if data.group_id is not None and data.group_id not in ctx.group_ids:
        problems.append(Problem("group_id", _("The chosen Party group does not belong to this branch.")))
    if data.building_id is not None and data.building_id not in ctx.building_ids:
        problems.append(Problem("building_id", _("The chosen building is not in this branch's grid.")))
    for name, limit in _LENGTHS.items():
        value = getattr(data, name, None)
        if isinstance(value, str) and len(value) > limit:
            problems.append(Problem(name, _("Too long: at most {limit} characters.").format(limit=limit)))
    problems += member_problems(birth_date=birth, joined_on=data.joined_on, full_member_on=data.full_member_on,
                                member_type=data.member_type, arrived_on=data.arrived_on, today=today)
    holder = ctx.conflict(data.id_number, member_id=member_id) if data.id_number else None
    if holder is not None:
        problems.append(Problem("id_number", _(
            "The ID number {number} is already used by {name} ({status}); a member can be entered only once.")
            .format(number=data.id_number, name=holder.name, status=_(STATUSES.get(holder.status, holder.status)))))
    return problems


def duplicate_problems(inputs: Sequence[MemberInput], *, row_numbers: Sequence[int]) -> dict[int, Problem]:
    """``{index: problem}`` for every input whose ID number an earlier input of the batch already has."""
    first: dict[str, int] = {}
    out: dict[int, Problem] = {}
    for index, data in enumerate(inputs):
        if not data.id_number:
            continue
        if data.id_number in first:
            out[index] = Problem("id_number", _("The ID number {number} is also on row {row}; each member may "
                                                "appear only once.").format(number=data.id_number,
                                                                            row=row_numbers[first[data.id_number]]))
        else:
            first[data.id_number] = index
    return out


def _derived_birth(number: str) -> date | None:
    try:
        return parse_id_number(number).birth_date
    except ValueError:
        return None


def column_values(data: MemberInput) -> dict[str, Any]:
    """Member column values of a valid, cleaned input, with derived gender, birth date and type."""
    info = parse_id_number(data.id_number)
    values = {name: getattr(data, name) for name in (
        "name", "id_number", "ethnicity", "native_place", "education", "work_unit", "post", "phone",
        "address", "group_id", "building_id", "joined_on", "full_member_on", "category", "management", "notes")}
    values["gender"] = data.gender or info.gender
    values["birth_date"] = data.birth_date or info.birth_date
    values["member_type"] = data.member_type or member_type_for(data.full_member_on)
    values["arrived_on"] = data.arrived_on or data.joined_on
    values["ethnicity"] = values["ethnicity"] or "汉族"
    return values


__all__ = ["BranchContext", "ERROR", "clean_input", "column_values", "duplicate_problems", "input_problems"]
