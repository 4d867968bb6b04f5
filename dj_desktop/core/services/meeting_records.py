"""Plain frozen values the meeting, talk, plan and attachment services take and return."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path


from dj_desktop.core.rules.quorum import QuorumResult




@dataclass(frozen=True)
class AttendanceInput:
    member_id: uuid.UUID
    present: bool = True
    #: One of ``ABSENCE_REASONS`` when absent.
    absence_reason: str = ""
    absence_note: str = ""


@dataclass(frozen=True)
class DecisionInput:
    text: str
    responsible_id: uuid.UUID | None = None
    due_on: date | None = None
    follow_up_status: str = "pending"
    follow_up_note: str = ""
    #: Set when editing an existing decision, so its history continues.
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class MeetingInput:
    branch_id: uuid.UUID
    kind: str
    held_on: date
    starts_at: time | None = None
    ends_at: time | None = None
    place: str = ""
    host_id: uuid.UUID | None = None
    recorder_id: uuid.UUID | None = None
    lecturer_id: uuid.UUID | None = None
    lecturer_name: str = ""
    lesson_title: str = ""
    theme: str = ""
    group_id: uuid.UUID | None = None
    minutes: str = ""
    study_hours: float = 0.0
    notes: str = ""
    #: Everyone expected, present or absent; members left out count as not recorded.
    attendance: tuple[AttendanceInput, ...] = ()
    decisions: tuple[DecisionInput, ...] = ()


@dataclass(frozen=True)
class ExpectedAttendee:
    """Who should attend a meeting on its date (from the roster and the committee)."""

    member_id: uuid.UUID
    name: str
    member_type: str
    #: Full member on the meeting date (has a vote at a general meeting).
    votes: bool
    group_id: uuid.UUID | None


@dataclass(frozen=True)
class AttendanceRow:
    member_id: uuid.UUID
    name: str
    present: bool
    absence_reason: str
    absence_reason_label: str
    absence_note: str
    votes: bool


@dataclass(frozen=True)
class DecisionRow:
    id: uuid.UUID
    meeting_id: uuid.UUID
    position: int
    text: str
    responsible_id: uuid.UUID | None
    responsible_name: str
    due_on: date | None
    follow_up_status: str
    follow_up_status_label: str
    follow_up_note: str
    #: False when the meeting had no quorum: the decision is not valid.
    valid: bool


@dataclass(frozen=True)
class AttachmentInfo:
    id: uuid.UUID
    owner_table: str
    owner_id: uuid.UUID
    sha256: str
    filename: str
    content_type: str
    size: int
    width: int | None
    height: int | None
    caption: str
    #: Where the bytes are on disk (shared by every attachment with the same content).
    path: Path

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@dataclass(frozen=True)
class MeetingSummary:
    id: uuid.UUID
    branch_id: uuid.UUID
    group_id: uuid.UUID | None
    kind: str
    kind_label: str
    held_on: date
    starts_at: time | None
    place: str
    #: Theme, lesson title or the kind's name: one line for a list.
    title: str
    expected: int
    present: int
    #: None for meetings without a quorum rule.
    quorum_met: bool | None
    attachment_count: int
    deleted: bool


@dataclass(frozen=True)
class MeetingDetail:
    id: uuid.UUID
    version: int
    branch_id: uuid.UUID
    branch_name: str
    group_id: uuid.UUID | None
    group_name: str
    kind: str
    kind_label: str
    held_on: date
    starts_at: time | None
    ends_at: time | None
    place: str
    host_id: uuid.UUID | None
    host_name: str
    recorder_id: uuid.UUID | None
    recorder_name: str
    lecturer_id: uuid.UUID | None
    lecturer_name: str
    lesson_title: str
    theme: str
    minutes: str
    study_hours: float
    notes: str
    attendance: tuple[AttendanceRow, ...]
    decisions: tuple[DecisionRow, ...]
    attachments: tuple[AttachmentInfo, ...]
    quorum: QuorumResult
    deleted: bool

    @property
    def present_count(self) -> int:
        return sum(1 for a in self.attendance if a.present)

    @property
    def absent(self) -> tuple[AttendanceRow, ...]:
        return tuple(a for a in self.attendance if not a.present)


@dataclass(frozen=True)
class TalkInput:
    branch_id: uuid.UUID
    held_on: date
    talker_id: uuid.UUID
    talkee_id: uuid.UUID
    place: str = ""
    topic: str = ""
    summary: str = ""


@dataclass(frozen=True)
class TalkRecord:
    id: uuid.UUID
    branch_id: uuid.UUID
    held_on: date
    talker_id: uuid.UUID
    talker_name: str
    talkee_id: uuid.UUID
    talkee_name: str
    place: str
    topic: str
    summary: str
    deleted: bool


@dataclass(frozen=True)
class PlanRecord:
    id: uuid.UUID
    branch_id: uuid.UUID
    year: int
    kind: str          # plan / summary
    kind_label: str
    title: str
    body: str
    adopted_on: date | None
