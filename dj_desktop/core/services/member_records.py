"""Plain frozen values the member service takes and returns (no ORM objects leave it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from dj_desktop.core.books.records import HistoryEntry
from dj_desktop.core.rules.problems import Problem


@dataclass(frozen=True)
class MemberInput:
    """Every roster field a user (or an Excel row) can enter for one member.

    ``gender`` and ``birth_date`` may be left empty ("" / None): they are taken from the
    ID number. ``member_type`` None means "derive it": full when ``full_member_on`` is set.
    ``arrived_on`` None means "since joining" (the joining date). ``group_id`` and
    ``building_id`` refer to the branch's groups and buildings (see OrganisationService).
    """

    name: str
    id_number: str
    joined_on: date | None
    gender: str = ""
    birth_date: date | None = None
    full_member_on: date | None = None
    member_type: str | None = None
    ethnicity: str = "汉族"
    native_place: str = ""
    education: str = ""
    work_unit: str = ""
    post: str = ""
    phone: str = ""
    address: str = ""
    group_id: uuid.UUID | None = None
    building_id: uuid.UUID | None = None
    category: str = "employed"
    management: str = "self"
    arrived_on: date | None = None
    notes: str = ""


#: Fields of :class:`MemberInput`, in roster order (the Excel template follows it too).
MEMBER_INPUT_FIELDS: tuple[str, ...] = tuple(MemberInput.__dataclass_fields__)


class MemberRow(NamedTuple):
    """One line of the roster (花名册), with the names of its group and building resolved.

    An immutable named tuple rather than a dataclass: a roster of 10,000 members is built
    from query rows without a per-field ``__init__``.
    """

    id: uuid.UUID
    branch_id: uuid.UUID
    name: str
    gender: str
    ethnicity: str
    birth_date: date
    id_number: str
    native_place: str
    education: str
    work_unit: str
    post: str
    phone: str
    address: str
    group_id: uuid.UUID | None
    group_name: str
    building_id: uuid.UUID | None
    building_name: str
    joined_on: date
    full_member_on: date | None
    member_type: str
    category: str
    management: str
    status: str
    arrived_on: date
    left_on: date | None
    notes: str

    def is_full_on(self, on: date) -> bool:
        """Full member on that day (probationary members have no vote)."""
        return self.full_member_on is not None and self.full_member_on <= on

    def to_input(self) -> MemberInput:
        """The editable fields, e.g. to prefill an edit dialog."""
        return MemberInput(**{name: getattr(self, name) for name in MEMBER_INPUT_FIELDS})


@dataclass(frozen=True)
class MemberEventRow:
    """One status-history entry (joined, became full member, transferred, …)."""

    id: uuid.UUID
    kind: str
    on: date
    other_organisation: str
    note: str


@dataclass(frozen=True)
class MemberDetail:
    row: MemberRow
    events: tuple[MemberEventRow, ...]
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class UpsertResult:
    """What a bulk add-or-update did; ``member_ids`` follows the order of the inputs."""

    added: int
    updated: int
    unchanged: int
    member_ids: tuple[uuid.UUID, ...] = field(default=())


@dataclass(frozen=True)
class RowProblems:
    """Problems of one input of a batch; ``index`` is its position in the list passed in."""

    index: int
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class RemovedMember:
    """A member record removed as entered by mistake (a tombstone that can be restored)."""

    id: uuid.UUID
    name: str
    id_number: str
    removed_at: datetime
    reason: str
