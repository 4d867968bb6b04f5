"""Assessment standards (党支部工作考核标准) read from the ``assessment`` rule set, and the
arithmetic of a score: item points, deductions, the weighting, the veto, stars and tiers.

Plain data, no ORM. A standard is categories → items, each item with its points and how it
is scored: by hand (``manual``) or by a named rule over the records
(:mod:`dj_desktop.core.rules.assessment_rules`). Seed 003: 100 points in seven major items,
a one-vote veto, five star levels, tiers ≥4★ / 3★ / ≤2★.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Mapping

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.assessment_rules import RULES

MANUAL = "manual"
ONE_DECIMAL = Decimal("0.1")


def points(value: Decimal) -> Decimal:
    """Scores are kept to one decimal place (half up)."""
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    points: Decimal
    rule: str                     # a name in RULES, or "manual"
    params: Mapping[str, Any]
    how: str
    source: str
    evidence: tuple[str, ...]     # the books whose records back the score

    @property
    def automatic(self) -> bool:
        return self.rule != MANUAL


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    items: tuple[Item, ...]
    #: "basic" or "appraisal" (only a weighted standard has appraisal categories).
    part: str = "basic"

    @property
    def points(self) -> Decimal:
        return sum((i.points for i in self.items), Decimal(0))


@dataclass(frozen=True)
class Deduction:
    id: str
    title: str
    points: Decimal               # the most that can be deducted


@dataclass(frozen=True)
class Veto:
    id: str
    title: str


@dataclass(frozen=True)
class Standard:
    name: str
    title: str
    total: Decimal
    source: str
    confirmed: bool
    categories: tuple[Category, ...]
    deductions: tuple[Deduction, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    #: ``(stars, minimum score)`` from the highest level down; empty: the standard has no stars.
    stars: tuple[tuple[int, Decimal], ...] = ()
    #: ``(minimum stars, title)`` from the highest tier down.
    tiers: tuple[tuple[int, str], ...] = ()
    #: ``{"basic": w, "appraisal": w}`` or ``None``.
    weighting: Mapping[str, Decimal] | None = None
    version: str = ""
    items_by_id: Mapping[str, Item] = field(default_factory=dict, compare=False)

    @property
    def items(self) -> list[Item]:
        return [i for c in self.categories for i in c.items]

    def item(self, item_id: str) -> Item:
        return self.items_by_id[item_id]


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(_("{what} must be a whole number or a decimal written as text.").format(what=what))
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("{what} is not a number.").format(what=what)) from None
    if not number.is_finite() or number < 0:
        raise ValueError(_("{what} must not be negative.").format(what=what))
    return number


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("{what} is missing.").format(what=what))
    return value.strip()


def _item(data: Mapping[str, Any]) -> Item:
    item_id = _text(data.get("id"), _("An item's id"))
    rule = data.get("rule", MANUAL)
    if rule != MANUAL and rule not in RULES:
        raise ValueError(_("Item {item}: there is no scoring rule called “{rule}”. Known rules: {known}.").format(
            item=item_id, rule=rule, known=", ".join([MANUAL, *sorted(RULES)])))
    params = data.get("params") or {}
    if not isinstance(params, Mapping):
        raise ValueError(_("Item {item}: params must be an object.").format(item=item_id))
    if rule != MANUAL:
        problem = RULES[rule].check(params)
        if problem:
            raise ValueError(_("Item {item}: {problem}").format(item=item_id, problem=problem))
    evidence = data.get("evidence") or []
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        raise ValueError(_("Item {item}: evidence must be a list of book names.").format(item=item_id))
    return Item(id=item_id, title=_text(data.get("title"), _("Item {item}: the title").format(item=item_id)),
                points=_decimal(data.get("points"), _("Item {item}: the points").format(item=item_id)),
                rule=rule, params=dict(params), how=str(data.get("how") or ""), source=str(data.get("source") or ""),
                evidence=tuple(evidence))


def standard_from(data: Mapping[str, Any], version: str = "") -> Standard:
    """One standard of the rule set's content; ``ValueError`` with a Chinese message names what to fix."""
    name = _text(data.get("name"), _("A standard's name"))
    weighting = data.get("weighting")
    categories = []
    for c in data.get("categories") or []:
        cat_id = _text(c.get("id"), _("A category's id"))
        part = c.get("part", "basic")
        if part not in ("basic", "appraisal") or (part == "appraisal" and not weighting):
            raise ValueError(_("Category {category}: part must be basic, or appraisal in a weighted standard.").format(
                category=cat_id))
        categories.append(Category(cat_id, _text(c.get("title"), _("A category's title")),
                                   tuple(_item(i) for i in c.get("items") or []), part))
    if not categories or not all(c.items for c in categories):
        raise ValueError(_("Standard {name}: every category needs at least one item.").format(name=name))
    total = _decimal(data.get("total"), _("Standard {name}: the total").format(name=name))
    by_part = {p: sum((c.points for c in categories if c.part == p), Decimal(0)) for p in ("basic", "appraisal")}
    for part, summed in by_part.items():
        if (part == "basic" or weighting) and summed != total:
            raise ValueError(_("Standard {name}: the items add up to {sum} points, but the standard's total is "
                               "{total}.").format(name=name, sum=summed, total=total))
    ids = [i.id for c in categories for i in c.items]
    if len(set(ids)) != len(ids):
        raise ValueError(_("Standard {name}: two items have the same id.").format(name=name))
    weights = None
    if weighting:
        weights = {k: _decimal(weighting.get(k), _("The weighting")) for k in ("basic", "appraisal")}
        if weights["basic"] + weights["appraisal"] != 1:
            raise ValueError(_("Standard {name}: the weights must add up to 1.").format(name=name))
    stars = tuple(sorted(((int(s["stars"]), _decimal(s["min"], _("A star threshold")))
                          for s in data.get("stars") or []), reverse=True))
    if [m for _s, m in stars] != sorted((m for _s, m in stars), reverse=True) or any(m > total for _s, m in stars):
        raise ValueError(_("Standard {name}: star thresholds must fall with the stars and not exceed the total.")
                         .format(name=name))
    return Standard(
        name=name, title=_text(data.get("title"), _("A standard's title")), total=total,
        source=_text(data.get("source"), _("Standard {name}: the source").format(name=name)),
        confirmed=bool(data.get("confirmed", False)), categories=tuple(categories),
        deductions=tuple(Deduction(_text(d.get("id"), "id"), _text(d.get("title"), "title"),
                                   _decimal(d.get("points"), _("A deduction's points")))
                         for d in data.get("deductions") or []),
        vetoes=tuple(Veto(_text(v.get("id"), "id"), _text(v.get("title"), "title")) for v in data.get("vetoes") or []),
        stars=stars, tiers=tuple(sorted(((int(t["min_stars"]), str(t["title"])) for t in data.get("tiers") or []),
                                        reverse=True)),
        weighting=weights, version=version,
        items_by_id={i.id: i for c in categories for i in c.items})


