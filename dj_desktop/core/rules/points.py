"""The points scheme (党员积分): its content check, a member's month scored from facts, ranking.

Plain data in, plain data out: the facts (attendance, practice, pledges kept, manual entries)
are loaded by ``core/services/points.py``; the numbers come from the ``points`` rule set.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Mapping

from dj_desktop.core.vocabularies.points import PLEDGE_STATUSES, PRACTICE_KINDS  # noqa: F401 (re-exported)

#: Which bonus item a meeting kind scores.
MEETING_ITEMS = {"party_lesson": "study", "themed_day": "themed_day"}


def meeting_item(kind: str) -> str:
    return MEETING_ITEMS.get(kind, "meeting")


def practice_item(kind: str) -> str:
    return "study" if kind == "study" else "practice"


def _item_problems(items: Any, where: str) -> dict[str, str]:
    if not isinstance(items, dict) or not items:
        return {where: "must be a non-empty object"}
    for key, item in items.items():
        if not isinstance(item, dict) or not isinstance(item.get("description"), str):
            return {f"{where}.{key}": "needs points, cap and description"}
        for n in ("points", "cap"):
            if not isinstance(item.get(n), (int, float)) or isinstance(item.get(n), bool) or not 0 < item[n] <= 100:
                return {f"{where}.{key}.{n}": "must be a number above 0 and at most 100"}
        if item["points"] > item["cap"]:
            return {f"{where}.{key}": "points may not exceed the cap"}
    return {}


def validate_content(content: Any) -> dict[str, str]:
    if not isinstance(content, dict):
        return {"content": "must be an object"}
    base = content.get("base")
    if not isinstance(base, (int, float)) or isinstance(base, bool) or not 0 <= base <= 1000:
        return {"base": "must be a number from 0 to 1000"}
    for where in ("bonus", "deductions"):
        problems = _item_problems(content.get(where), where)
        if problems:
            return problems
    for needed in ("meeting", "study", "themed_day", "practice", "pledge_kept"):
        if needed not in content["bonus"]:
            return {f"bonus.{needed}": "is required (records score it automatically)"}
    dates = content.get("dates")
    if not isinstance(dates, dict) or any(not isinstance(dates.get(k), str) or _month_day(dates[k]) is None
                                          for k in ("pledge_made_by", "mid_review_by", "end_review_by")) \
            or dates.get("month_confirmed_by_day") not in range(1, 29):
        return {"dates": "needs pledge_made_by, mid_review_by, end_review_by (MM-DD) and month_confirmed_by_day"}
    age = content.get("exempt_age")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or not 50 <= age <= 120):
        return {"exempt_age": "must be a whole number from 50 to 120"}
    return {}


def _month_day(text: str) -> tuple[int, int] | None:
    try:
        month, day = (int(x) for x in text.split("-"))
        date(2001, month, day)
    except ValueError:
        return None
    return month, day


def day_in(year: int, text: str) -> date:
    """``"03-31"`` in ``year`` → the date (the scheme's content has been checked)."""
    month, day = _month_day(text) or (12, 31)
    return date(year, month, day)


@dataclass(frozen=True)
class Scored:
    """One record that scores an item for a member: a bonus (a meeting attended, an activity, a pledge
    kept) or a deduction that follows from the records (a month's dues not paid by its end)."""

    member_id: uuid.UUID
    item: str
    record_id: uuid.UUID


@dataclass(frozen=True)
class Manual:
    member_id: uuid.UUID
    item: str
    points: float
    record_id: uuid.UUID | None = None


@dataclass
class MemberMonth:
    member_id: uuid.UUID
    name: str
    exempt: bool = False
    automatic: float = 0.0
    manual: float = 0.0
    base: float = 0.0
    rank: int | None = None
    lines: list[tuple[str, float, bool]] = field(default_factory=list)  # (item, points, automatic)

    @property
    def total(self) -> float:
        return self.base + self.automatic + self.manual


def _capped(content: Mapping[str, Any], group: str, item: str, points: float, used: dict) -> float:
    spec = content[group].get(item)
    cap = spec["cap"] if spec else 0.0
    take = max(0.0, min(points, cap - used.get(item, 0.0)))
    used[item] = used.get(item, 0.0) + take
    return take


def score_month(content: Mapping[str, Any], members: Iterable[tuple[uuid.UUID, str, bool]],
                scored: Iterable[Scored], manual: Iterable[Manual]) -> list[MemberMonth]:
    """Each member's month: base + automatic bonuses (capped) + manual bonuses − deductions (capped).

    A record that a manual entry already scores is not scored again automatically.
    """
    out = {mid: MemberMonth(mid, name, exempt) for mid, name, exempt in members}
    manual = list(manual)
    taken = {(m.member_id, m.record_id) for m in manual if m.record_id}
    used = {mid: {"bonus": {}, "deductions": {}} for mid in out}
    for m in manual:
        row = out.get(m.member_id)
        if row is None or row.exempt:
            continue
        group = "deductions" if m.item in content["deductions"] else "bonus"
        got = _capped(content, group, m.item, abs(m.points), used[m.member_id][group])
        got = -got if group == "deductions" else got
        row.manual += got
        row.lines.append((m.item, got, False))
    entered = {(m.member_id, m.item) for m in manual}
    for s in scored:
        row = out.get(s.member_id)
        if row is None or row.exempt or (s.member_id, s.record_id) in taken:
            continue
        group = "deductions" if s.item in content["deductions"] else "bonus"
        if group == "deductions" and (s.member_id, s.item) in entered:
            continue              # the committee already entered this deduction by hand this month
        got = _capped(content, group, s.item, content[group][s.item]["points"], used[s.member_id][group])
        got = -got if group == "deductions" else got
        row.automatic += got
        row.lines.append((s.item, got, True))
    for row in out.values():
        row.base = 0.0 if row.exempt else float(content["base"])
    rank(list(out.values()))
    return sorted(out.values(), key=lambda r: (r.rank is None, r.rank or 0, r.name))


def rank(rows: list[MemberMonth]) -> None:
    """Competition ranking (1, 1, 3): equal totals share a rank; exempt members are not ranked."""
    ranked = sorted((r for r in rows if not r.exempt), key=lambda r: -r.total)
    for i, row in enumerate(ranked):
        row.rank = ranked[i - 1].rank if i and ranked[i - 1].total == row.total else i + 1
