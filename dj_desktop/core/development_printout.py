"""Plain data of a person's printed development file (发展党员档案) — no service, no ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DevelopmentRowPrint:
    no: int
    stage: str
    name: str
    article: str
    actual: tuple[date, ...]
    earliest: date | None
    latest: date | None
    planned: date | None
    provisional: bool
    people: str
    papers: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class DevelopmentFilePrint:
    branch_name: str
    name: str
    id_number: str
    applied_on: date
    stage: str
    rules_version: str
    unconfirmed: bool
    cancelled_reason: str
    rows: tuple[DevelopmentRowPrint, ...]
