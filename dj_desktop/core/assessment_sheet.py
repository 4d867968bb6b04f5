"""Plain values of the assessment service (no ORM): a standard, a scored item, a sheet."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class StandardInfo:
    name: str
    title: str
    version: str
    ref: str
    total: Decimal
    source: str
    items: int
    confirmed: bool
    note: str


@dataclass(frozen=True)
class ItemScore:
    id: str
    category: str
    title: str
    max: Decimal
    rule: str
    automatic: bool
    auto_score: Decimal | None
    #: ``(book, record id)`` of the records behind the automatic score.
    evidence: tuple[tuple[str, uuid.UUID], ...]
    note: str
    score: Decimal | None          # the secretary's score (manual items)
    comment: str
    final: Decimal
    how: str
    source: str


@dataclass(frozen=True)
class DeductionState:
    id: str
    title: str
    max: Decimal
    points: Decimal


@dataclass(frozen=True)
class VetoState:
    id: str
    title: str
    found: bool


@dataclass(frozen=True)
class AssessmentSheet:
    branch_id: uuid.UUID
    branch_name: str
    period: str
    first: date
    last: date
    standard: StandardInfo
    items: tuple[ItemScore, ...]
    deductions: tuple[DeductionState, ...]
    vetoes: tuple[VetoState, ...]
    total: Decimal
    stars: int | None
    tier: str
    vetoed: bool
    star_levels: tuple[tuple[int, Decimal], ...]
    record_id: uuid.UUID | None
    version_no: int                # 0: nothing saved yet
    status: str                    # "new" | "draft" | "submitted"
    submitted_on: date | None
    comment: str
    notes: tuple[str, ...]
    #: The upper level's scoring (empty until the office scored this version).
    office_scores: dict[str, Decimal] = field(default_factory=dict)
    office_total: Decimal | None = None
    office_stars: int | None = None
    office_comment: str = ""
    office_scored_on: date | None = None

    @property
    def frozen(self) -> bool:
        return self.status == "submitted"


@dataclass(frozen=True)
class HistoryRow:
    id: uuid.UUID
    period: str
    version_no: int
    status: str
    total: str
    stars: int | None
    submitted_on: date | None


@dataclass(frozen=True)
class EvidenceLine:
    """One record behind an automatic score, as printed in the handbook's evidence list."""

    book: str            # translated book title
    day: date | None
    title: str


@dataclass(frozen=True)
class AssessmentHandbook:
    """Everything the printed handbook (考核手册) of one period shows; values already translated."""

    sheet: AssessmentSheet
    #: item id → the records behind its automatic score.
    evidence: dict[str, tuple[EvidenceLine, ...]]
    rule_note: str                  # what the standard's data could not confirm
    printed_on: date
    #: item id → the evidence files attached to it ("name（caption）").
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ComparisonRow:
    branch: str
    status: str                      # "new" | "draft" | "submitted"
    version_no: int
    scores: tuple[Decimal, ...]      # by category, in the standard's order
    total: Decimal
    stars: int | None
    vetoed: bool


@dataclass(frozen=True)
class AssessmentComparison:
    """The office's comparison of its branches for one period and standard (values translated)."""

    period: str
    standard: str                    # the standard's title
    categories: tuple[str, ...]
    maxima: tuple[Decimal, ...]
    rows: tuple[ComparisonRow, ...]
    five_star_cap: int
    five_stars: int
    five_star_share: Decimal = Decimal("0.30")
