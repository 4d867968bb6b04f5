"""The branch's annual work plan (年度工作计划) and year-end summary (年终总结)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class WorkPlan(RecordMixin, Base):
    __tablename__ = "work_plan"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    #: When the committee adopted the plan, or the summary was reported.
    adopted_on: Mapped[date | None]
