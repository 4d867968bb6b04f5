"""The full details of many meetings at once, read with a handful of bulk queries.

A year's manual prints every meeting with its attendance, decisions, names and photos. Read one
meeting at a time that is about ten queries and a fresh roster per meeting; here it is one query
per kind of row for all of them, one roster per branch (:class:`BranchRoster`, asked "who was
expected on day D" from memory) and one ``attachments_for`` call.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import time
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import String, extract, select, type_coerce
from sqlalchemy.orm import Session

from dj_desktop.core.i18n import _
from dj_desktop.core.models import Attendance, Decision, Meeting, Organisation
from dj_desktop.core.vocabularies.meeting import ABSENCE_REASONS, DECISION_STATUSES, MEETING_KINDS
from dj_desktop.core.rules.quorum import QUORUM_KINDS
from dj_desktop.core.services.attachments import attachments_for
from dj_desktop.core.services.meeting_records import (
    AttachmentInfo, AttendanceRow, DecisionRow, ExpectedAttendee, MeetingDetail,
)
from dj_desktop.core.services.meeting_roster import BranchRoster, meeting_quorum, member_names

#: The ids of attendance rows are read as stored (text on SQLite) and parsed once each by :class:`_Ids`:
#: a year of attendance is thousands of rows naming the same few dozen members.
_ATTENDANCE = (type_coerce(Attendance.meeting_id, String), type_coerce(Attendance.member_id, String),
               Attendance.present, Attendance.absence_reason, Attendance.absence_note)
_DECISION = (Decision.meeting_id, Decision.id, Decision.position, Decision.text, Decision.responsible_id,
             Decision.due_on, Decision.follow_up_status, Decision.follow_up_note)


class _Ids(dict):
    """One UUID object per id: ``ids[raw]`` for the stored text or a UUID gives the shared object.

    The roster, the attendance and the names then share objects, so the many dict and set
    lookups per attendee match by identity instead of comparing UUIDs in Python.
    """

    def share(self, values) -> None:
        for value in values:
            self[value]

    def __missing__(self, raw: str | uuid.UUID) -> uuid.UUID:
        value = raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw)
        value = self.setdefault(value, value)
        self[value.hex] = self[raw] = value
        return value


class _Attended(NamedTuple):
    member_id: uuid.UUID
    present: bool
    absence_reason: str
    absence_note: str


def year_meetings(s: Session, branch_id: uuid.UUID, year: int) -> list[Meeting]:
    """The branch's live meetings of ``year`` in date order (the order of ``MeetingService.list``)."""
    return list(s.scalars(select(Meeting).where(
        Meeting.deleted.is_(False), Meeting.branch_id == branch_id, extract("year", Meeting.held_on) == year)
        .order_by(Meeting.held_on, Meeting.starts_at)))


