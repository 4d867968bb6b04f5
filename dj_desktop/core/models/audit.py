"""The hash chain over the change history (全程纪实): one entry per ``record_history`` row."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base


class AuditEntry(Base):
    """Links history row ``history_id`` into the chain: ``hash`` = SHA-256 over ``prev_hash`` and the
    history row's content, ``who`` wrote it. Written by :mod:`dj_desktop.core.audit` only."""

    __tablename__ = "audit_entry"
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                     autoincrement=False)
    history_id: Mapped[int] = mapped_column(Integer, unique=True)
    who: Mapped[str] = mapped_column(String(120), default="", index=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
