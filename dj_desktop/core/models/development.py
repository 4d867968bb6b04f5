"""Member development (发展党员档案): one file per person and the steps entered on it."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
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


class DevelopmentStep(RecordMixin, Base):
    __tablename__ = "development_step"

    file_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("development_file.id"), index=True)
    step_no: Mapped[int]
    done_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
