"""Rules about one member's dates and type, and about the size of a branch (党章; 支部工作条例)."""

from __future__ import annotations

from datetime import date

from dj_desktop.core.i18n import _
from dj_desktop.core.rules.dates import add_years, age_on
from dj_desktop.core.rules.problems import WARNING, Problem

MIN_JOIN_AGE = 18            # 党章 第一条
PROBATION_YEARS = 1          # 党章 第七条
#: Probation may be extended once by up to a year; approval may take 3 (at most 6) months.
LONGEST_PROBATION_MONTHS = 12 + 12 + 6
MIN_FULL_MEMBERS_FOR_BRANCH = 3
USUAL_BRANCH_MAX = 50        # more → a general branch
GENERAL_BRANCH_MAX = 100     # more → a primary Party committee


def member_problems(*, birth_date: date | None, joined_on: date | None, full_member_on: date | None,
                    member_type: str | None, arrived_on: date | None = None,
                    left_on: date | None = None, today: date) -> list[Problem]:
    """Problems with a member's dates and member type (正式/预备)."""
    problems: list[Problem] = []
    if birth_date is not None and birth_date > today:
        problems.append(Problem("birth_date", _("The birth date {day} is in the future.")
                                .format(day=birth_date.isoformat())))
    if joined_on is None:
        problems.append(Problem("joined_on", _("Enter the date of joining the Party (入党时间).")))
    else:
        if joined_on > today:
            problems.append(Problem("joined_on", _("The joining date {day} is in the future.")
                                    .format(day=joined_on.isoformat())))
        if birth_date is not None and age_on(birth_date, joined_on) < MIN_JOIN_AGE:
            problems.append(Problem("joined_on", _(
                "On the joining date {day} the member was {age}, younger than {minimum}; check the "
                "joining date and the birth date.").format(day=joined_on.isoformat(),
                                                           age=age_on(birth_date, joined_on), minimum=MIN_JOIN_AGE)))
    problems += _full_member_problems(joined_on, full_member_on, member_type, today)
    if arrived_on is not None and joined_on is not None and arrived_on < joined_on:
        problems.append(Problem("arrived_on", _(
            "The date of coming to this branch {day} is before the joining date {joined}.")
            .format(day=arrived_on.isoformat(), joined=joined_on.isoformat())))
    if left_on is not None and arrived_on is not None and left_on < arrived_on:
        problems.append(Problem("left_on", _("The leaving date {day} is before the date of coming to this branch.")
                                .format(day=left_on.isoformat())))
    return problems


def _full_member_problems(joined_on: date | None, full_member_on: date | None, member_type: str | None,
                          today: date) -> list[Problem]:
    problems: list[Problem] = []
    if member_type == "probationary" and full_member_on is not None:
        problems.append(Problem("member_type", _(
            "A probationary member has no full-membership date; clear the date or set the type to full member.")))
    if member_type == "full" and full_member_on is None:
        problems.append(Problem("full_member_on", _(
            "Enter the date of becoming a full member (转正时间), or set the type to probationary member.")))
    if full_member_on is not None:
        if full_member_on > today:
            problems.append(Problem("full_member_on", _("The full-membership date {day} is in the future.")
                                    .format(day=full_member_on.isoformat())))
        if joined_on is not None:
            if full_member_on <= joined_on:
                problems.append(Problem("full_member_on", _(
                    "The full-membership date {day} must be after the joining date {joined}.")
                    .format(day=full_member_on.isoformat(), joined=joined_on.isoformat())))
            elif full_member_on < add_years(joined_on, PROBATION_YEARS):
                problems.append(Problem("full_member_on", _(
                    "Probation normally lasts one year: {day} is less than a year after joining on {joined}.")
                    .format(day=full_member_on.isoformat(), joined=joined_on.isoformat()), WARNING))
            elif full_member_on > _add_months(joined_on, LONGEST_PROBATION_MONTHS):
                problems.append(Problem("full_member_on", _(
                    "{day} is more than two and a half years after joining on {joined}; probation can be "
                    "extended only once, by at most a year. Check the dates.")
                    .format(day=full_member_on.isoformat(), joined=joined_on.isoformat()), WARNING))
    elif joined_on is not None and member_type != "full":
        due = add_years(joined_on, PROBATION_YEARS)
        if due < today:
            problems.append(Problem("full_member_on", _(
                "The one-year probation ended on {day}; discuss the conversion to full membership.")
                .format(day=due.isoformat()), WARNING))
    return problems


def member_type_for(full_member_on: date | None) -> str:
    """'full' once a full-membership date exists, otherwise 'probationary'."""
    return "full" if full_member_on is not None else "probationary"


def is_full_member_on(full_member_on: date | None, on: date) -> bool:
    return full_member_on is not None and full_member_on <= on


def branch_size_problems(*, full_members: int, members: int) -> list[Problem]:
    """Warnings about the size of a branch; data entry is never refused for them."""
    problems: list[Problem] = []
    if full_members < MIN_FULL_MEMBERS_FOR_BRANCH:
        problems.append(Problem("", _(
            "A Party branch needs at least {minimum} full members; this branch has {count}. "
            "Consider a joint branch with a neighbouring unit.").format(minimum=MIN_FULL_MEMBERS_FOR_BRANCH,
                                                                        count=full_members), WARNING))
    if members > GENERAL_BRANCH_MAX:
        problems.append(Problem("", _(
            "The branch has {count} members; above {limit} a primary Party committee is normally set up.")
            .format(count=members, limit=GENERAL_BRANCH_MAX), WARNING))
    elif members > USUAL_BRANCH_MAX:
        problems.append(Problem("", _(
            "The branch has {count} members; above {limit} a general branch is normally set up.")
            .format(count=members, limit=USUAL_BRANCH_MAX), WARNING))
    return problems


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
