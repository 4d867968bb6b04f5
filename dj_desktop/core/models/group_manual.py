"""The Party-group manual's own records (党小组手册): study sessions, duty areas (党员责任区), posts
(设岗定责) and the three cards of co-managed members (联管党员). The group's leaders are committee
seats of the group, its members come from the roster and its meetings from the branch manual."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class GroupStudy(RecordMixin, Base):
    """A study session of one Party group (党小组学习), outside the branch's meetings."""

    __tablename__ = "group_study"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    held_on: Mapped[date]
    topic: Mapped[str] = mapped_column(String(200))
    leader_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"))   # 领学人
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    attendees: Mapped[int] = mapped_column(default=0)
    place: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class DutyArea(RecordMixin, Base):
    """A member's duty area (党员责任区): the households or stretch a member looks after."""

    __tablename__ = "duty_area"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    scope: Mapped[str] = mapped_column(Text, default="")       # buildings, households
    duties: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date]
    ended_on: Mapped[date | None]


class GroupPost(RecordMixin, Base):
    """A post of 设岗定责: what the post is, who holds it and since when."""

    __tablename__ = "group_post"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    post: Mapped[str] = mapped_column(String(80))
    duties: Mapped[str] = mapped_column(Text, default="")
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    started_on: Mapped[date]
    ended_on: Mapped[date | None]


class CoManagedCard(RecordMixin, Base):
    """One of a co-managed member's three cards: 基本情况登记卡, 活动记录卡, 反馈卡."""

    __tablename__ = "co_managed_card"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    card: Mapped[str] = mapped_column(String(16))              # vocabularies.group_manual.CARD_KINDS
    on: Mapped[date]
    #: The member's home organisation (the Party organisation of the work unit); the feedback card goes there.
    home_unit: Mapped[str] = mapped_column(String(120), default="")
    home_contact: Mapped[str] = mapped_column(String(120), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    assessment: Mapped[str] = mapped_column(String(16), default="")
