"""The organisation tree (党委 → 总支 → 支部 → 党小组), committees with terms, and the community grid."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.i18n import N_
from dj_desktop.core.models.base import Base, RecordMixin

#: Organisation kinds, highest level first.
ORG_KINDS = {
    "committee": N_("Primary Party committee"),     # 基层党委
    "general_branch": N_("General Party branch"),   # 党总支
    "branch": N_("Party branch"),                   # 党支部
    "group": N_("Party group"),                     # 党小组
}
#: Which kinds may sit directly under which.
ALLOWED_PARENTS = {
    "committee": {None, "committee"},
    "general_branch": {None, "committee"},
    "branch": {None, "committee", "general_branch"},
    "group": {"branch"},
}

#: Where the organisation sits; decides the default term length (DESIGN §2).
SETTINGS_KINDS = {
    "village": N_("Village"),            # 村
    "community": N_("Community"),        # 社区
    "enterprise": N_("Enterprise"),      # 企业
    "institution": N_("Public institution"),
    "school": N_("School"),
    "other": N_("Other"),
}

COMMITTEE_ROLES = {
    "secretary": N_("Secretary"),                       # 书记
    "deputy_secretary": N_("Deputy secretary"),         # 副书记
    "organisation": N_("Organisation member"),          # 组织委员
    "propaganda": N_("Propaganda member"),              # 宣传委员
    "discipline": N_("Discipline inspection member"),   # 纪检委员
    "youth": N_("Youth member"),                        # 青年委员
    "women": N_("Women's member"),                      # 妇女委员
    "committee_member": N_("Committee member"),         # 委员
    "group_leader": N_("Group leader"),                 # 党小组组长
}


class Organisation(RecordMixin, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    setting: Mapped[str] = mapped_column(String(20), default="community")
    founded_on: Mapped[date | None]
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
