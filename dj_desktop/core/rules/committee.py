"""Committee size, roles and terms (支部工作条例 ch. 2; 《关于党的基层组织任期的意见》 2018)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Sequence

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dates import add_years
from dj_desktop.core.rules.problems import ERROR, WARNING, Problem

COMMITTEE_THRESHOLD = 7           # full members from which a branch elects a committee
BRANCH_COMMITTEE_SIZE = (3, 5)    # usual size
BRANCH_COMMITTEE_MAX = 7
UPPER_COMMITTEE_SIZE = (5, 7)     # general branch / primary committee
TERM_WARNING_DAYS = 90
#: Roles a branch under the threshold may fill: a secretary and, if needed, a deputy.
SECRETARY_ROLES = frozenset({"secretary", "deputy_secretary"})
#: Roles that are not committee seats (a group leader leads a Party group).
NON_COMMITTEE_ROLES = frozenset({"group_leader", "deputy_group_leader"})


def term_years(*, kind: str, setting: str) -> int:
    """Village and community organisations and primary committees: 5 years; others 3."""
    if setting in ("village", "community") or kind == "committee":
        return 5
    return 3


def term_end(elected_on: date, *, kind: str, setting: str) -> date:
    """The day the term ends: the anniversary of the election after the term's years."""
    return add_years(elected_on, term_years(kind=kind, setting=setting))


def term_problems(ends_on: date | None, *, today: date, warn_days: int = TERM_WARNING_DAYS) -> list[Problem]:
    """A warning when the term has ended or ends within ``warn_days`` (换届提醒)."""
    if ends_on is None:
        return [Problem("term", _("No current committee term is recorded; enter the last election."), WARNING)]
    days = (ends_on - today).days
    if days < 0:
        return [Problem("term", _("The term ended on {day}; the election (换届) is overdue.")
                        .format(day=ends_on.isoformat()), WARNING)]
    if days <= warn_days:
        return [Problem("term", _("The term ends on {day}, in {days} days; prepare the election (换届).")
                        .format(day=ends_on.isoformat(), days=days), WARNING)]
    return []


def committee_problems(*, kind: str, full_members: int, roles: Sequence[tuple[object, str]]) -> list[Problem]:
    """Problems with a committee made of ``roles`` — ``(member key, role)`` pairs of the seats held.

    ``kind`` is the organisation kind; ``full_members`` the number of full members it has.
    """
    seats = [(m, r) for m, r in roles if r not in NON_COMMITTEE_ROLES]
    people = {m for m, _r in seats}
    counts = Counter(r for _m, r in seats)
    problems: list[Problem] = []
    if counts["secretary"] > 1:
        problems.append(Problem("role", _("There can be only one secretary.")))
    if seats and counts["secretary"] == 0:
        problems.append(Problem("role", _("No secretary is recorded for the current term."), WARNING))
    if kind == "branch":
        if full_members < COMMITTEE_THRESHOLD:
            extra = [r for _m, r in seats if r not in SECRETARY_ROLES]
            if extra:
                problems.append(Problem("role", _(
                    "A branch with fewer than {threshold} full members ({count}) has a secretary and, if "
                    "needed, a deputy secretary, but no committee.").format(threshold=COMMITTEE_THRESHOLD,
                                                                          count=full_members)))
        else:
            low, high = BRANCH_COMMITTEE_SIZE
            if len(people) > BRANCH_COMMITTEE_MAX:
                problems.append(Problem("role", _("A branch committee has at most {limit} members; this one "
                                                  "has {count}.").format(limit=BRANCH_COMMITTEE_MAX,
                                                                         count=len(people))))
            elif len(people) > high:
                problems.append(Problem("role", _("A branch committee usually has {low} to {high} members; "
                                                  "this one has {count}.").format(low=low, high=high,
                                                                                  count=len(people)), WARNING))
            elif people and len(people) < low:
                problems.append(Problem("role", _(
                    "A branch with {count} full members should elect a committee of {low} to {high}; "
                    "only {seats} seats are filled.").format(count=full_members, low=low, high=high,
                                                             seats=len(people)), WARNING))
    elif kind in ("general_branch", "committee") and people:
        low, high = UPPER_COMMITTEE_SIZE
        if not low <= len(people) <= high:
            problems.append(Problem("role", _("This committee usually has {low} to {high} members; it has "
                                              "{count}.").format(low=low, high=high, count=len(people)), WARNING))
    return problems


def seat_refusal(*, kind: str, full_members: int, roles: Sequence[tuple[object, str]],
                 new_role: str) -> list[Problem]:
    """Errors that refuse adding a seat of ``new_role`` to a committee already holding ``roles``."""
    if kind == "group":
        if new_role not in NON_COMMITTEE_ROLES:
            return [Problem("role", _("A Party group has a group leader, not committee roles."))]
        return []
    if new_role in NON_COMMITTEE_ROLES:
        return [Problem("role", _("A group leader is recorded on the Party group, not in a committee term."))]
    before = {(p.field, p.message) for p in committee_problems(kind=kind, full_members=full_members, roles=roles)}
    after = committee_problems(kind=kind, full_members=full_members, roles=[*roles, (object(), new_role)])
    return [p for p in after if p.severity == ERROR and (p.field, p.message) not in before]