def meeting_details(s: Session, files_dir: Path, meetings: Sequence[Meeting]) -> list[MeetingDetail]:
    """The details of ``meetings``, in their order, as ``MeetingService.get`` gives them one by one."""
    ids = [m.id for m in meetings]
    if not ids:
        return []
    canonical = _Ids()
    canonical.share(ids)
    rosters: dict[uuid.UUID, BranchRoster] = {}
    for m in meetings:
        if m.branch_id not in rosters:
            rosters[m.branch_id] = BranchRoster(s, m.branch_id)
            canonical.share(p.id for p in rosters[m.branch_id].people)
    attendance: dict[uuid.UUID, list[_Attended]] = {i: [] for i in ids}
    for meeting_id, member_id, present, reason, note in s.execute(
            select(*_ATTENDANCE).where(Attendance.meeting_id.in_(ids), Attendance.deleted.is_(False))):
        attendance[canonical[meeting_id]].append(_Attended(canonical[member_id], present, reason, note))
    decisions: dict[uuid.UUID, list] = {i: [] for i in ids}
    for row in s.execute(select(*_DECISION).where(Decision.meeting_id.in_(ids), Decision.deleted.is_(False))
                         .order_by(Decision.position)):
        decisions[row.meeting_id].append(row)
    expected: dict[tuple, list[ExpectedAttendee]] = {}
    for m in meetings:
        key = (m.branch_id, m.kind, m.held_on, m.group_id)
        if key not in expected:
            expected[key] = rosters[m.branch_id].expected(kind=m.kind, day=m.held_on, group_id=m.group_id)
    people = {a.member_id for rows in attendance.values() for a in rows}
    people |= {d.responsible_id for rows in decisions.values() for d in rows}
    people |= {i for m in meetings for i in (m.host_id, m.recorder_id, m.lecturer_id)}
    names = {canonical[k]: v for k, v in member_names(s, people).items()}
    units = {i for m in meetings for i in (m.branch_id, m.group_id) if i}
    org_names = dict(s.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(units))).all())
    files = attachments_for(s, files_dir, Meeting.__tablename__, ids)
    return [_detail(m, attendance[m.id], decisions[m.id], expected[(m.branch_id, m.kind, m.held_on, m.group_id)],
                    names, org_names, files[m.id]) for m in meetings]


def _time(text: str) -> time | None:
    return time.fromisoformat(text) if text else None


def _detail(m: Meeting, attendance: list[_Attended], decisions: list, expected: list[ExpectedAttendee],
            names: dict[uuid.UUID, str], org_names: dict[uuid.UUID, str],
            files: list[AttachmentInfo]) -> MeetingDetail:
    votes = {e.member_id: e.votes for e in expected}
    result = meeting_quorum(m.kind, expected, {a.member_id for a in attendance if a.present})
    # Attendance in roster order (as the expected list comes), then anyone else.
    order = {e.member_id: i for i, e in enumerate(expected)}
    attendance = sorted(attendance, key=lambda a: (order.get(a.member_id, len(order)), names.get(a.member_id, "")))
    valid = result.met or m.kind not in QUORUM_KINDS
    return MeetingDetail(
        id=m.id, version=m.version, branch_id=m.branch_id, branch_name=org_names.get(m.branch_id, ""),
        group_id=m.group_id, group_name=org_names.get(m.group_id, "") if m.group_id else "",
        kind=m.kind, kind_label=_(MEETING_KINDS.get(m.kind, m.kind)), held_on=m.held_on,
        starts_at=_time(m.starts_at), ends_at=_time(m.ends_at), place=m.place,
        host_id=m.host_id, host_name=names.get(m.host_id, ""),
        recorder_id=m.recorder_id, recorder_name=names.get(m.recorder_id, ""),
        lecturer_id=m.lecturer_id, lecturer_name=names.get(m.lecturer_id, "") or m.lecturer_name,
        lesson_title=m.lesson_title, theme=m.theme, minutes=m.minutes, study_hours=m.study_hours,
        notes=m.notes,
        attendance=tuple(AttendanceRow(
            member_id=a.member_id, name=names.get(a.member_id, ""), present=a.present,
            absence_reason=a.absence_reason,
            absence_reason_label=_(ABSENCE_REASONS[a.absence_reason]) if a.absence_reason in ABSENCE_REASONS
            else "", absence_note=a.absence_note, votes=votes.get(a.member_id, False)) for a in attendance),
        decisions=tuple(DecisionRow(
            id=d.id, meeting_id=m.id, position=d.position, text=d.text, responsible_id=d.responsible_id,
            responsible_name=names.get(d.responsible_id, ""), due_on=d.due_on,
            follow_up_status=d.follow_up_status,
            follow_up_status_label=_(DECISION_STATUSES.get(d.follow_up_status, d.follow_up_status)),
            follow_up_note=d.follow_up_note, valid=valid) for d in decisions),
        attachments=tuple(files), quorum=result, deleted=m.deleted)
