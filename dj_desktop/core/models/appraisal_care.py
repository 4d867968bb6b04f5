"""The appraisal archive (民主评议党员档案) and the care archive (关爱服务党员档案)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class Appraisal(RecordMixin, Base):
    """One member's democratic appraisal of a year: self-assessment, the vote counts, the committee's grade."""

    __tablename__ = "appraisal"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    appraised_on: Mapped[date | None]
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"))
    self_assessment: Mapped[str] = mapped_column(Text, default="")
    votes_excellent: Mapped[int] = mapped_column(Integer, default=0)
    votes_qualified: Mapped[int] = mapped_column(Integer, default=0)
    votes_basic: Mapped[int] = mapped_column(Integer, default=0)
    votes_unqualified: Mapped[int] = mapped_column(Integer, default=0)
    grade: Mapped[str] = mapped_column(String(16), default="")  # vocabularies.appraisal_care.GRADES; "" ungraded
    talk_on: Mapped[date | None]
    improvement_plan: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")


class CareMember(RecordMixin, Base):
    """An entry of the ledger of elderly, ill and hardship members (老党员和生活困难党员台账)."""

    __tablename__ = "care_member"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    category: Mapped[str] = mapped_column(String(16))  # vocabularies.appraisal_care.CARE_CATEGORIES
    situation: Mapped[str] = mapped_column(Text, default="")
    listed_on: Mapped[date] = mapped_column(index=True)
    removed_on: Mapped[date | None]


class CareVisit(RecordMixin, Base):
    """A visit to a member (走访慰问): who went, on which occasion, what was given."""

    __tablename__ = "care_visit"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    visited_on: Mapped[date] = mapped_column(index=True)
    visitors: Mapped[str] = mapped_column(String(200), default="")
    occasion: Mapped[str] = mapped_column(String(16))  # vocabularies.appraisal_care.OCCASIONS
    given: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    note: Mapped[str] = mapped_column(Text, default="")


class CareAid(RecordMixin, Base):
    """Aid a member received (帮扶救济): from whom, what, how much."""

    __tablename__ = "care_aid"
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    received_on: Mapped[date] = mapped_column(index=True)
    source: Mapped[str] = mapped_column(String(200), default="")
    given: Mapped[str] = mapped_column(String(200), default="", server_default="")  # 0015_care_aid
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    note: Mapped[str] = mapped_column(Text, default="")
