"""The hash chain over the change history (全程纪实): one entry per ``record_history`` row."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Integer, String
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


class SiteAuditEntry(Base):
    """At the office: one entry of a branch's audit chain, as it arrived in that site's bundles
    (``content`` = the history row the entry's hash covers). Checked on arrival and by
    ``audit verify --site`` (issue 11)."""

    __tablename__ = "site_audit_entry"
    site_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                     autoincrement=False)
    history_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    who: Mapped[str] = mapped_column(String(120), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict] = mapped_column(JSON)
