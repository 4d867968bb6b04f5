"""Notice board items (党务公开): 提出 → 保密审查 → 审批 → 实施 (党务公开条例（试行）2017 第十五条)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class NoticeItem(RecordMixin, Base):
    __tablename__ = "notice_item"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))                 # vocabularies.notices.NOTICE_KINDS
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")
    proposed_by: Mapped[str] = mapped_column(String(40))          # 提出
    proposed_on: Mapped[date] = mapped_column(index=True)
    reviewed_by: Mapped[str] = mapped_column(String(40), default="")   # 保密审查
    reviewed_on: Mapped[date | None]
    approved_by: Mapped[str] = mapped_column(String(40), default="")   # 审批
    approved_on: Mapped[date | None]
    posted_by: Mapped[str] = mapped_column(String(40), default="")     # 实施 (posted)
    posted_on: Mapped[date | None]
    post_until: Mapped[date | None]                               # end of the posting period
    source: Mapped[str] = mapped_column(String(40), default="")   # "dues:2026H1", "funds:2025" when generated
