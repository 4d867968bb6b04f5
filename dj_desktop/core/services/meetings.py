"""MeetingService: record, edit, tombstone and restore branch-manual meetings with attendance and decisions."""

from __future__ import annotations

import uuid
from datetime import date, time
from pathlib import Path

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from dj_desktop.core.books import book
from dj_desktop.core.books import records as ops
from dj_desktop.core.books.records import HistoryEntry
from dj_desktop.core.db import Database
from dj_desktop.core.errors import UserError
from dj_desktop.core.i18n import _
from dj_desktop.core.models import Attachment, Attendance, Decision, Meeting
from dj_desktop.core.vocabularies.meeting import ABSENCE_REASONS, DECISION_STATUSES, MEETING_KINDS
from dj_desktop.core.services.attachments import files_dir_for
from dj_desktop.core.services.meeting_details import meeting_details
from dj_desktop.core.services.meeting_records import (
    DecisionRow, ExpectedAttendee, MeetingDetail, MeetingInput, MeetingSummary,
)
from dj_desktop.core.services.meeting_roster import BranchRoster, expected_attendees, meeting_quorum
from dj_desktop.core.services.meeting_validation import check_meeting

_FIELDS = ("branch_id", "kind", "held_on", "place", "host_id", "recorder_id",
           "lecturer_id", "lecturer_name", "lesson_title", "theme", "minutes", "study_hours", "notes")


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    for f in _FIELDS:
        setattr(meeting, f, getattr(data, f))
    meeting.group_id = data.group_id if data.kind == "group_meeting" else None
    meeting.starts_at = data.starts_at.strftime("%H:%M") if data.starts_at else ""
    meeting.ends_at = data.ends_at.strftime("%H:%M") if data.ends_at else ""


def _time(text: str) -> time | None:
    return time.fromisoformat(text) if text else None


def _title(m: Meeting) -> str:
    return m.theme or m.lesson_title or _(MEETING_KINDS.get(m.kind, m.kind))


