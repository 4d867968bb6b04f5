"""Heart-to-heart talks (谈心谈话) between a committee member and a member."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class Talk(RecordMixin, Base):
    __tablename__ = "talk"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    #: Who led the talk (usually the secretary or a committee member).
    talker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    talkee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    place: Mapped[str] = mapped_column(String(120), default="")
    topic: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
