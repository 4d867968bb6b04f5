"""A branch's assessment against a standard for a period (党支部工作考核手册): one row per version.

The secretary's scores and comments, the vetoes found and, once submitted, the automatic
scores with their evidence frozen as they were. A submitted assessment is never changed: a
change makes a new version (``version_no`` + 1) of the same branch, period and standard.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dj_desktop.core.models.base import Base, RecordMixin


class Assessment(RecordMixin, Base):
    __tablename__ = "assessment"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"), index=True)
    #: As typed: "2026", "2026-Q1", "2026-H2" or "2026-03".
    period: Mapped[str] = mapped_column(String(10), index=True)
    period_start: Mapped[date]
    period_end: Mapped[date] = mapped_column(index=True)
    standard: Mapped[str] = mapped_column(String(32))
    rules_version: Mapped[str] = mapped_column(String(80))
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(12), default="draft")     # draft | submitted
    submitted_on: Mapped[date | None]
    #: item id → {"score": "4.5" | null, "comment": text}: the secretary's scores (manual items) and
    #: overrides of automatic ones, with comments.
    scores: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    #: deduction id → points deducted (text).
    deductions: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    vetoes: Mapped[list[Any]] = mapped_column(JSON(), default=list)
    #: Frozen at submission: item id → {"score", "note", "evidence": [[book, id], …]}.
    auto_scores: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    total: Mapped[str] = mapped_column(String(12), default="")
    stars: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    #: The upper level's scoring of a submitted version (written at the office, sent back in the return
    #: bundle): item id → score text, the final star level, its comment and the day.
    office_scores: Mapped[dict[str, Any]] = mapped_column(JSON(), default=dict)
    office_total: Mapped[str] = mapped_column(String(12), default="")
    office_stars: Mapped[int | None] = mapped_column(Integer)
    office_comment: Mapped[str] = mapped_column(Text, default="")
    office_scored_on: Mapped[date | None]
