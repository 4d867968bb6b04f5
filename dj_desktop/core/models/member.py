"""Party members (the roster, 党员花名册) and their status history."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.i18n import N_
from dj_desktop.core.models.base import Base, RecordMixin

GENDERS = {"male": N_("Male"), "female": N_("Female")}

MEMBER_TYPES = {"full": N_("Full member"), "probationary": N_("Probationary member")}  # 正式/预备

CATEGORIES = {
    "employed": N_("Employed"),                 # 在职
    "unemployed": N_("Without post"),           # 无职
    "mobile": N_("Mobile"),                     # 流动 (外出)
    "retired": N_("Retired"),                   # 离退休
    "elderly_infirm": N_("Elderly or infirm"),  # 年老体弱
    "hardship": N_("In hardship"),              # 生活困难
}

MANAGEMENT = {"self": N_("Self-managed"), "co": N_("Co-managed")}  # 自管/联管

STATUSES = {
    "active": N_("In the branch"),
    "transferred_out": N_("Transferred out"),
    "deceased": N_("Deceased"),
    "removed": N_("Removed"),
}

EDUCATION_LEVELS = (
    N_("Primary school"), N_("Junior middle school"), N_("Senior middle school"),
    N_("Technical secondary school"), N_("Junior college"), N_("Bachelor"),
    N_("Master"), N_("Doctorate"),
)

EVENT_KINDS = {
    "joined": N_("Joined the Party"),                     # 入党
    "became_full": N_("Became a full member"),           # 转正
    "transferred_in": N_("Transferred in"),              # 转入
    "transferred_out": N_("Transferred out"),            # 转出
    "category_changed": N_("Category changed"),
    "group_changed": N_("Group changed"),
    "deceased": N_("Deceased"),                          # 去世
    "removed": N_("Removed from the Party"),             # 出党
}


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
