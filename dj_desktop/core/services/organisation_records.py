"""Plain frozen values the organisation service returns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from dj_desktop.core.rules.problems import Problem


@dataclass(frozen=True)
class OrgUnit:
    """A node of the organisation tree: committee, general branch, branch or Party group."""

    id: uuid.UUID
    name: str
    kind: str
    parent_id: uuid.UUID | None
    setting: str
    founded_on: date | None
    is_joint: bool
    unit_count: int
    sort_order: int
    notes: str
    #: 台账起始日期 (branches only): reminders never reach before it; None means no limit.
    records_start: date | None = None


@dataclass(frozen=True)
class OrgNode:
    unit: OrgUnit
    children: tuple[OrgNode, ...]


@dataclass(frozen=True)
class Seat:
    """A member holding a role in a term; ``ended_on`` set when they stepped down early."""

    id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    role: str
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class Term:
    """One elected term (届) of an organisation's committee (or secretary, or group leader)."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    elected_on: date
    ends_on: date
    notes: str
    seats: tuple[Seat, ...]

    def current_seats(self, on: date) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.started_on <= on and (s.ended_on is None or s.ended_on >= on))


@dataclass(frozen=True)
class SeatResult:
    """A seat that was added, with the rule warnings it raised (errors refuse instead)."""

    seat: Seat
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildingRow:
    id: uuid.UUID
    area_id: uuid.UUID
    name: str
    group_id: uuid.UUID | None
    group_name: str


@dataclass(frozen=True)
class GridAreaRow:
    id: uuid.UUID
    organisation_id: uuid.UUID
    name: str
    buildings: tuple[BuildingRow, ...]