def standards_from(content: Mapping[str, Any], version: str = "") -> dict[str, Standard]:
    out: dict[str, Standard] = {}
    for data in content["standards"]:
        standard = standard_from(data, version)
        if standard.name in out:
            raise ValueError(_("Two standards are called {name}.").format(name=standard.name))
        out[standard.name] = standard
    if not out:
        raise ValueError(_("The assessment rule set holds no standard."))
    return out


def validate_content(content: Any) -> dict[str, str]:
    try:
        standards_from(content)
        reminder_window(content)
        from dj_desktop.core.rules.star_history import star_changes_from
        star_changes_from(content)
    except ValueError as exc:
        return {"": str(exc)}
    except (KeyError, TypeError, AttributeError) as exc:
        return {"": _("The assessment content must list standards with categories and items ({problem}).").format(
            problem=str(exc)[:200])}
    return {}


# --- the arithmetic of a score -------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    total: Decimal
    stars: int | None             # None: the standard has no stars, or the veto removed eligibility
    tier: str
    vetoed: bool


def stars_for(standard: Standard, total: Decimal) -> int | None:
    """The star level of ``total`` (a threshold is included: "≥90 five stars"); None under the lowest
    threshold (不评定星级) or for a standard without stars."""
    for stars, minimum in standard.stars:
        if total >= minimum:
            return stars
    return None


def tier_for(standard: Standard, stars: int | None) -> str:
    if stars is None:
        return ""
    return next((title for minimum, title in standard.tiers if stars >= minimum), "")


def outcome(standard: Standard, scores: Mapping[str, Decimal], deductions: Mapping[str, Decimal],
            vetoes: set[str]) -> Outcome:
    """Total, stars and tier from item scores (item id → points), deductions and the vetoes found.
    A weighted standard: (basic − deductions) × w_basic + appraisal × w_appraisal."""
    parts = {p: sum((scores.get(i.id, Decimal(0)) for c in standard.categories if c.part == p for i in c.items),
                    Decimal(0)) for p in ("basic", "appraisal")}
    basic = max(parts["basic"] - sum(deductions.values(), Decimal(0)), Decimal(0))
    if standard.weighting:
        total = basic * standard.weighting["basic"] + parts["appraisal"] * standard.weighting["appraisal"]
    else:
        total = basic
    total = points(total)
    vetoed = bool(vetoes & {v.id for v in standard.vetoes})
    stars = None if vetoed else stars_for(standard, total)
    return Outcome(total=total, stars=stars, tier=tier_for(standard, stars), vetoed=vetoed)


def check_score(item: Item | Deduction, text: str) -> Decimal:
    """A score typed by hand: a number from 0 to the item's points, at most one decimal.
    Raises ``ValueError`` with a message that says what to fix."""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise ValueError(_("“{text}” is not a number; enter the score as a number, for example 4 or 4.5.").format(
            text=text)) from None
    if not value.is_finite():
        raise ValueError(_("Enter the score as a number, for example 4 or 4.5."))
    if value < 0 or value > item.points:
        raise ValueError(_("The score {value} is outside 0 to {max} points of “{title}”; enter a score within it.")
                         .format(value=value, max=item.points, title=item.title))
    if value != value.quantize(ONE_DECIMAL):
        raise ValueError(_("Enter the score with at most one decimal place."))
    return value


# --- the yearly reminder ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ReminderWindow:
    due_month: int
    due_day: int
    days_before: int
    days_after: int


def reminder_window(content: Mapping[str, Any]) -> ReminderWindow:
    data = content["reminder"]
    month, day = (int(x) for x in str(data["due"]).split("-"))
    date(2000, month, day)          # a real day of the year (raises ValueError)
    before, after = int(data["days_before"]), int(data["days_after"])
    if not (0 <= before <= 366 and 0 <= after <= 366):
        raise ValueError(_("The reminder's days must be between 0 and 366."))
    return ReminderWindow(month, day, before, after)


def yearly_reminder(on: date, window: ReminderWindow, submitted_years: set[int]) -> tuple[int, date, str] | None:
    """The year whose self-assessment is due or overdue on ``on`` and not submitted yet:
    ``(year, due day, "due" | "overdue")``; the due day itself is still "due"."""
    for year in (on.year, on.year - 1):
        due = date(year, window.due_month, window.due_day)
        if year in submitted_years:
            continue
        if due - timedelta(days=window.days_before) <= on <= due:
            return year, due, "due"
        if due < on <= due + timedelta(days=window.days_after):
            return year, due, "overdue"
    return None
