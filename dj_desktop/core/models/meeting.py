"""Organisational-life meetings (三会一课, 主题党日, 组织生活会, 民主评议): records, attendance, decisions."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class Meeting(RecordMixin, Base):
    """One meeting as written in the branch manual."""

    __tablename__ = "meeting"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    #: The Party group, for a group meeting only.
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)  # vocabularies.meeting.MEETING_KINDS
    held_on: Mapped[date] = mapped_column(index=True)
    #: Start and end as "HH:MM" text: the audit trail and sync bundles carry plain JSON values.
    starts_at: Mapped[str] = mapped_column(String(5), default="")
    ends_at: Mapped[str] = mapped_column(String(5), default="")
    place: Mapped[str] = mapped_column(String(120), default="")
    host_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"))
    recorder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"))
    #: Party lesson: the lecturer, a member or (name only) a guest from the upper level.
    lecturer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"))
    lecturer_name: Mapped[str] = mapped_column(String(60), default="")
    lesson_title: Mapped[str] = mapped_column(String(200), default="")
    #: Theme of a themed Party day (or the subject of any meeting).
    theme: Mapped[str] = mapped_column(String(200), default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    #: Study hours (学时) credited to each member present.
    study_hours: Mapped[float] = mapped_column(Float, default=0.0)
    notes: Mapped[str] = mapped_column(Text, default="")


class Attendance(RecordMixin, Base):
    """Whether one member expected at a meeting was there, and why not."""

    __tablename__ = "meeting_attendance"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    present: Mapped[bool] = mapped_column(default=True)
    absence_reason: Mapped[str] = mapped_column(String(20), default="")
    absence_note: Mapped[str] = mapped_column(String(200), default="")


class Decision(RecordMixin, Base):
    """A decision taken at a meeting (决议) and how it was followed up."""

    __tablename__ = "meeting_decision"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"))
    due_on: Mapped[date | None]
    follow_up_status: Mapped[str] = mapped_column(String(16), default="pending")
    follow_up_note: Mapped[str] = mapped_column(Text, default="")
