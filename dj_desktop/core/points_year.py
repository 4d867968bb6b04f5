"""A branch's points over a year: each member's months added up and ranked (ties share a rank), the
year's most-awarded being those ranked first; a month a member was exempt adds nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from dj_desktop.core.points_facts import month_table


@dataclass(frozen=True)
class YearLine:
    member_id: uuid.UUID
    name: str
    total: float
    months: int              # months scored (not exempt)
    rank: int | None         # None: exempt all year


def year_table(s: Session, branch_id: uuid.UUID, year: int, *, through: date) -> list[YearLine]:
    """The months of ``year`` up to ``through``'s month."""
    last = 12 if through.year > year else (through.month if through.year == year else 0)
    totals: dict[uuid.UUID, list] = {}
    for month in range(1, last + 1):
        for row in month_table(s, branch_id, date(year, month, 1), today=through).rows:
            entry = totals.setdefault(row.member_id, [row.name, 0.0, 0])
            if not row.exempt:
                entry[1] += row.total
                entry[2] += 1
    ranked = sorted(((mid, *v) for mid, v in totals.items() if v[2]), key=lambda t: (-t[2], t[1]))
    out: list[YearLine] = []
    for i, (mid, name, total, months) in enumerate(ranked):
        rank = out[-1].rank if i and out[-1].total == total else i + 1
        out.append(YearLine(mid, name, total, months, rank))
    out += [YearLine(mid, v[0], 0.0, 0, None) for mid, v in sorted(totals.items(), key=lambda t: t[1][0]) if not v[2]]
    return out
