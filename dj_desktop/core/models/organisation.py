"""The organisation tree (党委 → 总支 → 支部 → 党小组), committees with terms, and the community grid."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class Organisation(RecordMixin, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    setting: Mapped[str] = mapped_column(String(20), default="community")
    founded_on: Mapped[date | None]
    #: 台账起始日期 (branches): reminders never reach before it. Set to the day the branch is created
    #: in the program; moved earlier to backfill past years. Empty (older databases): no limit.
    records_start: Mapped[date | None]
    is_joint: Mapped[bool] = mapped_column(default=False)   # 联合支部
    unit_count: Mapped[int] = mapped_column(default=1)      # units a joint branch covers
    sort_order: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")


class CommitteeTerm(RecordMixin, Base):
    """One elected term (届) of an organisation's committee or secretary."""

    __tablename__ = "committee_term"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    elected_on: Mapped[date]
    ends_on: Mapped[date]
    notes: Mapped[str] = mapped_column(Text, default="")


class CommitteeMember(RecordMixin, Base):
    """A member holding a committee role during a term."""

    __tablename__ = "committee_member"

    term_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("committee_term.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    started_on: Mapped[date]
    ended_on: Mapped[date | None]


class GridArea(RecordMixin, Base):
    """A community grid area (片区)."""

    __tablename__ = "grid_area"

    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))


class Building(RecordMixin, Base):
    """A building (楼栋) in a grid area, optionally covered by one Party group."""

    __tablename__ = "building"

    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("grid_area.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"), index=True)
