"""Practice archive (党员实践活动档案), pledges (党员承诺书) and the points ledger (党员考核台账)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class PracticeActivity(RecordMixin, Base):
    """One dated activity of a member: volunteer service, a "六个一" item, study outside meetings, a post."""

    __tablename__ = "practice_activity"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    done_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(24))  # core.rules.points.PRACTICE_KINDS
    title: Mapped[str] = mapped_column(String(200), default="")
    service_hours: Mapped[float] = mapped_column(Float, default=0.0)
    study_hours: Mapped[float] = mapped_column(Float, default=0.0)
    note: Mapped[str] = mapped_column(Text, default="")


class Pledge(RecordMixin, Base):
    """A member's yearly pledge, made public on a date, reviewed at mid-year and at year end."""

    __tablename__ = "pledge"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    items: Mapped[str] = mapped_column(Text, default="")
    published_on: Mapped[date | None]
    mid_review_on: Mapped[date | None]
    mid_status: Mapped[str] = mapped_column(String(16), default="")  # "", kept, partly, not_kept
    mid_comment: Mapped[str] = mapped_column(Text, default="")
    end_review_on: Mapped[date | None]
    end_status: Mapped[str] = mapped_column(String(16), default="")
    end_comment: Mapped[str] = mapped_column(Text, default="")


class PointEntry(RecordMixin, Base):
    """A manual entry in a member's monthly points (bonus or deduction), with reason and evidence."""

    __tablename__ = "point_entry"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    month: Mapped[date] = mapped_column(index=True)  # first day of the month
    item: Mapped[str] = mapped_column(String(40))   # a key of the scheme's bonus or deduction items
    points: Mapped[float] = mapped_column(Float, default=0.0)
    reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(String(300), default="")
    #: The record (meeting, practice activity, pledge) this entry scores, if any: never scored twice.
    record_id: Mapped[uuid.UUID | None] = mapped_column(index=True)


class PointMonth(RecordMixin, Base):
    """A branch's scored month: the scheme version it keeps and when it was confirmed (signed off)."""

    __tablename__ = "point_month"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    month: Mapped[date] = mapped_column(index=True)
    rules_version: Mapped[str] = mapped_column(String(80))
    confirmed_on: Mapped[date | None]


class PointExemption(RecordMixin, Base):
    """A member exempt from the points for a period (long illness, as the scheme allows), with the reason."""

    __tablename__ = "point_exemption"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    from_month: Mapped[date] = mapped_column(index=True)           # first day of the first month
    until_month: Mapped[date | None]                               # first day of the last month; None: open
    reason: Mapped[str] = mapped_column(Text, default="")


class PointSignoff(RecordMixin, Base):
    """A member's own confirmation of the month's points (本人确认)."""

    __tablename__ = "point_signoff"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    month: Mapped[date] = mapped_column(index=True)
    signed_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
