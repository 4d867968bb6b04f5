"""Plain data of the Party-group manual (党小组手册): what the tab shows and the yearly book prints.

Values are already translated; no ORM, no Qt, no reportlab (like ``core/printouts.py``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from dj_desktop.core.printouts import MeetingSheet


@dataclass(frozen=True)
class OfficerLine:
    """A group leader or deputy seat: who, which role, from when to when."""

    seat_id: uuid.UUID
    member_id: uuid.UUID
    name: str
    role: str              # key of GROUP_ROLES
    role_label: str
    started_on: date
    ended_on: date | None = None


@dataclass(frozen=True)
class MemberLine:
    """A member's time in the group (from the roster and its history)."""

    member_id: uuid.UUID
    name: str
    start: date
    end: date | None
    co_managed: bool = False
    home_unit: str = ""    # co-managed members: the home organisation


@dataclass(frozen=True)
class StudyLine:
    record_id: uuid.UUID
    held_on: date
    topic: str
    leader: str
    hours: float
    attendees: int
    place: str = ""
    notes: str = ""


@dataclass(frozen=True)
class AssignmentLine:
    """A duty area or a post: what, who, since when, until when."""

    record_id: uuid.UUID
    title: str
    holder: str
    started_on: date
    ended_on: date | None
    detail: str = ""       # the area's buildings and households, or the post's duties
    duties: str = ""


@dataclass(frozen=True)
class CardSheet:
    """One card of a co-managed member; the feedback card is addressed to the home organisation."""

    record_id: uuid.UUID
    card: str              # key of CARD_KINDS
    card_label: str
    on: date
    member: str
    group: str
    branch: str
    home_unit: str = ""
    home_contact: str = ""
    content: str = ""
    hours: float = 0.0
    assessment: str = ""   # translated
    work_unit: str = ""
    phone: str = ""


@dataclass(frozen=True)
class GroupManual:
    """One Party group's manual for one year."""

    year: int
    branch: str
    group_id: uuid.UUID
    group: str
    officers: tuple[OfficerLine, ...] = ()
    members: tuple[MemberLine, ...] = ()
    buildings: tuple[str, ...] = ()
    meetings: tuple[MeetingSheet, ...] = ()
    meeting_ids: tuple[uuid.UUID, ...] = ()
    studies: tuple[StudyLine, ...] = ()
    duty_areas: tuple[AssignmentLine, ...] = ()
    posts: tuple[AssignmentLine, ...] = ()
    cards: tuple[CardSheet, ...] = ()

    @property
    def co_managed(self) -> tuple[MemberLine, ...]:
        return tuple(m for m in self.members if m.co_managed)
