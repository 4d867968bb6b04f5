"""Member development (发展党员档案): one file per person, the steps entered on it, and the
holiday / 调休 calendar that working days are counted in."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class DevelopmentFile(RecordMixin, Base):
    __tablename__ = "development_file"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    id_number: Mapped[str] = mapped_column(String(18), default="")
    birth_date: Mapped[date | None] = mapped_column(default=None)
    applied_on: Mapped[date]
    #: The development rule version this file follows ("development@2014").
    rules_version: Mapped[str] = mapped_column(String(80))
    cancelled_reason: Mapped[str] = mapped_column(Text, default="")
    cancelled_on: Mapped[date | None] = mapped_column(default=None)
    #: The roster row made when the person is received as a probationary member (step 17).
    member_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), default=None)
    extension_months: Mapped[int] = mapped_column(default=0)
    extensions: Mapped[int] = mapped_column(default=0)


class DevelopmentStep(RecordMixin, Base):
    __tablename__ = "development_step"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    file_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("development_file.id"), index=True)
    step_no: Mapped[int]
    done_on: Mapped[date]
    #: Talk partner, contact persons (培养联系人) or upper-committee talkers, as names.
    people: Mapped[list] = mapped_column(JSON, default=list)
    #: Sponsors (入党介绍人), as names of full members.
    sponsors: Mapped[list] = mapped_column(JSON, default=list)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"), default=None)
    #: {"entitled", "present", "in_favour"} of a general-meeting vote.
    votes: Mapped[dict | None] = mapped_column(JSON, default=None)
    #: The rule version the step was checked against.
    rules_version: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class WorkCalendarDay(RecordMixin, Base):
    """A declared holiday (放假) or make-up working day (调休上班)."""

    __tablename__ = "work_calendar_day"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(10))
