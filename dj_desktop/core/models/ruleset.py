"""Rule-set versions added after installation (typed in locally or sent by the office)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, utcnow


class RuleSetVersion(Base):
    """One version of a rule set; shipped versions stay in ``resources/rulesets`` and are not copied here.

    Not a synced record: versions travel office → branch in return bundles only.
    """

    __tablename__ = "rule_set_version"
    __table_args__ = (UniqueConstraint("rule_set", "version", name="uq_rule_set_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule_set: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[date]
    #: ``[{"document": …, "articles": [...]}, …]``
    sources: Mapped[Any] = mapped_column(JSON())
    note: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[Any] = mapped_column(JSON())
    #: "local" (this installation) or "office" (arrived in a return bundle).
    origin: Mapped[str] = mapped_column(String(8))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
