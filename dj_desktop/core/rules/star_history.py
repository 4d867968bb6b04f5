"""Star history (星级升降制, seed 003): what a branch's yearly stars trigger at the office, and the
five-star cap across an office's branches. The numbers are data in the ``assessment`` rule set
(``content.star_changes``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from dj_desktop.core.i18n import _


@dataclass(frozen=True)
class StarChanges:
    talk_secretary_drop: int       # a drop of this many levels → talk with the secretary (诫勉谈话)
    talk_committee_drop: int       # … this many or more → talk with the whole committee
    handling_below_stars: int      # below this level …
    handling_years: int            # … this many years running → organisational handling
    five_star_cap: Decimal         # share of an office's branches that may hold five stars


def star_changes_from(content: Mapping[str, Any]) -> StarChanges:
    data = content["star_changes"]
    out = StarChanges(int(data["talk_secretary_drop"]), int(data["talk_committee_drop"]),
                      int(data["handling_below_stars"]), int(data["handling_years"]),
                      Decimal(str(data["five_star_cap"])))
    if not (0 < out.talk_secretary_drop <= out.talk_committee_drop and out.handling_years > 0
            and 0 <= out.five_star_cap <= 1):
        raise ValueError(_("The star-change numbers are out of order."))
    return out


@dataclass(frozen=True)
class Trigger:
    year: int
    kind: str          # "talk_secretary" | "talk_committee" | "handling"
    text: str


def triggers(stars_by_year: Mapping[int, int | None], rules: StarChanges) -> list[Trigger]:
    """What the yearly stars (None: no star or vetoed, counted as 0) trigger, year by year."""
    out: list[Trigger] = []
    years = sorted(stars_by_year)
    for year in years:
        now = stars_by_year[year] or 0
        before = stars_by_year.get(year - 1)
        if before is not None and (before or 0) - now >= rules.talk_committee_drop:
            out.append(Trigger(year, "talk_committee", _("{year}: the stars fell by {n} levels; a talk with the "
                                                        "whole branch committee is due.").format(year=year,
                                                                                              n=(before or 0) - now)))
        elif before is not None and (before or 0) - now >= rules.talk_secretary_drop:
            out.append(Trigger(year, "talk_secretary", _("{year}: the stars fell; a talk with the branch secretary "
                                                        "is due.").format(year=year)))
        run = [y for y in range(year - rules.handling_years + 1, year + 1)]
        if all(y in stars_by_year and (stars_by_year[y] or 0) < rules.handling_below_stars for y in run):
            out.append(Trigger(year, "handling", _("{year}: below {stars} stars for {n} years running; the "
                                                   "committee is due for organisational handling.").format(
                year=year, stars=rules.handling_below_stars, n=rules.handling_years)))
    return out


def five_star_cap(branches: int, rules: StarChanges) -> int:
    """How many of ``branches`` may hold five stars (rounded down)."""
    return int(Decimal(branches) * rules.five_star_cap)
