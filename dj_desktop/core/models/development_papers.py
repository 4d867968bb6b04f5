"""A unit's own required papers (本单位要求的材料) for a step of member development: listed and printed
with the national papers of the rule set, never changing a date. The files themselves are
attachments of the step (``attachment.owner_table == "development_step"``, caption = paper name)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class DevelopmentPaper(RecordMixin, Base):
    __tablename__ = "development_paper"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    step_no: Mapped[int]
    name: Mapped[str] = mapped_column(String(60))
    added_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
