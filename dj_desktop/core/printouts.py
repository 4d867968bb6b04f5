"""What the printouts show: plain, already-translated values assembled by the services.

``core/services/printing.py`` (``PrintService``) fills these from the database; the layout
modules in ``reports/`` draw them and nothing else, so they can be tested and benchmarked
without a database. No ORM, no Qt, no reportlab here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path


@dataclass(frozen=True)
class AttendeeLine:
    name: str
    present: bool
    reason: str = ""        # translated absence reason (病假, 事假, …)
    note: str = ""
    voting: bool = True     # probationary members attend but do not vote


@dataclass(frozen=True)
class DecisionLine:
    text: str
    responsible: str = ""
    due_on: date | None = None
    follow_up: str = ""     # translated follow-up status
    follow_up_note: str = ""


@dataclass(frozen=True)
class PhotoFile:
    path: Path
    caption: str = ""
    #: Pixel size when the attachment record knows it (saves opening the file).
    size: tuple[int, int] | None = None


@dataclass(frozen=True)
class MeetingSheet:
    """One meeting as the paper form shows it."""

    kind: str               # key of MEETING_KINDS
    kind_label: str
    held_on: date
    starts_at: time | None = None
    ends_at: time | None = None
    place: str = ""
    host: str = ""
    recorder: str = ""
    group: str = ""         # the Party group of a group meeting
    subject: str = ""       # theme, or the lesson title
    lecturer: str = ""
    should_attend: int = 0
    present: int = 0
    absent: int = 0
    #: None when the meeting kind has no quorum rule.
    quorum_met: bool | None = None
    quorum_text: str = ""   # how the quorum was computed, in words
    attendance: tuple[AttendeeLine, ...] = ()
    minutes: str = ""
    decisions: tuple[DecisionLine, ...] = ()
    photos: tuple[PhotoFile, ...] = ()
    #: File names of photos whose stored file is gone (printed as a warning, not silently dropped).
    missing_photos: tuple[str, ...] = ()
    study_hours: float = 0.0
    record_id: str = ""


@dataclass(frozen=True)
class TalkLine:
    held_on: date
    talker: str
    talkee: str
    place: str = ""
    topic: str = ""
    summary: str = ""


@dataclass(frozen=True)
class PlanText:
    title: str
    body: str
    adopted_on: date | None = None


@dataclass(frozen=True)
class GroupLine:
    name: str
    leader: str
    member_count: int


@dataclass(frozen=True)
class BranchSheet:
    """The branch basics page (支部基本情况)."""

    name: str
    upper: str = ""                          # the upper-level organisation
    founded_on: date | None = None
    term: str = ""                           # "2024-03-01 — 2027-02-28"
    committee: tuple[tuple[str, str], ...] = ()   # (role, name)
    groups: tuple[GroupLine, ...] = ()
    #: (label, count) rows of the roster summary, e.g. ("正式党员", 52).
    roster: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class ManualBook:
    """Everything one year's branch manual (党支部工作手册) prints."""

    year: int
    branch: BranchSheet
    plan: PlanText | None = None
    summary: PlanText | None = None
    meetings: tuple[MeetingSheet, ...] = ()
    talks: tuple[TalkLine, ...] = ()
    #: The roster (花名册) at the year's end, in full (the book stays in the branch's files).
    roster: "RosterSheet | None" = None


@dataclass(frozen=True)
class CountRow:
    """One row of a report table: a label and its figures."""

    label: str
    values: tuple[object, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class EnrolmentSlip:
    """The paper a branch hands to the office so the office can check its computer's fingerprint."""

    branch_name: str
    site_id: str
    device_id: str
    device_fingerprint: str
    office_name: str
    office_fingerprint: str
    enrolled_at: datetime
    printed_on: date


@dataclass(frozen=True)
class ReportTable:
    """One titled table of a report to the upper level (monthly, quarterly)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    #: Relative column widths (they are scaled to the page, and to Excel columns).
    weights: tuple[float, ...]
    #: Shown in one merged row when there are no rows.
    empty_text: str = ""


@dataclass(frozen=True)
class TabularReport:
    """A report to the upper level: a title, a few facts under it, then its tables."""

    title: str
    branch: str
    #: (label, value) lines under the title: reporting unit, period, date.
    facts: tuple[tuple[str, str], ...]
    tables: tuple[ReportTable, ...]


@dataclass(frozen=True)
class RosterLine:
    name: str
    gender: str
    ethnicity: str
    birth_date: str
    id_number: str
    education: str
    group: str
    member_type: str
    joined_on: str
    full_member_on: str
    category: str
    work: str
    phone: str


@dataclass(frozen=True)
class RosterSheet:
    branch: str
    as_of: date
    masked: bool
    lines: tuple[RosterLine, ...]