class MeetingService:
    def __init__(self, db: Database, *, files_dir: Path | None = None):
        self._db = db
        self._files_dir = files_dir or files_dir_for(db)

    @staticmethod
    def kinds() -> list[tuple[str, str]]:
        """``(kind, label)`` in the order of the branch manual."""
        return [(k, _(v)) for k, v in MEETING_KINDS.items()]

    @staticmethod
    def absence_reasons() -> list[tuple[str, str]]:
        return [(k, _(v)) for k, v in ABSENCE_REASONS.items()]

    @staticmethod
    def decision_statuses() -> list[tuple[str, str]]:
        return [(k, _(v)) for k, v in DECISION_STATUSES.items()]

    def expected_attendees(self, branch_id: uuid.UUID, *, kind: str, on: date,
                           group_id: uuid.UUID | None = None) -> list[ExpectedAttendee]:
        """Who should attend a meeting of ``kind`` held ``on`` (members who joined later or left are out)."""
        with self._db.sessions.begin() as s:
            return expected_attendees(s, branch_id, kind=kind, day=on, group_id=group_id)

    def create(self, data: MeetingInput, *, today: date | None = None) -> MeetingDetail:
        """Saves a new meeting. A meeting without a quorum is saved too, flagged, its decisions not valid."""
        with self._db.sessions.begin() as s:
            check_meeting(s, data, today=today or date.today())
            meeting = Meeting()
            _apply(meeting, data)
            s.add(meeting)
            s.flush()
            self._write_children(s, meeting, data)
            s.flush()
            return self._detail(s, meeting)

    def update(self, meeting_id: uuid.UUID, data: MeetingInput, *, reason: str = "",
               today: date | None = None) -> MeetingDetail:
        """Changes a meeting; attendance and decisions are matched by member and id so each keeps its history."""
        with self._db.sessions.begin() as s:
            meeting = self._live(s, meeting_id)
            check_meeting(s, data, today=today or date.today())
            s.info["reason"] = reason.strip()
            _apply(meeting, data)
            self._write_children(s, meeting, data)
            s.flush()
            return self._detail(s, meeting)

    def _write_children(self, s: Session, meeting: Meeting, data: MeetingInput) -> None:
        current = {a.member_id: a for a in s.scalars(select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.deleted.is_(False)))}
        for item in data.attendance:
            row = current.pop(item.member_id, None)
            reason = "" if item.present else item.absence_reason
            note = "" if item.present else item.absence_note.strip()
            if row is None:
                s.add(Attendance(meeting_id=meeting.id, member_id=item.member_id, present=item.present,
                                 absence_reason=reason, absence_note=note))
            else:
                row.present, row.absence_reason, row.absence_note = item.present, reason, note
        for row in current.values():
            row.deleted = True
        decisions = {d.id: d for d in s.scalars(select(Decision).where(
            Decision.meeting_id == meeting.id, Decision.deleted.is_(False)))}
        for position, item in enumerate(data.decisions):
            row = decisions.pop(item.id, None) if item.id else None
            values = dict(position=position, text=item.text.strip(), responsible_id=item.responsible_id,
                          due_on=item.due_on, follow_up_status=item.follow_up_status,
                          follow_up_note=item.follow_up_note.strip())
            if row is None:
                s.add(Decision(meeting_id=meeting.id, **values))
            else:
                for key, value in values.items():
                    setattr(row, key, value)
        for row in decisions.values():
            row.deleted = True

    def set_decision_status(self, decision_id: uuid.UUID, *, status: str, note: str = "") -> DecisionRow:
        """Records how a decision was followed up (落实情况)."""
        if status not in DECISION_STATUSES:
            raise UserError(_("Unknown follow-up status: {status}.").format(status=status))
        with self._db.sessions.begin() as s:
            row = s.get(Decision, decision_id)
            if row is None or row.deleted:
                raise UserError(_("The decision no longer exists."))
            row.follow_up_status, row.follow_up_note = status, note.strip()
            s.flush()
            detail = self._detail(s, self._live(s, row.meeting_id))
            return next(d for d in detail.decisions if d.id == decision_id)

    def tombstone(self, meeting_id: uuid.UUID, *, reason: str) -> None:
        """Removes a meeting from the books, keeping it restorable; the reason goes into the history."""
        with self._db.sessions.begin() as s:
            ops.tombstone(s, book("meetings"), meeting_id, reason=reason)

    def restore(self, meeting_id: uuid.UUID, *, reason: str = "") -> MeetingDetail:
        with self._db.sessions.begin() as s:
            return self._detail(s, ops.restore(s, book("meetings"), meeting_id, reason=reason))

    def get(self, meeting_id: uuid.UUID) -> MeetingDetail:
        """One meeting, deleted or not (a tombstone is shown with ``deleted`` set)."""
        with self._db.sessions.begin() as s:
            return self._detail(s, ops.fetch(s, book("meetings"), meeting_id, live=False))

    def history(self, meeting_id: uuid.UUID) -> list[HistoryEntry]:
        with self._db.sessions.begin() as s:
            return ops.history(s, book("meetings"), meeting_id)

    def list(self, branch_id: uuid.UUID | None = None, *, year: int | None = None, kind: str | None = None,
             deleted: bool = False) -> list[MeetingSummary]:
        """Meetings in date order; ``deleted=True`` lists the tombstones instead (to restore one)."""
        with self._db.sessions.begin() as s:
            stmt = select(Meeting).where(Meeting.deleted.is_(deleted))
            if branch_id is not None:
                stmt = stmt.where(Meeting.branch_id == branch_id)
            if year is not None:
                stmt = stmt.where(extract("year", Meeting.held_on) == year)
            if kind is not None:
                stmt = stmt.where(Meeting.kind == kind)
            meetings = list(s.scalars(stmt.order_by(Meeting.held_on, Meeting.starts_at)))
            ids = [m.id for m in meetings]
            present = self._present_ids(s, ids)
            n_files = dict(s.execute(
                select(Attachment.owner_id, func.count()).where(
                    Attachment.owner_table == Meeting.__tablename__, Attachment.owner_id.in_(ids),
                    Attachment.deleted.is_(False)).group_by(Attachment.owner_id)).all()) if ids else {}
            rosters: dict[uuid.UUID, BranchRoster] = {}
            cache: dict[tuple, list[ExpectedAttendee]] = {}
            out = []
            for m in meetings:
                key = (m.branch_id, m.kind, m.held_on, m.group_id)
                if key not in cache:
                    if m.branch_id not in rosters:
                        rosters[m.branch_id] = BranchRoster(s, m.branch_id)
                    cache[key] = rosters[m.branch_id].expected(kind=m.kind, day=m.held_on, group_id=m.group_id)
                result = meeting_quorum(m.kind, cache[key], present.get(m.id, set()))
                out.append(MeetingSummary(
                    id=m.id, branch_id=m.branch_id, group_id=m.group_id, kind=m.kind,
                    kind_label=_(MEETING_KINDS.get(m.kind, m.kind)), held_on=m.held_on, starts_at=_time(m.starts_at),
                    place=m.place, title=_title(m), expected=len(cache[key]), present=len(present.get(m.id, ())),
                    quorum_met=result.met if result.applies else None,
                    attachment_count=n_files.get(m.id, 0), deleted=m.deleted))
            return out

    @staticmethod
    def _present_ids(s: Session, meeting_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[uuid.UUID]]:
        out: dict[uuid.UUID, set[uuid.UUID]] = {}
        if not meeting_ids:
            return out
        for meeting_id, member_id in s.execute(select(Attendance.meeting_id, Attendance.member_id).where(
                Attendance.meeting_id.in_(meeting_ids), Attendance.present.is_(True),
                Attendance.deleted.is_(False))):
            out.setdefault(meeting_id, set()).add(member_id)
        return out

    @staticmethod
    def _live(s: Session, meeting_id: uuid.UUID) -> Meeting:
        return ops.fetch(s, book("meetings"), meeting_id)

    def _detail(self, s: Session, m: Meeting) -> MeetingDetail:
        return meeting_details(s, self._files_dir, [m])[0]
