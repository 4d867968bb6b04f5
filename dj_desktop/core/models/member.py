"""Party members (the roster, 党员花名册) and their status history."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class Member(RecordMixin, Base):
    __tablename__ = "member"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    building_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("building.id"))

    name: Mapped[str] = mapped_column(String(40))
    gender: Mapped[str] = mapped_column(String(8))
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    birth_date: Mapped[date]
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    native_place: Mapped[str] = mapped_column(String(80), default="")
    education: Mapped[str] = mapped_column(String(40), default="")
    work_unit: Mapped[str] = mapped_column(String(120), default="")
    post: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")

    joined_on: Mapped[date]                 # 入党时间 (admitted as probationary member)
    full_member_on: Mapped[date | None]     # 转正时间
    member_type: Mapped[str] = mapped_column(String(16), default="full")
    category: Mapped[str] = mapped_column(String(20), default="employed")
    management: Mapped[str] = mapped_column(String(8), default="self")
    status: Mapped[str] = mapped_column(String(20), default="active")
    #: First day in this branch (join date, or the transfer-in date).
    arrived_on: Mapped[date]
    #: Last day in this branch (transfer out, death, removal); None while active.
    left_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class MemberEvent(RecordMixin, Base):
    """One entry of a member's status history (joined, full member, transfer, …)."""

    __tablename__ = "member_event"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    on: Mapped[date]
    other_organisation: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
